package dev.providers.conformance.suite.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Attempts;
import dev.providers.conformance.api.BehaviourTier;
import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.Tool;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserContent;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@BehaviourTier
@Requires({Capability.IMAGES, Capability.TOOLS})
@DisplayName("B07 image tool result")
class B07ImageToolResultTest {

    @Test
    @DisplayName("B07a a tool that returns only an image: the model describes it")
    void imageOnlyResult(ProviderUnderTest provider) throws Exception {
        Attempts.run(provider, attempt -> {
            AssistantMessage answer = roundTrip(provider, Fixtures.GET_CIRCLE, "Call the "
                    + "get_circle tool to get an image, and describe what you see, shapes, "
                    + "colors, etc.", List.of(Fixtures.redCircle()));
            B05ImageTest.mentionsRedCircle(answer);
        });
    }

    @Test
    @DisplayName("B07b a tool that returns text and an image: the model uses both")
    void textAndImageResult(ProviderUnderTest provider) throws Exception {
        Attempts.run(provider, attempt -> {
            AssistantMessage answer = roundTrip(provider, Fixtures.GET_CIRCLE_WITH_DESCRIPTION,
                    "Use the get_circle_with_description tool and tell me what you learned. "
                            + "Also say what color the shape is.", List.of(new TextContent(
                            "This is a geometric shape with specific properties: it has a "
                                    + "diameter of 100 pixels."), Fixtures.redCircle()));
            String text = answer.text().toLowerCase(Locale.ROOT);
            assertTrue(text.matches("(?s).*(diameter|100|pixel).*"), "the text does not use "
                    + "the tool's description: " + answer.text());
            B05ImageTest.mentionsRedCircle(answer);
        });
    }

    /** Asks for the tool, answers its call with {@code result}, returns the final answer. */
    private static AssistantMessage roundTrip(ProviderUnderTest provider, Tool tool,
            String prompt, List<UserContent> result) {
        Context context = new Context(null, List.of(UserMessage.of(prompt)), List.of(tool));
        AssistantMessage call = Expect.answered(provider,
                provider.stream(context, StreamOptions.defaults()));
        assertEquals(StopReason.TOOL_USE, call.stopReason(), "no tool call: " + call.text());
        ToolCall first = call.toolCalls().get(0);
        assertEquals(tool.name(), first.name());
        context = context.with(call);
        for (ToolCall each : call.toolCalls()) {
            context = context.with(new ToolResultMessage(each.id(), each.name(), result, false,
                    List.of(), 0));
        }
        StreamRecord record = provider.stream(context, StreamOptions.defaults());
        AssistantMessage answer = Expect.answeredWithText(provider, record);
        assertEquals(StopReason.STOP, answer.stopReason());
        provider.wire("where the result's image went in the body").ifPresent(
                wire -> imageSent(wire.request(record.last())));
        return answer;
    }

    /**
     * The image of a tool result reaches the model: inside the result where the dialect allows
     * it, else in a user turn after the results (chat completions) or in the results' own turn
     * after them (Messages, whose results are user turns).
     */
    private static void imageSent(SentRequest sent) {
        List<SentRequest.Message> messages = sent.messages();
        int lastResult = -1;
        boolean inResult = false;
        for (int i = 0; i < messages.size(); i++) {
            for (SentRequest.ToolResult result : messages.get(i).toolResults()) {
                lastResult = i;
                inResult |= !result.images().isEmpty();
            }
        }
        assertTrue(lastResult >= 0, "no tool result was sent");
        boolean after = false;
        for (int i = lastResult; i < messages.size(); i++) {
            after |= messages.get(i).role() == SentRequest.Role.USER
                    && !messages.get(i).images().isEmpty();
        }
        assertTrue(inResult || after, "the tool result's image must go in the result or in a "
                + "user turn after the results");
    }
}
