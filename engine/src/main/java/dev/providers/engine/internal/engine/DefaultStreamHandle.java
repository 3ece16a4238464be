package dev.providers.engine.internal.engine;

import dev.providers.engine.ModelRef;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.internal.http.StreamExchange;
import dev.providers.engine.internal.stream.MessageAssembler;
import dev.providers.engine.message.AssistantMessage;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/** The handle of one stream: its assembler, its exchange (if it got that far), its events. */
final class DefaultStreamHandle implements StreamHandle {

    private final ModelRef model;
    private final MessageAssembler assembler;
    private final CompletableFuture<AssistantMessage> result;
    private final @Nullable EventBuffer buffer;
    private final EventDispatcher dispatcher;
    private volatile @Nullable StreamExchange exchange;

    DefaultStreamHandle(ModelRef model, MessageAssembler assembler, EventDispatcher dispatcher,
            CompletableFuture<AssistantMessage> result, @Nullable EventBuffer buffer) {
        this.model = model;
        this.dispatcher = dispatcher;
        this.assembler = assembler;
        this.result = result;
        this.buffer = buffer;
    }

    void exchange(StreamExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public ModelRef model() {
        return model;
    }

    @Override
    public CompletableFuture<AssistantMessage> result() {
        return result;
    }

    @Override
    public void cancel() {
        abort("Request was aborted");
    }

    /** Cancels with a reason, such as the engine closing. */
    void abort(String reason) {
        // first, so that nothing the I/O thread already queued reaches the listener
        dispatcher.cancel();
        StreamExchange current = exchange;
        if (current != null) {
            current.cancel(reason);
        } else {
            assembler.abort(reason);
        }
    }

    /**
     * Completes the result with the terminal message even if the listener has not been handed
     * it yet (it is blocked); for closing the engine. Returns whether it completed it.
     */
    boolean settle() {
        AssistantMessage last = assembler.result();
        return last != null && result.complete(last);
    }

    @Override
    public AssistantMessage partial() {
        return assembler.snapshot();
    }

    @Override
    public Flow.Publisher<StreamEvent> events() {
        return buffered().publisher();
    }

    @Override
    public Iterator<StreamEvent> iterator() {
        return buffered().iterator();
    }

    private EventBuffer buffered() {
        if (buffer == null) {
            throw new IllegalStateException("this stream delivers its events to the listener "
                    + "it was started with");
        }
        return buffer;
    }

    @Override
    public List<String> deviations() {
        return assembler.deviations();
    }

    @Override
    public String toString() {
        return "StreamHandle[" + model + "]";
    }
}
