package dev.providers.engine.internal.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A cheap prompt-size estimate: characters / 4, rounded up, over the text the request carries
 * (the system instruction, text and thought parts, function names, arguments and responses, the
 * tool declarations as JSON), plus {@value #IMAGE_TOKENS} tokens per image, what Gemini counts
 * for an image of up to 384 pixels a side.
 *
 * <p>Thread-safety: stateless.
 */
final class TokenEstimate {

    /** The tokens one inline image counts for. */
    static final int IMAGE_TOKENS = 258;

    private TokenEstimate() { }

    /** Returns the estimated prompt tokens of a request's parts. */
    static int estimate(@Nullable JsonNode system, JsonNode contents, @Nullable JsonNode tools) {
        long chars = 0;
        long images = 0;
        if (system != null) {
            chars += partsChars(system.path("parts"));
        }
        for (JsonNode content : contents) {
            chars += partsChars(content.path("parts"));
            for (JsonNode part : content.path("parts")) {
                images += part.has("inlineData") ? 1 : 0;
            }
        }
        if (tools != null) {
            chars += GeminiJson.text(tools).length();
        }
        return (int) Math.min(Integer.MAX_VALUE, (chars + 3) / 4 + images * IMAGE_TOKENS);
    }

    private static long partsChars(JsonNode parts) {
        long chars = 0;
        for (JsonNode part : parts) {
            chars += part.path("text").asText("").length();
            JsonNode call = part.path("functionCall");
            if (call.isObject()) {
                chars += call.path("name").asText("").length()
                        + GeminiJson.text(call.path("args")).length();
            }
            JsonNode response = part.path("functionResponse");
            if (response.isObject()) {
                chars += response.path("name").asText("").length()
                        + GeminiJson.text(response.path("response")).length();
            }
        }
        return chars;
    }
}
