package dev.providers.engine.internal.openai;

import dev.providers.engine.CacheRetention;
import dev.providers.engine.StreamOptions;
import org.jspecify.annotations.Nullable;

/**
 * The session id as the cache and affinity features see it.
 *
 * <p>Thread-safety: stateless.
 */
final class SessionIds {

    private SessionIds() { }

    /**
     * Returns the session id when caching is on, or null when there is none, it is empty, or the
     * retention is {@code NONE}.
     */
    static @Nullable String cachingSession(StreamOptions options) {
        String session = options.sessionId();
        // (ours) an empty id identifies no session, as in pi-ai where "" is falsy
        if (session == null || session.isEmpty()
                || options.cacheRetention() == CacheRetention.NONE) {
            return null;
        }
        return session;
    }
}
