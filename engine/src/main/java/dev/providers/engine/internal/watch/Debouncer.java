package dev.providers.engine.internal.watch;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs an action once signals have been quiet for a while, so that a burst of file events
 * becomes one reload. A burst that never goes quiet still runs the action after a maximum delay.
 *
 * <p>Thread-safety: {@link #signal()} may be called from any thread; the action runs on the
 * scheduler, never concurrently with itself when the scheduler is single-threaded.
 */
final class Debouncer {

    private final ScheduledExecutorService scheduler;
    private final LongSupplier ticker;
    private final long quietNanos;
    private final long maxDelayNanos;
    private final Runnable action;

    private long firstSignal = -1;
    private long lastSignal;
    private @Nullable ScheduledFuture<?> pending;
    private boolean closed;

    Debouncer(ScheduledExecutorService scheduler, LongSupplier ticker, long quietNanos,
            long maxDelayNanos, Runnable action) {
        this.scheduler = scheduler;
        this.ticker = ticker;
        this.quietNanos = quietNanos;
        this.maxDelayNanos = Math.max(quietNanos, maxDelayNanos);
        this.action = action;
    }

    /** Notes an event; the action runs once no event has come for the quiet period. */
    synchronized void signal() {
        if (closed) {
            return;
        }
        long now = ticker.getAsLong();
        lastSignal = now;
        if (firstSignal < 0) {
            firstSignal = now;
        }
        if (pending == null) {
            pending = scheduler.schedule(this::check, quietNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        synchronized (this) {
            pending = null;
            if (closed || firstSignal < 0) {
                return;
            }
            long now = ticker.getAsLong();
            long quietFor = now - lastSignal;
            long waitedFor = now - firstSignal;
            if (quietFor < quietNanos && waitedFor < maxDelayNanos) {
                long delay = Math.min(quietNanos - quietFor, maxDelayNanos - waitedFor);
                pending = scheduler.schedule(this::check, delay, TimeUnit.NANOSECONDS);
                return;
            }
            firstSignal = -1;
        }
        action.run();
    }

    synchronized void close() {
        closed = true;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
