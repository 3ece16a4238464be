package dev.providers.engine.internal.stream;

import dev.providers.engine.event.StreamEvent;

/**
 * Where an assembler's events go; called on the decoding thread (often the I/O thread), so it
 * must only enqueue.
 */
public interface EventSink {

    /** Takes one event; the terminal event is the last call. */
    void emit(StreamEvent event);

    /**
     * Until {@link #endBatch()}, events this thread emits may be held back and handed on
     * together (one network read's worth); other threads' events are not held.
     */
    default void beginBatch() { }

    /** Hands on what this thread emitted since {@link #beginBatch()}; call it in a finally. */
    default void endBatch() { }
}
