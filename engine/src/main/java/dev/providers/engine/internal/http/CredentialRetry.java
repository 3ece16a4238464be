package dev.providers.engine.internal.http;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What a request does when the server refuses its credential before the stream starts (401,
 * 403, 429): send it again with another one (a fresh token, the next key), outside the retry
 * count, or go on as usual (retry, or end with the error).
 *
 * <p>Threading: called on an I/O thread; implementations must not block, and do the work that
 * takes time (fetching a token) elsewhere, completing the returned future there.
 */
public interface CredentialRetry {

    /**
     * Returns the request to send instead once it is ready (a failed future ends the stream
     * with an {@code AUTH} error saying why), or null to go on as usual.
     *
     * @param status the response status
     * @param headers the response headers, names in lower case
     */
    @Nullable CompletableFuture<PreparedRequest> refused(int status, Map<String, String> headers);
}
