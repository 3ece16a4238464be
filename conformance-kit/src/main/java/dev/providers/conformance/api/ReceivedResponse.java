package dev.providers.conformance.api;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A response as a {@link WireView} reads it, independently of the engine's decoder, so that a
 * test can compare what the engine made of a stream with what the server sent.
 *
 * @param frames the events of the body, in order (a body that is no event stream is one frame)
 * @param framing the framing features seen, in the order first seen, for the report (P15)
 * @param textDeltas the text fragments the server sent, in order
 * @param thinkingDeltas the thinking fragments the server sent, in order
 * @param thinkingSignatures the signatures thinking arrived with, as the engine would name them
 *     (for some dialects the wire field the thinking came in)
 * @param toolCallDeltas the tool-call fragments the server sent, in order
 * @param finishReason the last stop or finish reason the server sent, verbatim, or null
 * @param usage the last usage the server sent, or null when it sent none
 * @param responseId the first non-empty response id, or null
 * @param responseModel the first non-empty model the response names, or null
 */
public record ReceivedResponse(List<Frame> frames, Set<String> framing, List<String> textDeltas,
        List<String> thinkingDeltas, Set<String> thinkingSignatures,
        List<ToolCallDelta> toolCallDeltas, @Nullable String finishReason, @Nullable Usage usage,
        @Nullable String responseId, @Nullable String responseModel) {

    /** Copies the collections, keeping their order. */
    public ReceivedResponse {
        frames = List.copyOf(frames);
        framing = Collections.unmodifiableSet(new LinkedHashSet<>(framing));
        textDeltas = List.copyOf(textDeltas);
        thinkingDeltas = List.copyOf(thinkingDeltas);
        thinkingSignatures = Collections.unmodifiableSet(new LinkedHashSet<>(
                thinkingSignatures));
        toolCallDeltas = List.copyOf(toolCallDeltas);
    }

    /** Returns the text fragments joined: the text the connection carried. */
    public String text() {
        return String.join("", textDeltas);
    }

    /** Returns the thinking fragments joined. */
    public String thinking() {
        return String.join("", thinkingDeltas);
    }

    /**
     * One event of the body.
     *
     * @param event its {@code event:} name, or null when it had none
     * @param data its data, the {@code data:} lines joined by {@code \n}
     */
    public record Frame(@Nullable String event, String data) {

        /** Rejects missing data. */
        public Frame {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * One tool-call fragment.
     *
     * @param key which call it belongs to, as the dialect keys calls (such as the index)
     * @param id the call id, or null when this fragment has none
     * @param name the tool name, or null when this fragment has none
     * @param arguments the argument text of this fragment, possibly empty
     */
    public record ToolCallDelta(String key, @Nullable String id, @Nullable String name,
            String arguments) {

        /** Rejects missing values. */
        public ToolCallDelta {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /**
     * Usage as the server reported it.
     *
     * @param prompt every prompt token the server counted, cached ones included
     * @param output the output tokens as reported (whether they include reasoning is the
     *     server's choice)
     * @param cacheRead the prompt tokens read from a cache, 0 when not reported
     * @param cacheWrite the prompt tokens written to a cache, 0 when not reported
     * @param reasoning the reasoning tokens, 0 when not reported
     * @param total the total as reported, or null when the server sends none
     */
    public record Usage(long prompt, long output, long cacheRead, long cacheWrite,
            long reasoning, @Nullable Long total) { }
}
