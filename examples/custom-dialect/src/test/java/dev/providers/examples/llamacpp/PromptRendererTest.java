package dev.providers.examples.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.Tool;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.Usage;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PromptRendererTest {

    private static final Context CHAT = new Context("Be brief.", List.of(
            UserMessage.of("Hi"),
            AssistantMessage.of("p", "m", new TextContent("Hello!")),
            UserMessage.of("Say hello.")), List.of());

    @Test
    @DisplayName("chatml: every turn in im_start/im_end, then the assistant's opening")
    void chatml() {
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n"
                + "<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\nHello!<|im_end|>\n"
                + "<|im_start|>user\nSay hello.<|im_end|>\n"
                + "<|im_start|>assistant\n", PromptRenderer.render(CHAT, PromptTemplate.CHATML));
    }

    @Test
    @DisplayName("llama3: header tokens, trimmed text, eot_id; no begin_of_text")
    void llama3() {
        Context padded = CHAT.with(UserMessage.of("  And again?\n"));
        assertEquals("<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nSay hello.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nAnd again?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n",
                PromptRenderer.render(padded, PromptTemplate.LLAMA3));
    }

    @Test
    @DisplayName("plain: system text, User:/Assistant: lines, and a stop at the next User:")
    void plain() {
        assertEquals("Be brief.\n\nUser: Hi\nAssistant: Hello!\nUser: Say hello.\nAssistant:",
                PromptRenderer.render(CHAT, PromptTemplate.PLAIN));
        assertEquals(List.of("\nUser:"), PromptTemplate.PLAIN.stops());
        assertEquals(List.of(), PromptTemplate.CHATML.stops());
    }

    @Test
    @DisplayName("no system prompt, no history: only the opening of the answer")
    void empty() {
        assertEquals("<|im_start|>assistant\n", PromptRenderer.render(new Context(null,
                List.of(), List.of()), PromptTemplate.CHATML));
        assertEquals("<|im_start|>user\n<|im_end|>\n<|im_start|>assistant\n",
                PromptRenderer.render(new Context("", List.of(new UserMessage(List.of(), 0)),
                        List.of()), PromptTemplate.CHATML));
    }

    @Test
    @DisplayName("thinking is not replayed; failed, cancelled and empty turns are skipped")
    void replay() {
        AssistantMessage thought = AssistantMessage.of("p", "m",
                ThinkingContent.of("let me think"), new TextContent("Hello!"));
        AssistantMessage failed = new AssistantMessage(List.of(new TextContent("Hel")),
                "llama-cpp-native", "p", "m", null, null, Usage.ZERO, StopReason.ABORTED, null,
                "cancelled", ErrorKind.ABORTED, 0);
        AssistantMessage empty = AssistantMessage.of("p", "m");
        List<Message> history = List.of(UserMessage.of("a"), thought, UserMessage.of("b"),
                failed, UserMessage.of("c"), empty, UserMessage.of("d"));
        assertEquals("<|im_start|>user\na<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n"
                + "<|im_start|>user\nb<|im_end|>\n<|im_start|>user\nc<|im_end|>\n"
                + "<|im_start|>user\nd<|im_end|>\n<|im_start|>assistant\n",
                PromptRenderer.render(new Context(null, history, List.of()),
                        PromptTemplate.CHATML));
    }

    @Test
    @DisplayName("several text blocks of one message are joined with a line break")
    void blocks() {
        Context context = Context.ofUser("x").with(UserMessage.of(new TextContent("one"),
                new TextContent("two")));
        assertEquals("User: x\nUser: one\ntwo\nAssistant:",
                PromptRenderer.render(context, PromptTemplate.PLAIN));
    }

    @Test
    @DisplayName("tools, tool calls, tool results and images are refused, naming the message")
    void refused() {
        Tool tool = Tool.of("get_time", "The time", Map.of("type", "object"));
        assertEquals("the llama-cpp-native dialect takes no tools; the context offers 1",
                refusal(Context.ofUser("x").withTools(List.of(tool))));
        assertEquals("the llama-cpp-native dialect takes no tools; message 1 holds a tool call",
                refusal(Context.ofUser("x").with(AssistantMessage.of("p", "m",
                        ToolCall.of("c1", "get_time", Map.of())))));
        assertEquals("the llama-cpp-native dialect takes no tools; message 1 is a tool result",
                refusal(Context.ofUser("x").with(ToolResultMessage.of("c1", "get_time",
                        "noon"))));
        assertEquals("the llama-cpp-native dialect sends text only; message 0 holds an image",
                refusal(new Context(null, List.of(UserMessage.of(new TextContent("look"),
                        ImageContent.of(new byte[] {1, 2, 3}, "image/png"))), List.of())));
    }

    private static String refusal(Context context) {
        return assertThrows(IllegalArgumentException.class,
                () -> PromptRenderer.render(context, PromptTemplate.CHATML)).getMessage();
    }

    @Test
    @DisplayName("a flag value names its template; anything else is refused with the choices")
    void flagValues() {
        for (PromptTemplate template : PromptTemplate.values()) {
            assertEquals(template, PromptTemplate.of(template.flagValue()));
        }
        assertEquals("compat.promptTemplate 'ChatML' is not one of chatml, llama3, plain",
                assertThrows(IllegalArgumentException.class, () -> PromptTemplate.of("ChatML"))
                        .getMessage());
    }
}
