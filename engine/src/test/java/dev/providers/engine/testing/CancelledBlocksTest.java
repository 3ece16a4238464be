package dev.providers.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.engine.ModelRef;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.internal.stream.AssemblyConfig;
import dev.providers.engine.internal.stream.MessageAssembler;
import dev.providers.engine.spec.ModelCost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * G7 for dialects that end a block before the next one starts (a Responses output item that
 * is done): a cancel emits no {@code *_end}, but a block the dialect ended before the stream
 * moved on stays ended.
 */
class CancelledBlocksTest {

    private final List<StreamEvent> events = new ArrayList<>();
    private final MessageAssembler sink = new MessageAssembler(new AssemblyConfig("test-dialect",
            ModelRef.of("p", "m"), ModelCost.ZERO, null), 1, events::add);

    @Test
    @DisplayName("a block ended before the next started, then a cancel: well formed")
    void endedBeforeTheNextBlock() {
        sink.start();
        sink.thinking("reasoning", "Hm.");
        sink.thinkingSignature("reasoning", "{\"id\":\"rs_1\"}");
        sink.endBlock("reasoning");
        sink.text("message", "Hel");
        sink.abort();
        assertEquals(List.of(), EventInvariants.check(events, null));
    }

    @Test
    @DisplayName("a cancel that closes the open block breaks G7")
    void closingOnCancel() {
        sink.start();
        sink.thinking("reasoning", "Hm.");
        sink.endBlock("reasoning");
        sink.text("message", "Hel");
        sink.endBlock("message"); // what a cancel must not do
        sink.abort();
        assertEquals(List.of("G7: a cancelled stream closed 1 block(s)"),
                EventInvariants.check(events, null));
    }
}
