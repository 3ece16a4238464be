package dev.providers.examples.llamacpp;

import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserContent;
import dev.providers.engine.message.UserMessage;
import dev.providers.examples.llamacpp.PromptTemplate.Role;
import java.util.List;

/**
 * Renders a context as one prompt: the system prompt, then every user and assistant turn in
 * order, then the opening of the answer. Text only: tools, tool calls, tool results and images
 * have no place in a plain prompt and are refused, so that nothing is silently lost.
 *
 * <p>Assistant turns replay their text; their thinking is left out (the model's template would
 * not show it either), and a turn that failed or was cancelled, or has no text, is skipped, so
 * the model never sees half an answer or an empty turn. Several text blocks of one message are
 * joined with a line break.
 *
 * <p>Thread-safety: stateless.
 */
final class PromptRenderer {

    private PromptRenderer() { }

    /**
     * Returns the prompt for a context.
     *
     * @throws IllegalArgumentException if the context offers tools or holds a tool call, a tool
     *     result or an image
     */
    static String render(Context context, PromptTemplate template) {
        if (!context.tools().isEmpty()) {
            throw new IllegalArgumentException("the llama-cpp-native dialect takes no tools; "
                    + "the context offers " + context.tools().size());
        }
        StringBuilder prompt = new StringBuilder();
        String system = context.systemPrompt();
        if (system != null && !system.isEmpty()) {
            template.turn(prompt, Role.SYSTEM, system);
        }
        List<Message> messages = context.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (message instanceof UserMessage user) {
                template.turn(prompt, Role.USER, userText(user, i));
            } else if (message instanceof AssistantMessage assistant
                    && assistant.stopReason().isNormal()) {
                String text = assistantText(assistant, i);
                if (!text.isEmpty()) {
                    template.turn(prompt, Role.ASSISTANT, text);
                }
            } else if (message instanceof ToolResultMessage) {
                throw new IllegalArgumentException("the llama-cpp-native dialect takes no tools; "
                        + "message " + i + " is a tool result");
            }
        }
        template.answer(prompt);
        return prompt.toString();
    }

    private static String userText(UserMessage user, int index) {
        StringBuilder text = new StringBuilder();
        for (UserContent block : user.content()) {
            if (block instanceof ImageContent) {
                throw new IllegalArgumentException("the llama-cpp-native dialect sends text "
                        + "only; message " + index + " holds an image");
            }
            join(text, ((TextContent) block).text());
        }
        return text.toString();
    }

    private static String assistantText(AssistantMessage assistant, int index) {
        StringBuilder text = new StringBuilder();
        for (AssistantContent block : assistant.content()) {
            if (block instanceof ToolCall) {
                throw new IllegalArgumentException("the llama-cpp-native dialect takes no tools; "
                        + "message " + index + " holds a tool call");
            }
            if (block instanceof TextContent piece && !piece.text().isEmpty()) {
                join(text, piece.text());
            }
        }
        return text.toString();
    }

    private static void join(StringBuilder text, String piece) {
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(piece);
    }
}
