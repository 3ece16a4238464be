package dev.providers.engine.internal.http;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stream's decoding work off the I/O thread (copied reads, then the end of the body), run in
 * order, one task at a time, on the callback executor. A single drain runs everything queued
 * while it runs, so a fast stream costs one hand-over per burst of reads, not one per read.
 *
 * <p>Thread-safety: {@link #execute} and {@link #isIdle} may be called from any thread; tasks
 * run one at a time, each seeing the effects of the ones before.
 */
final class DecodeLane implements Executor, Runnable {

    private static final System.Logger LOG = System.getLogger(DecodeLane.class.getName());

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Tasks queued and not yet finished; the thread that raises it from zero starts a drain. */
    private final AtomicInteger pending = new AtomicInteger();

    DecodeLane(Executor executor) {
        this.executor = executor;
    }

    /** Returns whether every task queued so far has finished (their effects are visible). */
    boolean isIdle() {
        return pending.get() == 0;
    }

    /**
     * Queues a task after the ones already queued. If the executor refuses the drain (the engine
     * is closing, or a bounded executor is full), the caller runs it, as before the lane existed.
     */
    @Override
    public void execute(Runnable task) {
        tasks.offer(task);
        if (pending.getAndIncrement() == 0) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                run();
            }
        }
    }

    @Override
    public void run() {
        int missed = 1;
        while (true) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (Throwable e) {
                    // the drain must go on, or the stream's later reads would never be decoded
                    LOG.log(Level.ERROR, "decoding work of a stream failed", e);
                }
            }
            missed = pending.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
