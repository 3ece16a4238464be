package dev.providers.engine.internal.auth;

import java.util.Objects;

/**
 * The secret one request carries, and where it came from: the position of the key in
 * {@code apiKeys} (1-based), or 0 for a token. {@link #toString()} never shows the secret.
 *
 * <p>Thread-safety: immutable.
 */
public record Credential(String secret, int keyNumber) {

    public Credential {
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return keyNumber == 0 ? "Credential[token]" : "Credential[key #" + keyNumber + "]";
    }
}
