package dev.providers.engine.auth;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a login left for one provider: the access token, the refresh token if the server gave
 * one, and when the access token expires. {@link #toString()} never shows a token.
 *
 * @param type the provider's auth type when it was stored, such as {@code oauth2-device}
 * @param accessToken the token requests carry
 * @param refreshToken the token that buys the next access token, or null
 * @param expiresAt when the access token expires, or null when the server did not say
 * @param obtainedAt when the access token was obtained
 */
public record StoredCredential(String type, String accessToken, @Nullable String refreshToken,
        @Nullable Instant expiresAt, Instant obtainedAt) {

    /** Rejects missing and empty values. */
    public StoredCredential {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        if (accessToken.isEmpty()) {
            throw new IllegalArgumentException("the access token is empty");
        }
    }

    /** Returns the type, the times and whether a refresh token is held; never a token. */
    @Override
    public String toString() {
        return "StoredCredential[type=" + type + ", obtainedAt=" + obtainedAt + ", expiresAt="
                + (expiresAt == null ? "unknown" : expiresAt) + ", refreshToken="
                + (refreshToken == null ? "none" : "held") + "]";
    }
}
