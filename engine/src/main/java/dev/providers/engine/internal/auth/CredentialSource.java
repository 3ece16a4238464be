package dev.providers.engine.internal.auth;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where a provider's requests get their credential when it is not one fixed key: a token cache
 * or a key pool. One per provider and engine.
 *
 * <p>Thread-safety: implementations are thread-safe, and never block: work that takes time
 * (a helper, a token request) runs on the engine's auth threads and completes the futures.
 */
public interface CredentialSource {

    /** Returns the credential to send; completed at once when one is at hand. */
    CompletableFuture<Credential> acquire();

    /**
     * Tells the source that the server answered {@code status} (with these lower-case response
     * headers) to a request that carried {@code used}, before its stream started. Returns the
     * credential to send the request again with (a failed future says why none can be had), or
     * null when the request goes on as it would without this source (retries, or its error).
     * Noteworthy events (a key dropped, a token refreshed) go to {@code deviations}.
     */
    @Nullable CompletableFuture<Credential> refused(Credential used, int status,
            Map<String, String> headers, Consumer<String> deviations);

    /** Returns how many times one request may be sent again with another credential. */
    int maxResends();
}
