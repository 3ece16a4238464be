package dev.providers.engine.internal.responses;

import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.spi.DecoderContext;
import org.jspecify.annotations.Nullable;

/**
 * The error kind of an error a stream reports ({@code response.failed} or an {@code error}
 * event; {@code docs/dialects/openai-responses.md} §5.3): a context overflow by its code or its
 * text, then by code.
 *
 * <p>Thread-safety: stateless.
 */
final class ErrorCodes {

    private ErrorCodes() { }

    /** Returns the kind of an error with this code (or none) and message (already cut). */
    static ErrorKind kind(@Nullable String code, String message, DecoderContext context) {
        if ("context_length_exceeded".equals(code) || context.isOverflow(message)) {
            return ErrorKind.CONTEXT_OVERFLOW;
        }
        if (code == null) {
            return ErrorKind.SERVER;
        }
        return switch (code) {
            case "rate_limit_exceeded", "insufficient_quota", "429" -> ErrorKind.RATE_LIMIT;
            case "invalid_prompt", "invalid_request_error", "invalid_value", "invalid_type",
                    "missing_required_parameter", "unknown_parameter", "unsupported_parameter",
                    "invalid_image", "invalid_image_url", "invalid_image_format",
                    "empty_image_file", "image_too_large", "400", "413", "422" ->
                    ErrorKind.INVALID_REQUEST;
            case "model_not_found", "404" -> ErrorKind.MODEL_NOT_FOUND;
            case "invalid_api_key", "unauthorized", "401", "403" -> ErrorKind.AUTH;
            case "content_filter" -> ErrorKind.CONTENT_FILTER;
            case "timeout", "408" -> ErrorKind.TIMEOUT;
            default -> ErrorKind.SERVER; // server_error, vector_store_timeout and the unknown
        };
    }
}
