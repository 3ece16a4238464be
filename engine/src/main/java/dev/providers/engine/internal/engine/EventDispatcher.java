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

/**
 * Hands one stream's events from the I/O thread to the listener on the callback executor: the
 * I/O thread only enqueues; one drain at a time delivers, so calls are ordered and never
 * concurrent, and a slow listener delays only its own stream. The result future completes after
 * the listener has seen the terminal event.
 *
 * <p>Thread-safety: {@link #emit} may be called from any thread.
 */
final class EventDispatcher implements EventSink, Runnable {

    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final Queue<StreamEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor executor;
    private final StreamListener listener;
    private final CompletableFuture<AssistantMessage> result;

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
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                // the engine is closing: user code must not run here, so only settle the result
                LOG.log(Level.DEBUG, "callback executor rejected a stream's events", e);
                settle();
            }
        }
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
