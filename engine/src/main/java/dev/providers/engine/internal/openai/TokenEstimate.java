package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A cheap prompt-size estimate, pi-ai's rule: characters / 4, rounded up, with 4800 characters
 * per image ({@code docs/dialects/openai-completions.md} §3.1 #6). Used to clamp max tokens
 * and, by the transport,
 * for {@code contextPrecheck}.
 *
 * <p>It runs on the wire messages and tools, so it counts what is actually sent: the system
 * prompt, text and placeholders, reasoning fields, tool-call names and arguments, tool results,
 * and each tool definition as JSON text. Roles, ids and other framing are not counted.
 *
 * <p>Thread-safety: stateless.
 */
final class TokenEstimate {

    /** The characters one image counts for. */
    static final int IMAGE_CHARS = 4800;

    private static final String[] REASONING_FIELDS =
            {"reasoning_content", "reasoning", "reasoning_text"};

    private TokenEstimate() { }

    /** Returns the estimated prompt tokens of a messages array and an optional tools array. */
    static int estimate(JsonNode messages, @Nullable JsonNode tools) {
        long chars = 0;
        for (JsonNode message : messages) {
            chars += contentChars(message.path("content"));
            for (String field : REASONING_FIELDS) {
                chars += message.path(field).asText("").length();
            }
            for (JsonNode call : message.path("tool_calls")) {
                chars += call.path("function").path("name").asText("").length();
                chars += call.path("function").path("arguments").asText("").length();
            }
            chars += toolChars(message.path("tools"));
        }
        chars += toolChars(tools);
        return (int) Math.min(Integer.MAX_VALUE, (chars + 3) / 4);
    }

    private static long contentChars(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue().length();
        }
        long chars = 0;
        for (JsonNode part : content) {
            if ("image_url".equals(part.path("type").asText())) {
                chars += IMAGE_CHARS;
            } else {
                chars += part.path("text").asText("").length();
            }
        }
        return chars;
    }

    private static long toolChars(@Nullable JsonNode tools) {
        long chars = 0;
        if (tools != null) {
            for (JsonNode tool : tools) {
                chars += WireJson.text(tool).length();
            }
        }
        return chars;
    }
}
