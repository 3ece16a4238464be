package dev.providers.engine.internal.anthropic;

import dev.providers.engine.message.ErrorKind;
import org.jspecify.annotations.Nullable;

/**
 * The error kind of an Anthropic error {@code type}, as it arrives in an {@code error} event or
 * an error body on HTTP 200 (docs/dialects/anthropic-messages.md §4.4). A message the overflow
 * patterns match is a context overflow whatever its type.
 *
 * <p>Thread-safety: stateless.
 */
final class ErrorTypes {

    private ErrorTypes() { }

    /** Returns the kind of an error type (null or unknown: SERVER). */
    static ErrorKind kindOf(@Nullable String type) {
        if (type == null) {
            return ErrorKind.SERVER;
        }
        return switch (type) {
            case "authentication_error", "permission_error", "billing_error" -> ErrorKind.AUTH;
            case "not_found_error" -> ErrorKind.MODEL_NOT_FOUND;
            case "rate_limit_error" -> ErrorKind.RATE_LIMIT;
            case "invalid_request_error" -> ErrorKind.INVALID_REQUEST;
            case "request_too_large" -> ErrorKind.CONTEXT_OVERFLOW;
            case "timeout_error" -> ErrorKind.TIMEOUT;
            default -> ErrorKind.SERVER; // overloaded_error, api_error and anything new
        };
    }
}
