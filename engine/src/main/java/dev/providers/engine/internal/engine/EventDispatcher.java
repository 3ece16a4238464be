package dev.providers.engine.internal.engine;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamEvent.Done;
import dev.providers.engine.event.StreamEvent.ErrorEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.internal.stream.EventSink;
import dev.providers.engine.message.AssistantMessage;
import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Hands one stream's events from the I/O thread to the listener on the callback executor: the
 * I/O thread only enqueues; one drain at a time delivers, so calls are ordered and never
 * concurrent, and a slow listener delays only its own stream. The result future completes after
 * the listener has seen the terminal event.
 *
 * <p>Once the stream is cancelled, events the listener has not yet been handed are dropped and
 * the next event it receives is the aborted terminal, cut back to what it saw: the I/O thread
 * may have read the rest of the response (even its end) before the listener asked to stop.
 *
 * <p>Hand-over: the thread whose increment of {@code pending} finds it at zero schedules the
 * drain; while the drain runs, later events join it without scheduling. Within a batch (one
 * network read being decoded) the decoding thread defers the scheduling to {@link #endBatch()},
 * so a read that holds many events wakes the callback executor once, not once per event; nobody
 * else can schedule meanwhile, because {@code pending} stays above zero until the drain runs.
 *
 * <p>Thread-safety: {@link #emit} may be called from any thread; {@link #beginBatch()} and
 * {@link #endBatch()} by the thread decoding the stream at the time (one at a time).
 */
final class EventDispatcher implements EventSink, Runnable {

    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final Queue<StreamEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor executor;
    private final StreamListener listener;
    private final CompletableFuture<AssistantMessage> result;
    private final DeliveredContent delivered = new DeliveredContent();
    private volatile boolean cancelled;
    /** Confined to the draining thread, like {@link #delivered}. */
    private boolean ended;
    /**
     * The thread inside a batch, or null. Only that thread writes it, and a thread can only
     * ever read its own reference here if it wrote it itself, so no other thread mistakes
     * itself for the batching one (a stale read shows null or another thread).
     */
    private @Nullable Thread batching;
    /** The batching thread found {@code pending} at zero: it owes the drain a schedule. */
    private boolean owed;

    EventDispatcher(Executor executor, StreamListener listener,
            CompletableFuture<AssistantMessage> result) {
        this.executor = executor;
        this.listener = listener;
        this.result = result;
    }

    @Override
    public void emit(StreamEvent event) {
        queue.offer(event);
        if (pending.getAndIncrement() == 0) {
            if (batching == Thread.currentThread()) {
                owed = true;
            } else {
                schedule();
            }
        }
    }

    @Override
    public void beginBatch() {
        batching = Thread.currentThread();
    }

    @Override
    public void endBatch() {
        batching = null;
        if (owed) {
            owed = false;
            schedule();
        }
    }

    private void schedule() {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException e) {
            // the engine is closing: user code must not run here, so only settle the result
            LOG.log(Level.DEBUG, "callback executor rejected a stream's events", e);
            settle();
        }
    }

    /** Drops what the listener has not been handed yet, from now on; see the class comment. */
    void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        int missed = 1;
        while (true) {
            StreamEvent event;
            while ((event = queue.poll()) != null) {
                deliver(event);
            }
            missed = pending.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void deliver(StreamEvent event) {
        if (ended) {
            return;
        }
        if (cancelled) {
            if (!event.isTerminal()) {
                return;
            }
            AssistantMessage latest = event instanceof Done done ? done.message()
                    : ((ErrorEvent) event).message();
            AssistantMessage aborted = delivered.aborted(latest);
            event = new ErrorEvent(aborted.stopReason(), aborted);
        } else {
            delivered.record(event);
        }
        ended = event.isTerminal();
        try {
            listener.onEvent(event);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "a stream listener threw; the stream goes on", e);
        }
        if (event instanceof Done done) {
            result.complete(done.message());
        } else if (event instanceof ErrorEvent error) {
            result.complete(error.message());
        }
    }

    private void settle() {
        StreamEvent event;
        while ((event = queue.poll()) != null) {
            if (event instanceof Done done) {
                result.complete(done.message());
            } else if (event instanceof ErrorEvent error) {
                result.complete(error.message());
            }
        }
    }
}
