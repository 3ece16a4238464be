package dev.providers.engine.internal.anthropic;

import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import org.jspecify.annotations.Nullable;

/**
 * What each {@code stop_reason} means (docs/dialects/anthropic-messages.md §4.3):
 * {@code end_turn}, {@code stop_sequence} and {@code pause_turn} stop, {@code max_tokens} is
 * LENGTH, {@code tool_use} is TOOL_USE, {@code refusal} an error of kind CONTENT_FILTER and
 * {@code model_context_window_exceeded} one of kind CONTEXT_OVERFLOW. An unknown reason stops,
 * and the decoder records it as a deviation.
 *
 * <p>Thread-safety: stateless.
 */
final class StopReasons {

    /**
     * A stop reason's meaning: a normal reason, or an error kind with its message.
     *
     * @param reason STOP, LENGTH, TOOL_USE or ERROR
     * @param kind the error's kind for ERROR, else null
     * @param message the error's message for ERROR, else null
     * @param known whether the wire value is one Anthropic documents
     */
    record Meaning(StopReason reason, @Nullable ErrorKind kind, @Nullable String message,
            boolean known) { }

    private StopReasons() { }

    /** Returns what a wire {@code stop_reason} means. */
    static Meaning of(String raw) {
        return switch (raw) {
            case "end_turn", "stop_sequence", "pause_turn" ->
                    new Meaning(StopReason.STOP, null, null, true);
            case "max_tokens" -> new Meaning(StopReason.LENGTH, null, null, true);
            case "tool_use" -> new Meaning(StopReason.TOOL_USE, null, null, true);
            case "refusal" -> new Meaning(StopReason.ERROR, ErrorKind.CONTENT_FILTER,
                    "the model declined to answer (stop_reason refusal)", true);
            case "model_context_window_exceeded" -> new Meaning(StopReason.ERROR,
                    ErrorKind.CONTEXT_OVERFLOW, "the answer reached the end of the model's "
                    + "context window (stop_reason model_context_window_exceeded)", true);
            default -> new Meaning(StopReason.STOP, null, null, false);
        };
    }
}
