package dev.providers.engine.event;

import dev.providers.engine.event.StreamEvent.Done;
import dev.providers.engine.event.StreamEvent.ErrorEvent;
import dev.providers.engine.event.StreamEvent.Start;
import dev.providers.engine.event.StreamEvent.TextDelta;
import dev.providers.engine.event.StreamEvent.TextEnd;
import dev.providers.engine.event.StreamEvent.TextStart;
import dev.providers.engine.event.StreamEvent.ThinkingDelta;
import dev.providers.engine.event.StreamEvent.ThinkingEnd;
import dev.providers.engine.event.StreamEvent.ThinkingStart;
import dev.providers.engine.event.StreamEvent.ToolCallDelta;
import dev.providers.engine.event.StreamEvent.ToolCallEnd;
import dev.providers.engine.event.StreamEvent.ToolCallStart;

/**
 * Receives one stream's events. Every method has a no-op default; override the ones you need,
 * or {@link #onEvent} to see every event in one place.
 *
 * <p>Calls for one stream are sequential and in order, on the engine's callback executor, never
 * on an HTTP I/O thread. An exception thrown here is logged and does not affect the stream.
 */
public interface StreamListener {

    /** Receives every event; the default dispatches to the method for its kind. */
    default void onEvent(StreamEvent event) {
        if (event instanceof TextDelta e) {
            onTextDelta(e);
        } else if (event instanceof ThinkingDelta e) {
            onThinkingDelta(e);
        } else if (event instanceof ToolCallDelta e) {
            onToolCallDelta(e);
        } else if (event instanceof Start e) {
            onStart(e);
        } else if (event instanceof TextStart e) {
            onTextStart(e);
        } else if (event instanceof TextEnd e) {
            onTextEnd(e);
        } else if (event instanceof ThinkingStart e) {
            onThinkingStart(e);
        } else if (event instanceof ThinkingEnd e) {
            onThinkingEnd(e);
        } else if (event instanceof ToolCallStart e) {
            onToolCallStart(e);
        } else if (event instanceof ToolCallEnd e) {
            onToolCallEnd(e);
        } else if (event instanceof Done e) {
            onDone(e);
        } else if (event instanceof ErrorEvent e) {
            onError(e);
        }
    }

    /** The response head arrived. */
    default void onStart(Start event) { }

    /** A text block opened. */
    default void onTextStart(TextStart event) { }

    /** A piece of text arrived. */
    default void onTextDelta(TextDelta event) { }

    /** A text block closed. */
    default void onTextEnd(TextEnd event) { }

    /** A thinking block opened. */
    default void onThinkingStart(ThinkingStart event) { }

    /** A piece of thinking arrived. */
    default void onThinkingDelta(ThinkingDelta event) { }

    /** A thinking block closed. */
    default void onThinkingEnd(ThinkingEnd event) { }

    /** A tool call opened, with its id and name. */
    default void onToolCallStart(ToolCallStart event) { }

    /** A fragment of a tool call's arguments arrived. */
    default void onToolCallDelta(ToolCallDelta event) { }

    /** A tool call closed, with its parsed arguments. */
    default void onToolCallEnd(ToolCallEnd event) { }

    /** The response ended normally (terminal). */
    default void onDone(Done event) { }

    /** The response failed or was cancelled (terminal). */
    default void onError(ErrorEvent event) { }
}
