package dev.providers.examples.llamacpp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.spi.DecoderContext;

/**
 * Reads the {@code error} object llama-server sends in place of a chunk when generation fails
 * after the stream started: {@code {"code": 500, "message": "...", "type": "server_error"}}.
 * The kind comes from the overflow patterns first, then the type, then the HTTP-like code.
 *
 * <p>Thread-safety: stateless.
 */
final class ServerErrors {

    /** The longest message passed on; the rest is cut, so a huge error cannot flood a log. */
    static final int MAX_MESSAGE_CHARS = 2_000;

    private ServerErrors() { }

    /** Returns the error's message, cut to {@value #MAX_MESSAGE_CHARS} characters. */
    static String message(JsonNode error) {
        JsonNode message = error.path("message");
        String text = message.isTextual() ? message.asText() : error.toString();
        if (text.isBlank()) {
            text = "(no message) " + error;
        }
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "…"
                : text;
    }

    /** Returns the kind of an error with this message. */
    static ErrorKind kind(JsonNode error, String message, DecoderContext context) {
        String type = error.path("type").asText("");
        if ("exceed_context_size_error".equals(type) || context.isOverflow(message)) {
            return ErrorKind.CONTEXT_OVERFLOW;
        }
        switch (type) {
            case "authentication_error", "permission_error" -> {
                return ErrorKind.AUTH;
            }
            case "invalid_request_error", "not_supported_error" -> {
                return ErrorKind.INVALID_REQUEST;
            }
            case "not_found_error" -> {
                return ErrorKind.MODEL_NOT_FOUND;
            }
            case "server_error", "unavailable_error" -> {
                return ErrorKind.SERVER;
            }
            default -> {
                return byCode(error.path("code").asInt(0));
            }
        }
    }

    private static ErrorKind byCode(int code) {
        if (code == 401 || code == 403) {
            return ErrorKind.AUTH;
        }
        if (code == 404) {
            return ErrorKind.MODEL_NOT_FOUND;
        }
        if (code == 429) {
            return ErrorKind.RATE_LIMIT;
        }
        if (code >= 400 && code < 500) {
            return ErrorKind.INVALID_REQUEST;
        }
        return ErrorKind.SERVER;
    }
}
