package dev.providers.conformance.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The deadlines' arithmetic on an injected clock: nothing here waits. */
class DeadlinesTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Deadlines deadlines = new Deadlines(Duration.ofSeconds(120),
            Duration.ofMinutes(30), 3, now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aProtocolTestGetsTheTestTimeoutOnce() {
        TestDeadline deadline = deadlines.forTest(false);
        assertEquals(Duration.ofSeconds(120), deadline.remaining());
        assertEquals("timed out after 120 s", deadline.message());
        advance(Duration.ofSeconds(119));
        assertEquals(Duration.ofSeconds(1), deadline.remaining());
        advance(Duration.ofSeconds(5));
        assertEquals(Duration.ZERO, deadline.remaining());
    }

    @Test
    void aBehaviourTestGetsItOncePerAttempt() {
        TestDeadline deadline = deadlines.forTest(true);
        assertEquals(Duration.ofSeconds(360), deadline.remaining());
        assertEquals("timed out after 360 s (3 attempts × 120 s)", deadline.message());
    }

    @Test
    void theRunsDeadlineCutsTheLastTestShortAndThenLeavesTheRestOut() {
        advance(Duration.ofMinutes(29).plusSeconds(30));
        assertFalse(deadlines.runPassed());
        TestDeadline last = deadlines.forTest(false);
        assertEquals(Duration.ofSeconds(30), last.remaining());
        assertEquals("timed out after 30 s: the run's deadline (30 min) passed", last.message());

        advance(Duration.ofSeconds(30));
        assertTrue(deadlines.runPassed());
        assertEquals("not run: the run's deadline (30 min) passed", deadlines.notRunReason());
        assertEquals(Duration.ZERO, deadlines.forTest(false).remaining());
    }
}
