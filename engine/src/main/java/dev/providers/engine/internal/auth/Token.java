package dev.providers.engine.internal.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A token as obtained: its value, when it was obtained and when it expires (null: it does not,
 * as far as anyone said), and the refresh token that came with it. {@link #toString()} never
 * shows a token.
 *
 * <p>Thread-safety: immutable.
 */
record Token(String value, Instant obtainedAt, @Nullable Instant expiresAt,
        @Nullable String refreshToken) {

    /** The most a token is used before its expiry, and refreshed twice as early. */
    static final Duration MAX_SKEW = Duration.ofSeconds(60);

    Token {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
    }

    /**
     * Returns the margin kept before expiry: 60 s, or a tenth of a lifetime shorter than
     * ten minutes, so that a token of two minutes is not thrown away after one.
     */
    Duration skew() {
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration tenth = Duration.between(obtainedAt, expiresAt).dividedBy(10);
        return tenth.isNegative() ? Duration.ZERO : tenth.compareTo(MAX_SKEW) < 0 ? tenth
                : MAX_SKEW;
    }

    /** Returns whether the token may still be sent at {@code now}: before expiry less skew. */
    boolean usableAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt.minus(skew()));
    }

    /** Returns whether a new token should be fetched in the background at {@code now}. */
    boolean refreshDueAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt.minus(skew().multipliedBy(2)));
    }

    @Override
    public String toString() {
        return "Token[obtainedAt=" + obtainedAt + ", expiresAt=" + expiresAt + ", refresh="
                + (refreshToken != null) + "]";
    }
}
