package dev.providers.engine.internal.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The platform callback pool grows only when its threads are all blocked, never merely because
 * they are all busy; the stall checks run when the test says, not on a clock.
 */
class CallbackPoolTest {

    /** A scheduler whose tasks run only when {@link #runDue()} is called. */
    private static final class ManualTimers extends ScheduledThreadPoolExecutor {
        private final List<Runnable> due = new ArrayList<>();

        ManualTimers() {
            super(1);
        }

        @Override
        public synchronized @Nullable ScheduledFuture<?> schedule(Runnable task, long delay,
                TimeUnit unit) {
            due.add(task);
            return null;
        }

        /** Runs the checks scheduled so far; returns how many ran. */
        int runDue() {
            List<Runnable> now;
            synchronized (this) {
                now = new ArrayList<>(due);
                due.clear();
            }
            now.forEach(Runnable::run);
            return now.size();
        }
    }

    private final ManualTimers timers = new ManualTimers();
    private final CallbackPool pool = new CallbackPool(2, Thread::new, timers);

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        timers.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void blockedThreadsGetAHelperAndTheExtraThreadGoesWhenTheQueueEmpties() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                blocked.countDown();
                await(release);
            });
        }
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(ran::countDown);
        assertEquals(1, timers.runDue(), "a task waits behind blocked threads: a check is due");
        assertTrue(ran.await(10, TimeUnit.SECONDS), "the check added a thread for it");
        assertEquals(3, pool.getCorePoolSize());

        release.countDown();
        assertEquals(1, timers.runDue(), "the check re-armed itself");
        assertEquals(2, pool.getCorePoolSize(), "back to one thread per core");
        assertEquals(0, timers.runDue(), "nothing waits: no check scheduled");
    }

    @Test
    void threadsThatKeepFinishingTasksAreNeverJoinedByMore() throws Exception {
        CountDownLatch done = new CountDownLatch(2_000);
        for (int i = 0; i < 2_000; i++) {
            pool.execute(() -> {
                spin();
                done.countDown();
            });
        }
        // a check runs only after some task finished since the previous one, as on a clock
        // whose interval is longer than a task
        for (int checks = 0; checks < 10_000 && done.getCount() > 0; checks++) {
            long finished = pool.getCompletedTaskCount();
            for (int wait = 0; wait < 10_000 && pool.getCompletedTaskCount() == finished
                    && done.getCount() > 0; wait++) {
                Thread.sleep(1);
            }
            timers.runDue();
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(2, pool.getLargestPoolSize(), "saturated, never stalled: no extra thread");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void spin() {
        long end = System.nanoTime() + 20_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
