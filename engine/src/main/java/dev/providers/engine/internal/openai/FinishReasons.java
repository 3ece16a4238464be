package dev.providers.engine.internal.openai;

import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import org.jspecify.annotations.Nullable;

/** Maps a wire {@code finish_reason} to a stop reason (docs/conformance-catalogue.md §4). */
final class FinishReasons {

    /**
     * What a finish reason means.
     *
     * @param reason the stop reason
     * @param kind the error kind when the reason is ERROR
     * @param message the error message when the reason is ERROR
     */
    record Mapped(StopReason reason, @Nullable ErrorKind kind, @Nullable String message) { }

    private FinishReasons() { }

    static Mapped map(String raw) {
        return switch (raw) {
            case "stop", "end", "end_turn" -> new Mapped(StopReason.STOP, null, null);
            case "length", "max_tokens" -> new Mapped(StopReason.LENGTH, null, null);
            case "tool_calls", "function_call" -> new Mapped(StopReason.TOOL_USE, null, null);
            case "content_filter" -> error(ErrorKind.CONTENT_FILTER, raw);
            case "network_error" -> error(ErrorKind.NETWORK, raw);
            case "model_context_window_exceeded" -> error(ErrorKind.CONTEXT_OVERFLOW, raw);
            default -> error(ErrorKind.PROTOCOL, raw);
        };
    }

    private static Mapped error(ErrorKind kind, String raw) {
        return new Mapped(StopReason.ERROR, kind, "Provider finish_reason: " + raw);
    }
}
