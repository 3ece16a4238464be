package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@DisplayName("P02 streaming grammar")
class P02StreamingGrammarTest {

    @Test
    @DisplayName("P02 text streams as start, non-empty deltas and an end")
    void textStreams(ProviderUnderTest provider) {
        StreamRecord record = provider.stream(new Context("You are a helpful assistant.",
                List.of(UserMessage.of("Count from 1 to 3")), List.of()),
                StreamOptions.defaults());
        AssistantMessage message = Expect.answeredWithText(provider, record);
        List<StreamEvent.TextStart> starts = record.events(StreamEvent.TextStart.class);
        List<StreamEvent.TextDelta> deltas = record.events(StreamEvent.TextDelta.class);
        List<StreamEvent.TextEnd> ends = record.events(StreamEvent.TextEnd.class);
        assertFalse(starts.isEmpty(), "no text_start");
        assertTrue(deltas.stream().anyMatch(d -> !d.delta().isEmpty()), "no non-empty delta");
        assertTrue(ends.stream().anyMatch(e -> e.contentIndex() == starts.get(0).contentIndex()),
                "the text block never ended");
        assertTrue(message.content().get(starts.get(0).contentIndex()) instanceof TextContent,
                "the final message lacks the streamed text block");
        if (deltas.size() == 1) {
            provider.observe("the whole answer arrived in one chunk (no incremental streaming)");
        }
    }
}
