package dev.providers.spring.boot;

import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.observe.EngineObserver;
import dev.providers.engine.observe.StreamObservation;
import dev.providers.engine.observe.StreamStart;
import java.time.Duration;

/**
 * Counts the engine's streams that have started and not yet ended, so that a shutdown can wait
 * for them.
 *
 * <p>Thread-safety: thread-safe; the count is guarded by this object's monitor.
 */
final class InFlightStreams implements EngineObserver {

    private int open;

    @Override
    public StreamObservation streamStarted(StreamStart start) {
        synchronized (this) {
            open++;
        }
        return new StreamObservation() {
            @Override
            public void onEnd(AssistantMessage message) {
                synchronized (InFlightStreams.this) {
                    open--;
                    InFlightStreams.this.notifyAll();
                }
            }
        };
    }

    /** Returns how many streams are open now. */
    synchronized int open() {
        return open;
    }

    /**
     * Waits until no stream is open, at most {@code limit}; returns how many are still open.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    synchronized int awaitNone(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (open > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return open;
    }
}
