package dev.providers.engine.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stream's decode lane: order, idleness, and what happens when the executor refuses. */
class DecodeLaneTest {

    @Test
    void tasksRunInOrderOneAtATimeAndTheLaneIsIdleOnlyAfterTheLast() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            DecodeLane lane = new DecodeLane(pool);
            List<Integer> seen = new ArrayList<>(); // unsynchronized: the lane must serialize
            CountDownLatch release = new CountDownLatch(1);
            lane.execute(() -> await(release));
            for (int i = 0; i < 1000; i++) {
                int n = i;
                lane.execute(() -> seen.add(n));
            }
            assertFalse(lane.isIdle(), "a task is still running");
            release.countDown();
            CountDownLatch last = new CountDownLatch(1);
            lane.execute(last::countDown);
            assertTrue(last.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 100 && !lane.isIdle(); i++) {
                Thread.sleep(10);
            }
            assertTrue(lane.isIdle());
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                expected.add(i);
            }
            assertEquals(expected, seen);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheLane() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            DecodeLane lane = new DecodeLane(pool);
            CountDownLatch after = new CountDownLatch(1);
            lane.execute(() -> {
                throw new IllegalStateException("a bug in decoding");
            });
            lane.execute(after::countDown);
            assertTrue(after.await(5, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheExecutorRefusesTheCallerRunsTheTasks() {
        DecodeLane lane = new DecodeLane(task -> {
            throw new RejectedExecutionException("closing");
        });
        List<String> seen = new ArrayList<>();
        lane.execute(() -> seen.add("a"));
        lane.execute(() -> seen.add("b"));
        assertEquals(List.of("a", "b"), seen);
        assertTrue(lane.isIdle());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
