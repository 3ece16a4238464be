package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ThinkingContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P17 concurrency")
class P17ConcurrencyTest {

    private static final int STREAMS = 4;

    @Test
    @DisplayName("P17 four concurrent streams each get exactly their own events")
    void concurrentStreams(ProviderUnderTest provider) {
        List<StreamRecord> records = new ArrayList<>();
        for (int i = 1; i <= STREAMS; i++) {
            records.add(provider.stream(Context.ofUser("Reply with exactly: 'Hello test "
                    + "successful'"), StreamOptions.defaults()));
        }
        Optional<WireView> view = provider.wire(
                "each stream's text and id against its own connection");
        for (StreamRecord record : records) {
            AssistantMessage message = Expect.answeredWithText(provider, record);
            // each listener's deltas must spell what that stream's own connection carried
            StringBuilder deltas = new StringBuilder();
            for (StreamEvent.TextDelta delta : record.events(StreamEvent.TextDelta.class)) {
                deltas.append(delta.delta());
            }
            assertEquals(message.text(), deltas.toString(), record.label()
                    + ": the text deltas do not add up to the final text");
            view.ifPresent(wire -> ownConnection(record, message, wire.response(
                    record.last())));
        }
    }

    /** Asserts that a stream's text and response id are what its own connection carried. */
    private static void ownConnection(StreamRecord record, AssistantMessage message,
            ReceivedResponse wire) {
        // thinking the wire did not carry as thinking was cut from its text (think tags):
        // then the text cannot be compared verbatim
        boolean cutFromText = wire.thinking().isEmpty() && message.content().stream()
                .anyMatch(ThinkingContent.class::isInstance);
        if (!cutFromText) {
            assertEquals(wire.text(), message.text(), record.label()
                    + ": the text differs from what its connection carried");
        }
        assertEquals(wire.responseId(), message.responseId(),
                record.label() + ": another stream's response id");
    }
}
