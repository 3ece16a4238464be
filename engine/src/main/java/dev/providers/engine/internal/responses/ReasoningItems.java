package dev.providers.engine.internal.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Reasoning items and the thinking blocks that carry them
 * ({@code docs/dialects/openai-responses.md} §4): a thinking block's signature is the reasoning
 * item exactly as the server sent it in {@code response.output_item.done} (compact JSON: its
 * id, summary, encrypted content and, from open-weight servers, its reasoning text), so that a
 * replay sends back what the server gave, in order, before the items it belongs to.
 *
 * <p>Thread-safety: stateless.
 */
final class ReasoningItems {

    /** The item type. */
    static final String REASONING = "reasoning";

    private ReasoningItems() { }

    /** Returns the signature of a reasoning item: its compact JSON. */
    static String signature(JsonNode item) {
        return ResponsesJson.text(item);
    }

    /** Returns the reasoning item a signature holds, or null when it holds none. */
    static @Nullable ObjectNode item(@Nullable String signature) {
        if (signature == null || signature.isEmpty() || signature.charAt(0) != '{') {
            return null;
        }
        try {
            JsonNode item = ResponsesJson.MAPPER.readTree(signature);
            return item instanceof ObjectNode object
                    && REASONING.equals(object.path("type").asText()) ? object : null;
        } catch (JsonProcessingException e) {
            return null; // a signature of another dialect or written by hand: nothing to replay
        }
    }

    /**
     * Returns whether a server can take a reasoning item back: it carries encrypted content
     * (the stateless way), or reasoning text in {@code content} (what llama.cpp reads back), or
     * the server keeps items itself (no {@code store: false}), where the id is enough.
     */
    static boolean replayable(JsonNode item, ResponsesCompat compat) {
        String encrypted = ResponsesJson.string(item, "encrypted_content");
        return encrypted != null || hasText(item.path("content")) || !compat.supportsStore();
    }

    /** Returns the reasoning text of an item: summary texts and content texts, blank-separated. */
    static String text(JsonNode item) {
        StringBuilder out = new StringBuilder();
        for (String field : new String[] {"summary", "content"}) {
            for (JsonNode part : item.path(field)) {
                String text = part.path("text").asText("");
                if (!text.isEmpty()) {
                    out.append(out.length() == 0 ? "" : "\n\n").append(text);
                }
            }
        }
        return out.toString();
    }

    private static boolean hasText(JsonNode content) {
        for (JsonNode part : content) {
            if (!part.path("text").asText("").isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
