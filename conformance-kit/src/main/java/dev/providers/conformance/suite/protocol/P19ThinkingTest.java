package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.spec.ThinkingLevel;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@Requires(Capability.THINKING)
@DisplayName("P19 thinking grammar")
class P19ThinkingTest {

    private static final List<String> FIELDS = List.of("reasoning_content", "reasoning",
            "reasoning_text");

    @Test
    @DisplayName("P19 a reasoning model thinks in the stream, and its thinking replays")
    void thinking(ProviderUnderTest provider) {
        Context context = new Context("You are a helpful assistant.",
                List.of(UserMessage.of("Count from 1 to 3")), List.of());
        StreamRecord record = provider.stream(context, StreamOptions.builder()
                .reasoning(ThinkingLevel.MEDIUM).build());
        AssistantMessage message = Expect.answered(provider, record);
        List<StreamEvent.ThinkingEnd> ends = record.events(StreamEvent.ThinkingEnd.class);
        if (ends.isEmpty()) {
            fail("the model declares reasoning: true but sent no thinking at level medium"
                    + (provider.notebook().suggestions().isEmpty() ? "; if it never thinks, "
                    + "declare reasoning: false" : "; the raw stream suggests: " + String.join(
                    ", ", provider.notebook().suggestions())));
        }
        assertFalse(record.events(StreamEvent.ThinkingStart.class).isEmpty(), "thinking_start");
        assertTrue(record.events(StreamEvent.ThinkingDelta.class).stream()
                .allMatch(d -> !d.delta().isEmpty()), "thinking deltas are never empty");
        String signature = ends.get(0).signature();
        String raw = record.last().responseText();
        if (signature != null) {
            assertTrue(FIELDS.contains(signature), "the signature names the wire field: "
                    + signature);
            assertTrue(raw.contains("\"" + signature + "\""), "the signature names a field "
                    + "the stream did not carry: " + signature);
        } else {
            provider.observe("thinking arrived without a reasoning field (tags or content "
                    + "parts)");
        }
        assertTrue(message.content().stream().anyMatch(ThinkingContent.class::isInstance),
                "the final message has no thinking block");

        Context next = context.with(message).with(UserMessage.of("Thanks. Now count from 4 "
                + "to 5."));
        StreamRecord replay = provider.stream(next, StreamOptions.builder()
                .reasoning(ThinkingLevel.MEDIUM).build());
        Expect.answered(provider, replay);
        JsonNode assistant = null;
        for (JsonNode sent : replay.requestJson().path("messages")) {
            if ("assistant".equals(sent.path("role").asText())) {
                assistant = sent;
            }
        }
        assertTrue(assistant != null, "the thinking turn was not replayed");
        String thought = ends.get(0).thinking();
        String replayField = provider.compat().string("reasoningReplayField");
        if (provider.compat().flag("requiresThinkingAsText")) {
            assertTrue(assistant.path("content").toString().contains(firstLine(thought)),
                    "compat.requiresThinkingAsText: the thinking replays as text");
        } else if ("omit".equals(replayField)) {
            for (String field : FIELDS) {
                assertFalse(assistant.path(field).asText("").contains(firstLine(thought)),
                        "compat.reasoningReplayField: omit, yet the thinking replays under '"
                                + field + "': " + assistant);
            }
        } else {
            String field = replayField != null && !replayField.equals("auto") ? replayField
                    : signature != null ? signature : "reasoning_content";
            assertTrue(assistant.path(field).asText().contains(firstLine(thought)),
                    "the thinking replays under '" + field + "': " + assistant);
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().split("\n", 2)[0];
        return line.length() > 40 ? line.substring(0, 40) : line;
    }
}
