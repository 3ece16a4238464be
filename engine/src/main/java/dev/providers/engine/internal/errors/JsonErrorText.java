package dev.providers.engine.internal.errors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * Finds the human-readable text in the JSON error bodies servers send
 * (docs/dialects/openai-completions.md §8.2):
 *
 * <ul>
 *   <li>OpenAI and llama.cpp: {@code {"error":{"message":…,"type":…,"code":…}}}, plus
 *       OpenRouter's {@code error.metadata.raw} (the upstream's own body) on a new line;
 *   <li>Spring Boot: {@code {"timestamp","status","error","path"}} and an optional
 *       {@code message}; mocks: {@code {"error":"<string>","message":…}}; both give
 *       {@code <error>: <message>}, or {@code <error>} alone;
 *   <li>a top-level {@code message} or FastAPI's {@code detail} string;
 *   <li>any of these as the first element of an array (Gemini's OpenAI endpoint).
 * </ul>
 *
 * <p>Thread-safety: stateless.
 */
public final class JsonErrorText {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    // Spring Boot's placeholder when server.error.include-message is off
    private static final String SPRING_NO_MESSAGE = "No message available";

    private JsonErrorText() {
    }

    /** Returns the error text of a JSON body, or null when it is not JSON of a known shape. */
    static @Nullable String parse(String json) {
        try {
            return of(MAPPER.readTree(json));
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Returns the error text of a parsed error body or frame, or null for an unknown shape. */
    public static @Nullable String of(@Nullable JsonNode root) {
        if (root != null && root.isArray()) {
            root = root.get(0);
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            String message = text(error.get("message"));
            if (message == null) {
                return null;
            }
            String raw = text(error.path("metadata").get("raw"));
            return raw == null || raw.equals(message) ? message : message + "\n" + raw;
        }
        String message = text(root.get("message"));
        if (SPRING_NO_MESSAGE.equals(message)) {
            message = null;
        }
        String title = error != null && error.isTextual() ? text(error) : null;
        if (title != null) {
            return message == null || message.equals(title) ? title : title + ": " + message;
        }
        // FastAPI's validation errors put an array in detail, which reads better raw
        JsonNode detail = root.get("detail");
        return message != null ? message : detail != null && detail.isTextual() ? text(detail)
                : null;
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String text = node.isTextual() ? node.asText().strip() : node.toString();
        return text.isEmpty() ? null : text;
    }
}
