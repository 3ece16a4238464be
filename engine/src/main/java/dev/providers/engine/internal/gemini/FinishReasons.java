package dev.providers.engine.internal.gemini;

import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps Gemini's {@code finishReason} and {@code promptFeedback.blockReason} to the event model
 * ({@code docs/dialects/google-generative-ai.md} §4.3): {@code STOP} stops (a tool use when the
 * answer called functions), {@code MAX_TOKENS} is a length stop, the filters' reasons are
 * {@code CONTENT_FILTER} errors, and everything else (a malformed or unexpected call,
 * {@code OTHER}, {@code LANGUAGE}, a value this engine does not know) is a {@code PROTOCOL}
 * error.
 *
 * <p>Thread-safety: stateless.
 */
final class FinishReasons {

    /** The reasons a filter ended the answer. */
    static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST",
            "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT",
            "IMAGE_RECITATION");

    /**
     * What a reason means: a normal stop reason, or an error kind with the sentence that says
     * why.
     *
     * @param reason STOP, LENGTH or ERROR
     * @param kind the error kind for ERROR, else null
     * @param message the error message for ERROR, else null
     */
    record Mapped(StopReason reason, @Nullable ErrorKind kind, @Nullable String message) { }

    private FinishReasons() { }

    /**
     * Returns what a {@code finishReason} means; {@code detail} is the candidate's
     * {@code finishMessage}, or null.
     */
    static Mapped finish(String raw, @Nullable String detail) {
        switch (raw) {
            case "STOP" -> {
                return new Mapped(StopReason.STOP, null, null);
            }
            case "MAX_TOKENS" -> {
                return new Mapped(StopReason.LENGTH, null, null);
            }
            default -> {
                String suffix = detail == null || detail.isBlank() ? "" : ": " + detail.strip();
                if (FILTERED.contains(raw)) {
                    return new Mapped(StopReason.ERROR, ErrorKind.CONTENT_FILTER,
                            "the answer was blocked (finishReason " + raw + ")" + suffix);
                }
                String why = switch (raw) {
                    case "MALFORMED_FUNCTION_CALL" -> "the model produced a malformed function "
                            + "call";
                    case "UNEXPECTED_TOOL_CALL" -> "the model called a tool it was not offered";
                    case "TOO_MANY_TOOL_CALLS" -> "the model made too many tool calls";
                    default -> "the answer ended abnormally";
                };
                return new Mapped(StopReason.ERROR, ErrorKind.PROTOCOL, why + " (finishReason "
                        + raw + ")" + suffix);
            }
        }
    }

    /** Returns the error of a prompt that was blocked before any answer. */
    static Mapped blocked(String blockReason) {
        return new Mapped(StopReason.ERROR, ErrorKind.CONTENT_FILTER, "the prompt was blocked "
                + "(promptFeedback.blockReason " + blockReason + ")");
    }
}
