package dev.providers.engine.internal.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.message.ErrorKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads Google's error bodies ({@code docs/dialects/google-generative-ai.md} §6):
 * {@code {"error": {"code", "message", "status", "details"}}}, or the same object as the one
 * element of an array, which the streaming endpoint sometimes sends. The kind follows the
 * canonical {@code status} (else the HTTP code); a 400 {@code INVALID_ARGUMENT} saying
 * "API key not valid" (detail reason {@code API_KEY_INVALID}) is an {@code AUTH} failure; a
 * {@code NOT_FOUND} is {@code MODEL_NOT_FOUND} only when its message names a model
 * ({@code "models/x is not found for API version v1beta"}), since a wrong path is far more
 * likely; the delay of a {@code google.rpc.RetryInfo} detail ({@code "17s"}) is the retry delay.
 *
 * <p>Thread-safety: stateless. Bodies are bounded by the caller (the engine reads at most 64 KiB
 * of an error, an event at most its event limit).
 */
final class GeminiErrors {

    /** The {@code @type} of the detail that carries a retry delay. */
    static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(\\.\\d{1,9})?s");

    private GeminiErrors() { }

    /** Returns the {@code error} object of a body (an object or a one-element array), or null. */
    static @Nullable JsonNode errorObject(@Nullable JsonNode root) {
        if (root != null && root.isArray() && root.size() == 1) {
            root = root.get(0);
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode error = root.get("error");
        return error != null && error.isObject() ? error : null;
    }

    /** Returns the {@code error} object of raw body bytes, or null when there is none. */
    static @Nullable JsonNode errorObject(byte[] body) {
        try {
            return errorObject(GeminiJson.MAPPER.readTree(body));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Returns whether an error says the API key is not valid. */
    static boolean isInvalidKey(JsonNode error) {
        if (error.path("message").asText("").contains("API key not valid")) {
            return true;
        }
        for (JsonNode detail : error.path("details")) {
            if ("API_KEY_INVALID".equals(detail.path("reason").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether an error is Google's answer for a model it does not serve: a
     * {@code NOT_FOUND} (or, without a status, a 404) whose message names {@code models/…}.
     */
    static boolean isUnknownModel(JsonNode error) {
        String status = error.path("status").asText("");
        boolean notFound = status.isEmpty() ? error.path("code").asInt(0) == 404
                : status.equals("NOT_FOUND");
        return notFound && error.path("message").asText("").contains("models/");
    }

    /**
     * Returns the kind of an error object: by its key, its canonical status, else its HTTP code.
     */
    static ErrorKind kind(JsonNode error) {
        if (isInvalidKey(error)) {
            return ErrorKind.AUTH;
        }
        switch (error.path("status").asText("")) {
            case "UNAUTHENTICATED", "PERMISSION_DENIED" -> {
                return ErrorKind.AUTH;
            }
            case "RESOURCE_EXHAUSTED" -> {
                return ErrorKind.RATE_LIMIT;
            }
            case "NOT_FOUND" -> {
                return isUnknownModel(error) ? ErrorKind.MODEL_NOT_FOUND : ErrorKind.NOT_FOUND;
            }
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> {
                return ErrorKind.INVALID_REQUEST;
            }
            case "DEADLINE_EXCEEDED" -> {
                return ErrorKind.TIMEOUT;
            }
            case "INTERNAL", "UNAVAILABLE", "UNKNOWN", "ABORTED", "DATA_LOSS" -> {
                return ErrorKind.SERVER;
            }
            default -> { }
        }
        int code = error.path("code").asInt(0);
        return switch (code) {
            case 401, 403 -> ErrorKind.AUTH;
            case 404 -> isUnknownModel(error) ? ErrorKind.MODEL_NOT_FOUND : ErrorKind.NOT_FOUND;
            case 408, 504 -> ErrorKind.TIMEOUT;
            case 429 -> ErrorKind.RATE_LIMIT;
            default -> code >= 400 && code < 500 ? ErrorKind.INVALID_REQUEST : ErrorKind.SERVER;
        };
    }

    /** Returns an error's text: {@code <STATUS>: <message>}, or what of it there is. */
    static String message(JsonNode error) {
        String status = error.path("status").asText("");
        String message = error.path("message").asText("").strip();
        if (message.isEmpty()) {
            message = "(no message)";
        }
        return status.isEmpty() ? message : status + ": " + message;
    }

    /** Returns the delay of a {@code RetryInfo} detail of an error object, or null. */
    static @Nullable Duration retryDelay(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (RETRY_INFO.equals(detail.path("@type").asText())) {
                return duration(detail.path("retryDelay").asText(""));
            }
        }
        return null;
    }

    /** Parses a protobuf JSON duration such as {@code "17s"} or {@code "0.5s"}, or null. */
    static @Nullable Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        BigDecimal seconds = new BigDecimal(m.group(1) + (m.group(2) == null ? "" : m.group(2)));
        return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
    }
}
