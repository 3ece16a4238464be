package dev.providers.engine.event;

import dev.providers.engine.ModelRef;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ToolCall;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event of a response stream. The grammar: {@link Start} first (once a 2xx response head has
 * arrived), then block events ({@code *Start}, {@code *Delta}, {@code *End}) by content index,
 * then exactly one terminal event, {@link Done} or {@link ErrorEvent}, and nothing after it.
 */
public sealed interface StreamEvent permits StreamEvent.Start, StreamEvent.TextStart,
        StreamEvent.TextDelta, StreamEvent.TextEnd, StreamEvent.ThinkingStart,
        StreamEvent.ThinkingDelta, StreamEvent.ThinkingEnd, StreamEvent.ToolCallStart,
        StreamEvent.ToolCallDelta, StreamEvent.ToolCallEnd, StreamEvent.Done,
        StreamEvent.ErrorEvent {

    /** Returns whether this event ends the stream. */
    default boolean isTerminal() {
        return false;
    }

    /**
     * The response head arrived (after any retries).
     *
     * @param model the model requested
     * @param timestamp epoch milliseconds when the request started
     */
    record Start(ModelRef model, long timestamp) implements StreamEvent { }

    /** A text block opened at {@code contentIndex}. */
    record TextStart(int contentIndex) implements StreamEvent { }

    /** A non-empty piece of text for the block at {@code contentIndex}. */
    record TextDelta(int contentIndex, String delta) implements StreamEvent { }

    /** The text block at {@code contentIndex} closed with its full {@code text}. */
    record TextEnd(int contentIndex, String text) implements StreamEvent { }

    /** A thinking block opened at {@code contentIndex}. */
    record ThinkingStart(int contentIndex) implements StreamEvent { }

    /** A non-empty piece of thinking for the block at {@code contentIndex}. */
    record ThinkingDelta(int contentIndex, String delta) implements StreamEvent { }

    /**
     * The thinking block at {@code contentIndex} closed.
     *
     * @param contentIndex the block
     * @param thinking the full text
     * @param signature the wire field it came from, or null
     */
    record ThinkingEnd(int contentIndex, String thinking, @Nullable String signature)
            implements StreamEvent { }

    /** A tool call opened at {@code contentIndex}; its id and name are known from here on. */
    record ToolCallStart(int contentIndex, String id, String name) implements StreamEvent { }

    /**
     * A fragment of a tool call's raw argument JSON (possibly empty). The text of all fragments
     * so far is built only when asked for, so a stream of many fragments costs time in
     * proportion to its size, not to its square.
     */
    final class ToolCallDelta implements StreamEvent {
        private final int contentIndex;
        private final String delta;
        private final CharSequence argumentsSoFar;

        /**
         * Creates the event; {@code argumentsSoFar} is every fragment of this call so far,
         * concatenated, and must not change afterwards (it is read when asked for).
         */
        public ToolCallDelta(int contentIndex, String delta, CharSequence argumentsSoFar) {
            this.contentIndex = contentIndex;
            this.delta = Objects.requireNonNull(delta, "delta");
            this.argumentsSoFar = Objects.requireNonNull(argumentsSoFar, "argumentsSoFar");
        }

        /** Returns the block's content index. */
        public int contentIndex() {
            return contentIndex;
        }

        /** Returns the fragment as sent. */
        public String delta() {
            return delta;
        }

        /** Returns every fragment of this call so far, concatenated (built on first use). */
        public String argumentsSoFar() {
            return argumentsSoFar.toString();
        }

        /** Returns the length of {@link #argumentsSoFar()} without building it. */
        public int argumentsLength() {
            return argumentsSoFar.length();
        }

        /**
         * Returns the arguments parsed from the fragments so far, tolerating incomplete JSON;
         * never null, {@code {}} while nothing is parseable.
         */
        public Map<String, Object> partialArguments() {
            return dev.providers.engine.internal.stream.PartialJson.parseObject(argumentsSoFar());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ToolCallDelta d && d.contentIndex == contentIndex
                    && d.delta.equals(delta) && d.argumentsLength() == argumentsLength()
                    && d.argumentsSoFar().equals(argumentsSoFar());
        }

        @Override
        public int hashCode() {
            return Objects.hash(contentIndex, delta, argumentsLength());
        }

        @Override
        public String toString() {
            return "ToolCallDelta[contentIndex=" + contentIndex + ", delta=" + delta
                    + ", argumentsSoFar=" + argumentsSoFar() + "]";
        }
    }

    /** The tool call at {@code contentIndex} closed with its parsed arguments. */
    record ToolCallEnd(int contentIndex, ToolCall toolCall) implements StreamEvent { }

    /**
     * The response ended normally.
     *
     * @param reason STOP, LENGTH or TOOL_USE
     * @param message the final message, immutable
     */
    record Done(StopReason reason, AssistantMessage message) implements StreamEvent {

        /** Checks that the reason is a normal one and matches the message. */
        public Done {
            Objects.requireNonNull(message, "message");
            if (!reason.isNormal() || reason != message.stopReason()) {
                throw new IllegalArgumentException("done needs a normal reason equal to the "
                        + "message's, was " + reason + " / " + message.stopReason());
            }
        }

        @Override
        public boolean isTerminal() {
            return true;
        }
    }

    /**
     * The response failed or was cancelled.
     *
     * @param reason ERROR or ABORTED
     * @param message what had arrived, with the error message and kind
     */
    record ErrorEvent(StopReason reason, AssistantMessage message) implements StreamEvent {

        /** Checks that the reason is a failure and matches the message. */
        public ErrorEvent {
            Objects.requireNonNull(message, "message");
            if (reason.isNormal() || reason != message.stopReason()) {
                throw new IllegalArgumentException("error needs ERROR or ABORTED equal to the "
                        + "message's, was " + reason + " / " + message.stopReason());
            }
        }

        @Override
        public boolean isTerminal() {
            return true;
        }
    }
}
