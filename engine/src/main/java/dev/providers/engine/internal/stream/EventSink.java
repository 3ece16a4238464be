package dev.providers.engine.internal.stream;

import dev.providers.engine.event.StreamEvent;

/** Where an assembler's events go; called on the I/O thread, so it must only enqueue. */
public interface EventSink {

    /** Takes one event; the terminal event is the last call. */
    void emit(StreamEvent event);
}
