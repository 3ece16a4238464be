package dev.providers.engine.internal.concurrent;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The callback pool of a JVM without virtual threads: as many threads as cores while tasks keep
 * finishing, one more whenever a task has waited a whole {@link #STALL_MILLIS} in which no task
 * finished (every thread is then blocked, in a listener or waiting for another stream), and back
 * to the core count once the queue is empty. Growing only on a stall, not whenever every thread
 * is busy, keeps the thread count flat when thousands of streams saturate the cores, and still
 * lets a blocked listener delay the others by no more than that interval.
 *
 * <p>The stall check runs on the engine's timer thread, only while tasks wait behind busy
 * threads; an idle engine schedules nothing. Idle threads end after a minute.
 *
 * <p>Thread-safety: thread-safe.
 */
final class CallbackPool extends ThreadPoolExecutor {

    /** A task that waited this long without any task finishing adds a thread. */
    static final long STALL_MILLIS = 50;

    private final int cores;
    private final ScheduledExecutorService timers;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicBoolean checking = new AtomicBoolean();
    /** {@link #finished} at the last check; read and written by the check only. */
    private long finishedAtCheck;

    CallbackPool(int cores, ThreadFactory threads, ScheduledExecutorService timers) {
        super(cores, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads);
        this.cores = cores;
        this.timers = timers;
        allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        super.execute(task);
        if (busy.get() >= getCorePoolSize() && !checking.get() && checking.compareAndSet(false,
                true)) {
            finishedAtCheck = finished.get();
            schedule();
        }
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        busy.incrementAndGet();
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        busy.decrementAndGet();
        finished.incrementAndGet();
    }

    private void schedule() {
        try {
            timers.schedule(this::check, STALL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            checking.set(false); // the engine is closing: its threads are no longer needed
        }
    }

    /** Adds a thread if tasks wait and none finished since the last check; else re-arms. */
    private void check() {
        if (isShutdown()) {
            checking.set(false);
            return;
        }
        long done = finished.get();
        if (getQueue().isEmpty()) {
            if (getCorePoolSize() > cores) {
                setCorePoolSize(cores); // the extra threads end as soon as they are idle
            }
            checking.set(false);
            // a task queued between the look and the reset must not go unwatched
            if (!getQueue().isEmpty() && checking.compareAndSet(false, true)) {
                finishedAtCheck = done;
                schedule();
            }
            return;
        }
        if (done == finishedAtCheck && busy.get() >= getCorePoolSize()) {
            setCorePoolSize(getCorePoolSize() + 1); // starts a thread for a waiting task
        }
        finishedAtCheck = done;
        schedule();
    }
}
