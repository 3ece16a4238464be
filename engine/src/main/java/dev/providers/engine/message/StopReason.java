package dev.providers.engine.message;

/** Why a response ended. */
public enum StopReason {
    /** The model finished. */
    STOP,
    /** The output limit was reached. */
    LENGTH,
    /** The model called tools and waits for their results. */
    TOOL_USE,
    /** The request or the stream failed; see the message's error kind and message. */
    ERROR,
    /** The caller cancelled. */
    ABORTED;

    /** Returns whether this is a normal end (carried by a {@code done} event). */
    public boolean isNormal() {
        return this == STOP || this == LENGTH || this == TOOL_USE;
    }
}
