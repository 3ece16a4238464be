package dev.providers.engine.internal.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scheduler whose time moves only when a test advances it; runs due tasks on that thread.
 * {@code execute} and the {@code submit}/{@code invoke} family run at the current time, that is
 * on the next {@link #advance}.
 */
final class ManualScheduler extends AbstractExecutorService
        implements ScheduledExecutorService {

    private final AtomicLong now = new AtomicLong();
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long sequence;
    private volatile boolean shutdown;

    long nanoTime() {
        return now.get();
    }

    /** Moves time forward, running every task that falls due, in time order. */
    void advance(long millis) {
        long target = now.get() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at > target) {
                    break;
                }
                queue.poll();
            }
            now.set(next.at);
            next.runAndRepeat();
        }
        now.set(target);
    }

    synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.isCancelled()).count();
    }

    private synchronized <V> Task<V> add(Task<V> task) {
        queue.add(task);
        return task;
    }

    private synchronized long nextOrder() {
        return sequence++;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Task<>(Executors.callable(command), now.get() + unit.toNanos(delay),
                0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Task<>(callable, now.get() + unit.toNanos(delay), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay,
            long period, TimeUnit unit) {
        return add(new Task<>(Executors.callable(command),
                now.get() + unit.toNanos(initialDelay), unit.toNanos(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay,
            long delay, TimeUnit unit) {
        // time stands still while a task runs, so a fixed delay and a fixed rate coincide
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    /** A task due at {@code at}; a positive {@code period} makes it run again after it. */
    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        long at;
        long order = nextOrder();
        final long period;

        Task(Callable<V> callable, long at, long period) {
            super(callable);
            this.at = at;
            this.period = period;
        }

        /** Runs the task; a periodic one that ran normally is queued again, one period on. */
        void runAndRepeat() {
            if (period <= 0) {
                run();
            } else if (runAndReset()) {
                at += period;
                order = nextOrder();
                add(this);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - now.get(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
