package dev.providers.engine.internal.responses;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A cheap prompt-size estimate, the rule chat completions uses: characters / 4, rounded up,
 * with 4800 characters per image. It counts what is sent: instructions, message texts, replayed
 * reasoning text, call names and arguments, tool outputs, and each tool definition as JSON.
 * Encrypted reasoning is opaque and not counted.
 *
 * <p>Thread-safety: stateless.
 */
final class InputSize {

    /** The characters one image counts for. */
    static final int IMAGE_CHARS = 4800;

    private InputSize() { }

    /** Returns the estimated prompt tokens. */
    static int estimate(@Nullable String instructions, JsonNode input, @Nullable JsonNode tools) {
        long chars = instructions == null ? 0 : instructions.length();
        for (JsonNode item : input) {
            chars += parts(item.path("content"));
            chars += parts(item.path("summary"));
            chars += item.path("name").asText("").length();
            chars += item.path("arguments").asText("").length();
            chars += parts(item.path("output"));
        }
        if (tools != null) {
            for (JsonNode tool : tools) {
                chars += ResponsesJson.text(tool).length();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, (chars + 3) / 4);
    }

    /** Counts a string, or the text and images of an array of parts. */
    private static long parts(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().length();
        }
        long chars = 0;
        for (JsonNode part : value) {
            chars += "input_image".equals(part.path("type").asText()) ? IMAGE_CHARS
                    : part.path("text").asText("").length();
        }
        return chars;
    }
}
