package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.CacheRetention;
import dev.providers.engine.StreamOptions;

/**
 * The prompt-cache body fields
 * ({@code docs/dialects/openai-completions.md} §3.1 #12): {@code prompt_cache_key}
 * with {@code supportsPromptCacheKey}, and {@code prompt_cache_retention: "24h"} on top of it
 * for long retention where {@code supportsLongCacheRetention}.
 *
 * <p>Thread-safety: stateless.
 */
final class PromptCache {

    /** The longest key sent, in code points (a later pi-ai revision's clamp). */
    static final int MAX_KEY_CODE_POINTS = 64;

    private PromptCache() { }

    /** Writes the fields when a session id is given, caching is on and the server takes keys. */
    static void write(ObjectNode body, CompatFlags compat, StreamOptions options) {
        String session = SessionIds.cachingSession(options);
        // (ours) the key goes with any retention but NONE; only the 24h field needs LONG
        if (session == null || !compat.supportsPromptCacheKey()) {
            return;
        }
        body.put("prompt_cache_key", clamp(session));
        if (options.cacheRetention() == CacheRetention.LONG
                && compat.supportsLongCacheRetention()) {
            body.put("prompt_cache_retention", "24h");
        }
    }

    /** Returns the first 64 code points of a session id. */
    static String clamp(String session) {
        if (session.codePointCount(0, session.length()) <= MAX_KEY_CODE_POINTS) {
            return session;
        }
        return session.substring(0, session.offsetByCodePoints(0, MAX_KEY_CODE_POINTS));
    }
}
