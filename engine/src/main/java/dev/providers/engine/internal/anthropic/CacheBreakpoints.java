package dev.providers.engine.internal.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.CacheRetention;
import org.jspecify.annotations.Nullable;

/**
 * Anthropic's prompt-cache breakpoints (docs/dialects/anthropic-messages.md §3.5): a
 * {@code cache_control: {type: ephemeral}} marker, with {@code ttl: 1h} for long retention where
 * the server supports it, on the system block, on the last tool, and on the last block of the
 * last user turn. Three of the four breakpoints Anthropic allows; the cached prefix then grows
 * with the conversation.
 *
 * <p>(ours) The last user turn's last block is marked whatever its type (text, image or
 * {@code tool_result}, all of which take a marker), so that an agent loop, whose user turns are
 * tool results, is cached too.
 *
 * <p>Thread-safety: stateless.
 */
final class CacheBreakpoints {

    private CacheBreakpoints() { }

    /** Returns the marker for a retention, or null when no breakpoint is placed. */
    static @Nullable ObjectNode marker(CacheRetention retention, AnthropicCompat compat) {
        if (retention == CacheRetention.NONE || !compat.cacheControl()) {
            return null;
        }
        ObjectNode marker = WireJson.object().put("type", "ephemeral");
        if (retention == CacheRetention.LONG && compat.longCacheRetention()) {
            marker.put("ttl", "1h");
        }
        return marker;
    }

    /** Places the marker on the system block, the last tool and the last user turn. */
    static void apply(ObjectNode marker, @Nullable ArrayNode system, @Nullable ArrayNode tools,
            ArrayNode messages) {
        mark(system, marker);
        mark(tools, marker);
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode turn = messages.get(i);
            if ("user".equals(turn.path("role").asText())) {
                mark((ArrayNode) turn.get("content"), marker);
                return;
            }
        }
    }

    private static void mark(@Nullable ArrayNode blocks, ObjectNode marker) {
        if (blocks != null && !blocks.isEmpty()) {
            ((ObjectNode) blocks.get(blocks.size() - 1)).set("cache_control", marker.deepCopy());
        }
    }
}
