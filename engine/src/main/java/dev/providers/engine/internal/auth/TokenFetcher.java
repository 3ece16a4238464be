package dev.providers.engine.internal.auth;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Obtains a new token: runs a helper, asks a token endpoint, or reads and refreshes a stored
 * login. Failures are {@link dev.providers.engine.ProviderException}s of kind {@code AUTH}
 * whose message says why, redacted.
 */
interface TokenFetcher {

    /**
     * Starts obtaining a token and returns at once; {@code refused} is the token the server
     * has just refused (so it must not be handed out again), or null.
     */
    CompletableFuture<Token> fetch(@Nullable Token refused);

    /** Returns whether a refused token can be replaced by fetching again. */
    boolean refreshable();
}
