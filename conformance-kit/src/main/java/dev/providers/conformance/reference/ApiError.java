package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * A refusal of a request before any response byte was sent: an HTTP status and the JSON body to
 * answer with. Thrown by the parsing and checking code, written by the router.
 */
final class ApiError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonNode body;

    private ApiError(int status, JsonNode body) {
        // the message is for debugging only; the body is what the client sees
        super(status + " " + Json.text(body), null, false, false);
        this.status = status;
        this.body = body;
    }

    /**
     * Returns an error with a body in any shape (llama.cpp, Mistral, xAI bodies differ; Gemini's
     * may be an array).
     */
    static ApiError of(int status, JsonNode body) {
        return new ApiError(status, body);
    }

    /** Returns OpenAI's shape: {@code {"error":{"message","type","param","code"}}}. */
    static ApiError openai(int status, String message, String type, @Nullable String param,
            @Nullable String code) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return new ApiError(status, body);
    }

    /** Returns a 400 {@code invalid_request_error} in OpenAI's shape. */
    static ApiError invalid(String message, @Nullable String param, @Nullable String code) {
        return openai(400, message, "invalid_request_error", param, code);
    }

    int status() {
        return status;
    }

    JsonNode body() {
        return body;
    }
}
