package dev.providers.engine;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One running request. Failures never throw from here: they arrive as the {@code error} event and
 * as the final message's error kind and message.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public interface StreamHandle {

    /** Returns the model this stream asked. */
    ModelRef model();

    /**
     * Returns the final message; completes (never exceptionally) after the terminal event has
     * been delivered.
     */
    CompletableFuture<AssistantMessage> result();

    /**
     * Cancels: the stream ends with {@code aborted} at once and its connection is closed. The
     * next event the listener receives is that {@code aborted} terminal, whose content is what
     * the listener was handed before (even if more, or the whole response, had already been
     * read). Does nothing once the terminal event has been delivered.
     */
    void cancel();

    /** Returns a copy of the message as it stands now. */
    AssistantMessage partial();

    /**
     * Returns the events as a single-use publisher with backpressure; cancelling the
     * subscription cancels the stream.
     *
     * @throws IllegalStateException if the stream was started with a listener, or its events
     *     were already taken
     */
    Flow.Publisher<StreamEvent> events();

    /**
     * Returns the events as a single-use blocking iterator, ending with the terminal event.
     *
     * @throws IllegalStateException if the stream was started with a listener, or its events
     *     were already taken
     */
    Iterator<StreamEvent> iterator();

    /**
     * Returns what the server did that the engine absorbed but a user may want to know (a
     * synthesized tool-call id, a stop with tool calls, usage totals that disagree); each entry
     * starts with a code such as {@code synthesized-tool-call-id:}.
     */
    List<String> deviations();
}
