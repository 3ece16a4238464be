package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.CacheRetention;
import org.jspecify.annotations.Nullable;

/**
 * Anthropic-style prompt-cache breakpoints for gateways in front of Anthropic models
 * ({@code cacheControlFormat: anthropic}, {@code docs/dialects/openai-completions.md} §3.2): a
 * {@code cache_control} marker on the system message, the last tool definition, and the last
 * text part of the last user, assistant or tool message that has text.
 *
 * <p>A string content becomes one text part so that the marker has somewhere to live; empty
 * text never carries a marker (Anthropic rejects that). Markers go on content parts, the only
 * place Anthropic reads them, and on the tool object itself.
 *
 * <p>Thread-safety: stateless.
 */
final class CacheMarkers {

    private CacheMarkers() { }

    /** Returns the marker for a retention, or null when caching is off. */
    static @Nullable ObjectNode marker(CacheRetention retention, boolean longRetention) {
        if (retention == CacheRetention.NONE) {
            return null;
        }
        ObjectNode marker = WireJson.object();
        marker.put("type", "ephemeral");
        if (retention == CacheRetention.LONG && longRetention) {
            marker.put("ttl", "1h");
        }
        return marker;
    }

    /** Places the markers on the messages and tools. */
    static void apply(ArrayNode messages, @Nullable ArrayNode tools, ObjectNode marker) {
        for (JsonNode message : messages) {
            String role = WireJson.role(message);
            if ((role.equals("system") || role.equals("developer")) && message.has("content")) {
                mark((ObjectNode) message, marker);
                break;
            }
        }
        if (tools != null && !tools.isEmpty()) {
            ((ObjectNode) tools.get(tools.size() - 1)).set("cache_control", marker.deepCopy());
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            String role = WireJson.role(messages.get(i));
            if ((role.equals("user") || role.equals("assistant") || role.equals("tool"))
                    && mark((ObjectNode) messages.get(i), marker)) {
                return;
            }
        }
    }

    private static boolean mark(ObjectNode message, ObjectNode marker) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            if (content.textValue().isEmpty()) {
                return false;
            }
            ObjectNode part = WireJson.textPart(content.textValue());
            part.set("cache_control", marker.deepCopy());
            message.putArray("content").add(part);
            return true;
        }
        for (int i = content.size() - 1; i >= 0; i--) {
            JsonNode part = content.get(i);
            if ("text".equals(part.path("type").asText())
                    && !part.path("text").asText("").isEmpty()) {
                ((ObjectNode) part).set("cache_control", marker.deepCopy());
                return true;
            }
        }
        return false;
    }
}
