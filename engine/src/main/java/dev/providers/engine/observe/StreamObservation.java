package dev.providers.engine.observe;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;

/**
 * Watches one stream: every event its consumer gets, in order, then its final message. Every
 * method has a no-op default.
 *
 * <p>Threading: calls are sequential and in order, on the stream's own lane of the callback
 * executor (the one its listener runs on, just before the listener gets each event), never on
 * an I/O thread. Keep them short: time spent here delays the stream's listener. A
 * {@link Throwable} thrown here is logged and affects neither the stream nor other observers.
 * Once the engine's callback executor refuses work (it was shut down), nothing is called.
 */
public interface StreamObservation {

    /** Receives an event, just before the stream's consumer does; the last one is terminal. */
    default void onEvent(StreamEvent event) { }

    /**
     * Receives the final message once the terminal event has been seen, before the stream's
     * {@code result()} completes; called at most once.
     */
    default void onEnd(AssistantMessage message) { }
}
