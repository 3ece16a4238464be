package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.spec.ThinkingLevel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@Requires(Capability.THINKING)
@DisplayName("P19 thinking grammar")
class P19ThinkingTest {

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
        if (signature == null) {
            provider.observe("thinking arrived without a signature (tags or content parts)");
        }
        assertTrue(message.content().stream().anyMatch(ThinkingContent.class::isInstance),
                "the final message has no thinking block");
        provider.wire("the thinking's signature against the wire").ifPresent(wire -> {
            if (signature != null) {
                Set<String> carried = wire.response(record.last()).thinkingSignatures();
                assertTrue(carried.contains(signature), "the signature " + signature
                        + " is none the stream carried: " + carried);
            }
        });

        Context next = context.with(message).with(UserMessage.of("Thanks. Now count from 4 "
                + "to 5."));
        StreamRecord replay = provider.stream(next, StreamOptions.builder()
                .reasoning(ThinkingLevel.MEDIUM).build());
        Expect.answered(provider, replay);
        String thought = firstLine(ends.get(0).thinking());
        provider.wire("how the thinking was replayed").ifPresent(wire -> {
            List<SentRequest.Message> turns = wire.request(replay.last())
                    .messages(SentRequest.Role.ASSISTANT);
            assertFalse(turns.isEmpty(), "the thinking turn was not replayed");
            SentRequest.Message assistant = turns.get(turns.size() - 1);
            WireView.ThinkingReplay expected = wire.thinkingReplay(provider.model(), signature);
            switch (expected.kind()) {
                case AS_TEXT -> assertTrue(assistant.text().contains(thought),
                        "the flags replay the thinking as text: " + assistant);
                case OMITTED -> assertTrue(assistant.thinking().stream().noneMatch(
                        t -> t.text().contains(thought)), "the flags leave the thinking out, "
                        + "yet it replays as thinking: " + assistant);
                case AS_THINKING -> assertTrue(assistant.thinking().stream().anyMatch(
                        t -> (expected.field() == null || expected.field().equals(t.field()))
                                && t.text().contains(thought)), "the thinking replays under '"
                        + expected.field() + "': " + assistant);
            }
        });
    }

    private static String firstLine(String text) {
        String line = text.strip().split("\n", 2)[0];
        return line.length() > 40 ? line.substring(0, 40) : line;
    }
}
