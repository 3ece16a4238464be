package dev.providers.engine.internal.http;

import dev.providers.engine.internal.errors.OverflowDetector;
import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.internal.errors.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the transport needs to send one request, secrets already resolved. Never logged or
 * printed: its headers may hold keys.
 *
 * @param uri the full endpoint URL (query parameters included)
 * @param headers the request headers, in order
 * @param body the JSON body
 * @param connectTimeout time to connect
 * @param headersTimeout time to the response head
 * @param idleTimeout longest gap between chunks
 * @param totalTimeout limit for the whole request, or zero for none
 * @param retry when and how long to retry before the stream starts
 * @param overflow recognises context-overflow messages
 * @param maskedUri the URL with query values masked, for observers
 * @param maskedHeaders the headers with secret values masked, for observers (empty when the
 *     request has no observer)
 * @param redactor removes the request's resolved secrets from error texts
 */
public record PreparedRequest(URI uri, List<Map.Entry<String, String>> headers, byte[] body,
        Duration connectTimeout, Duration headersTimeout, Duration idleTimeout,
        Duration totalTimeout, RetryPolicy retry, OverflowDetector overflow, URI maskedUri,
        List<Map.Entry<String, String>> maskedHeaders, Redactor redactor) {

    /** Shows the method and the URL without its query (which may hold a key). */
    @Override
    public String toString() {
        return "POST " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }
}
