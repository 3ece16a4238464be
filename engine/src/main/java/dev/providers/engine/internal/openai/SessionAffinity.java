package dev.providers.engine.internal.openai;

import dev.providers.engine.StreamOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Session-affinity headers ({@code sendSessionAffinityHeaders}, {@code sessionAffinityFormat}):
 * they route a session's requests to the same backend so that its prompt cache is hit. Sent
 * only with a session id and caching on; the transport lets per-call headers win.
 *
 * <p>Thread-safety: stateless.
 */
final class SessionAffinity {

    private SessionAffinity() { }

    /**
     * Returns the headers to send, each carrying the session id.
     *
     * @throws IllegalArgumentException if the session id holds a control character, which
     *     would let it inject header lines
     */
    static Map<String, String> headers(CompatFlags compat, StreamOptions options) {
        String session = SessionIds.cachingSession(options);
        if (session == null || !compat.sendSessionAffinityHeaders()) {
            return Map.of();
        }
        if (session.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "the session id must not contain control characters (it is sent as a header)");
        }
        List<String> names = switch (compat.sessionAffinityFormat()) {
            case "openai-nosession" -> List.of("x-client-request-id", "x-session-affinity");
            case "openrouter" -> List.of("x-session-id");
            case "openai" -> List.of("session_id", "x-client-request-id", "x-session-affinity");
            default -> throw new IllegalArgumentException("unknown sessionAffinityFormat '"
                    + compat.sessionAffinityFormat() + "'; known: openai, openai-nosession, "
                    + "openrouter");
        };
        Map<String, String> headers = new LinkedHashMap<>();
        names.forEach(name -> headers.put(name, session));
        return headers;
    }
}
