package dev.providers.engine.internal.concurrent;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor that may have many
 * threads, so listener calls stay ordered whatever executor the user supplies.
 *
 * <p>Thread-safety: {@link #execute} may be called from any thread.
 */
public final class SerialExecutor implements Executor {

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private @Nullable Runnable active;

    /** Creates a serial view of {@code delegate}. */
    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(() -> {
            try {
                task.run();
            } finally {
                scheduleNext();
            }
        });
        if (active == null) {
            scheduleNext();
        }
    }

    private synchronized void scheduleNext() {
        active = tasks.poll();
        if (active != null) {
            delegate.execute(active);
        }
    }
}
