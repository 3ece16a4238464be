package dev.providers.conformance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.spec.ThinkingLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gemini profiles of the reference server against the real engine and dialect. */
class GeminiEngineTest {

    private static final Context HELLO = Context.ofUser("Reply with exactly: 'Hello test "
            + "successful'").withSystemPrompt("You are a helpful assistant. Be concise.");
    private static final Context WEATHER = Context.ofUser("What is the weather in Paris? Use "
            + "the get_weather tool.").withTools(List.of(Fixtures.getWeather()));
    private static final StreamOptions REQUIRED = StreamOptions.builder()
            .toolChoice(ToolChoice.REQUIRED).build();

    @TempDir Path dir;

    @Test
    void theConformantProfileAnswersCallsAndThinks() {
        try (Harness h = Harness.start(Profile.GEMINI, false, dir)) {
            assertEquals("Hello test successful", h.run(HELLO, StreamOptions.defaults())
                    .message().text());
            AssistantMessage call = h.run(WEATHER, REQUIRED).message();
            assertEquals(StopReason.TOOL_USE, call.stopReason(), call.errorMessage());
            ToolCall made = call.toolCalls().get(0);
            assertEquals(Map.of("city", "Paris"), made.arguments());
            assertNotNull(made.thoughtSignature(), "a thinking model signs its calls");
            AssistantMessage answer = h.run(WEATHER.with(call).with(ToolResultMessage.of(
                    made.id(), made.name(), "sunny, 21C")), StreamOptions.defaults()).message();
            assertEquals("The weather in Paris: sunny, 21C.", answer.text(),
                    answer.errorMessage());
            AssistantMessage thought = h.run(Context.ofUser("Count from 1 to 3"),
                    StreamOptions.builder().reasoning(ThinkingLevel.MEDIUM).build()).message();
            assertTrue(thought.content().get(0) instanceof ThinkingContent,
                    thought.content().toString());
            assertEquals("1, 2, 3", thought.text().strip());
        }
    }

    @Test
    void aCallReplayedWithoutItsSignatureIsRefusedAsGemini3Does() {
        try (Harness h = Harness.start(Profile.GEMINI, false, dir)) {
            AssistantMessage call = h.run(WEATHER, REQUIRED).message();
            ToolCall made = call.toolCalls().get(0);
            AssistantMessage stripped = new AssistantMessage(List.of(ToolCall.of(made.id(),
                    made.name(), made.arguments())), call.api(), "someone-else", call.model(),
                    null, null, call.usage(), call.stopReason(), null, null, null, 0);
            // another model's call: the engine sends Google's placeholder, which is accepted
            AssistantMessage accepted = h.run(WEATHER.with(stripped).with(ToolResultMessage.of(
                    made.id(), made.name(), "sunny")), StreamOptions.defaults()).message();
            assertEquals(StopReason.STOP, accepted.stopReason(), accepted.errorMessage());
        }
    }

    @Test
    void theOverflowIsGeminisMessageAndRecognised() {
        try (Harness h = Harness.start(Profile.GEMINI, false, dir)) {
            AssistantMessage message = h.run(Context.ofUser(
                    dev.providers.conformance.api.Fixtures.overflowFiller(
                            ServedModel.CONTEXT_WINDOW)), StreamOptions.defaults()).message();
            assertEquals(ErrorKind.CONTEXT_OVERFLOW, message.errorKind());
            assertTrue(message.errorMessage().startsWith("400: The input token count ("),
                    message.errorMessage());
        }
    }
}
