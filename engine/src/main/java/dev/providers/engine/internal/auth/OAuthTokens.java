package dev.providers.engine.internal.auth;

import dev.providers.engine.internal.errors.Redactor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Reads a token endpoint's answer (RFC 6749 §5.1): {@code access_token}, {@code expires_in}
 * (the provider's {@code ttl} without one) and a {@code refresh_token}, which replaces the one
 * used when the server rotates them and otherwise stays as it was.
 *
 * <p>Thread-safety: stateless.
 */
final class OAuthTokens {

    private OAuthTokens() { }

    /**
     * Returns the token of a successful answer.
     *
     * @throws RuntimeException an {@code AUTH} failure when the answer is an error or holds no
     *     access token
     */
    static Token read(TokenEndpoint.Reply reply, URI url, Instant now, Duration ttl,
            @Nullable String previousRefresh, Redactor redactor) {
        String access = reply.text("access_token");
        if (reply.status() < 200 || reply.status() >= 300 || reply.error() != null) {
            throw TokenEndpoint.refusal("token endpoint", url, reply, redactor);
        }
        if (access == null) {
            throw Failures.auth("token endpoint " + url + " answered " + reply.status()
                    + " without an access_token");
        }
        Long expiresIn = reply.seconds("expires_in");
        Instant expires = expiresIn != null ? now.plusSeconds(expiresIn) : now.plus(ttl);
        String refresh = reply.text("refresh_token");
        return new Token(access, now, expires, refresh != null ? refresh : previousRefresh);
    }
}
