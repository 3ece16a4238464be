package dev.providers.engine.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test scheduler itself: tasks run only when time is advanced, in time order. */
class ManualSchedulerTest {

    private final ManualScheduler scheduler = new ManualScheduler();

    @Test
    void tasksRunWhenTheirTimeComesInOrderAndGiveTheirResults() throws Exception {
        List<String> ran = new ArrayList<>();
        ScheduledFuture<String> late = scheduler.schedule(() -> {
            ran.add("late");
            return "done";
        }, 20, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> ran.add("early"), 10, TimeUnit.MILLISECONDS);
        Future<?> now = scheduler.submit(() -> ran.add("now"));
        ScheduledFuture<?> cancelled = scheduler.schedule(() -> ran.add("never"), 5,
                TimeUnit.MILLISECONDS);
        cancelled.cancel(false);
        assertEquals(List.of(), ran);
        assertEquals(3, scheduler.pending());

        scheduler.advance(15);
        assertEquals(List.of("now", "early"), ran);
        assertTrue(now.isDone());
        assertFalse(late.isDone());
        scheduler.advance(5);
        assertEquals("done", late.get());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void aPeriodicTaskRepeatsUntilCancelled() {
        List<Long> times = new ArrayList<>();
        ScheduledFuture<?> ticking = scheduler.scheduleAtFixedRate(
                () -> times.add(TimeUnit.NANOSECONDS.toMillis(scheduler.nanoTime())), 10, 30,
                TimeUnit.MILLISECONDS);
        scheduler.advance(100);
        assertEquals(List.of(10L, 40L, 70L, 100L), times);
        ticking.cancel(false);
        scheduler.advance(100);
        assertEquals(4, times.size());
    }
}
