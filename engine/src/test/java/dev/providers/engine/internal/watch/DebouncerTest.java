package dev.providers.engine.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bursts of events coalesce into one action, on injected time. */
class DebouncerTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicInteger runs = new AtomicInteger();
    private final Debouncer debouncer = new Debouncer(scheduler, scheduler::nanoTime,
            TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(2000),
            runs::incrementAndGet);

    @Test
    void runsOnceAfterTheQuietPeriod() {
        debouncer.signal();
        scheduler.advance(199);
        assertEquals(0, runs.get());
        scheduler.advance(1);
        assertEquals(1, runs.get());
        scheduler.advance(5000);
        assertEquals(1, runs.get());
    }

    @Test
    void eachSignalRestartsTheQuietPeriod() {
        for (int i = 0; i < 10; i++) {
            debouncer.signal();
            scheduler.advance(150);
        }
        assertEquals(0, runs.get(), "1.5 s of events 150 ms apart never went quiet");
        scheduler.advance(200);
        assertEquals(1, runs.get());
    }

    @Test
    void aBurstThatNeverGoesQuietRunsAfterTheMaximumDelay() {
        for (int i = 0; i < 30; i++) {
            debouncer.signal();
            scheduler.advance(100);
        }
        // signals every 100 ms for 3 s: runs at 2 s (the cap), then again once quiet
        assertEquals(1, runs.get());
        scheduler.advance(200);
        assertEquals(2, runs.get());
    }

    @Test
    void aSignalDuringTheActionSchedulesAnotherRun() {
        Debouncer[] self = new Debouncer[1];
        AtomicInteger count = new AtomicInteger();
        self[0] = new Debouncer(scheduler, scheduler::nanoTime, 1_000_000, 10_000_000, () -> {
            if (count.incrementAndGet() == 1) {
                self[0].signal();
            }
        });
        self[0].signal();
        scheduler.advance(1);
        assertEquals(1, count.get());
        scheduler.advance(1);
        assertEquals(2, count.get());
    }

    @Test
    void closeCancelsWhatIsPending() {
        debouncer.signal();
        debouncer.close();
        scheduler.advance(1000);
        assertEquals(0, runs.get());
        debouncer.signal();
        assertEquals(0, scheduler.pending());
    }
}
