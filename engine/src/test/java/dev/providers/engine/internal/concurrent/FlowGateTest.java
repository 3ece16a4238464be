package dev.providers.engine.internal.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stream's backpressure: pause above the high mark, resume below half, open at the end. */
class FlowGateTest {

    private final FlowGate gate = new FlowGate(10, 1000);
    private final AtomicInteger resumed = new AtomicInteger();

    @Test
    void readingGoesOnBelowTheMarks() {
        gate.queued(10, 1000);
        assertTrue(gate.admit(resumed::incrementAndGet));
        assertFalse(gate.isPaused());
    }

    @Test
    void aboveEitherMarkTheTransportPausesUntilTheConsumerIsAtHalf() {
        gate.queued(11, 0);
        assertFalse(gate.admit(resumed::incrementAndGet));
        assertTrue(gate.isPaused());
        gate.taken(5, 0); // 6 left: above half
        assertEquals(0, resumed.get());
        gate.taken(1, 0); // 5 left: half
        assertEquals(1, resumed.get());
        assertFalse(gate.isPaused());

        gate.queued(0, 1001);
        assertFalse(gate.admit(resumed::incrementAndGet), "bytes count too");
        gate.taken(0, 501);
        assertEquals(2, resumed.get());
    }

    @Test
    void readsWaitingToBeDecodedHaveTheirOwnSmallerMark() {
        FlowGate large = new FlowGate(1000, Long.MAX_VALUE);
        large.undecodedQueued(FlowGate.MAX_UNDECODED);
        assertTrue(large.admit(resumed::incrementAndGet), "at the mark: read on");
        large.undecodedQueued(1);
        assertFalse(large.admit(resumed::incrementAndGet), "above it, whatever maxBytes says");
        large.undecodedTaken(FlowGate.MAX_UNDECODED / 2);
        assertEquals(0, resumed.get(), "one byte above half");
        large.undecodedTaken(1);
        assertEquals(1, resumed.get());
        large.queued(0, FlowGate.MAX_UNDECODED * 4);
        assertTrue(large.admit(resumed::incrementAndGet), "decoded events count apart");
    }

    @Test
    void aConsumerThatDrainedBeforeThePauseIsNotWaitedFor() {
        gate.queued(11, 0);
        gate.taken(11, 0); // while the transport decides, nothing is paused yet
        assertTrue(gate.admit(resumed::incrementAndGet));
        assertEquals(0, resumed.get());
    }

    @Test
    void anEndedStreamIsReadToItsEndWhateverTheConsumerDoes() {
        gate.queued(100, 0);
        assertFalse(gate.admit(resumed::incrementAndGet));
        gate.openForGood();
        assertEquals(1, resumed.get(), "the paused transport resumes");
        assertTrue(gate.admit(resumed::incrementAndGet), "and never pauses again");
        gate.openForGood();
        assertEquals(1, resumed.get());
    }
}
