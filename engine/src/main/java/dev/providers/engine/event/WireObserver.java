package dev.providers.engine.event;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Sees one request on the wire: each attempt's request and the raw bytes of each response, for
 * debugging, logging and the conformance kit's reports. Secrets are masked in what it is given:
 * header values other than Content-Type, Accept and User-Agent, and query values, read
 * {@code ***}. A response body is passed as it came (a server could echo a key; scrub before
 * storing if that matters).
 *
 * <p>Calls for one request are ordered and run on the engine's callback executor, never on an
 * I/O thread. Every method has a no-op default.
 */
public interface WireObserver {

    /**
     * An attempt was sent.
     *
     * @param attempt 0 for the first, 1 for the first retry, …
     * @param uri the URL, query values masked
     * @param headers the headers in order, secret values masked
     * @param body the JSON body
     */
    default void request(int attempt, URI uri, List<Map.Entry<String, String>> headers,
            byte[] body) { }

    /** The response head of an attempt arrived. */
    default void response(int attempt, int status, List<Map.Entry<String, String>> headers) { }

    /** Bytes of an attempt's response body, as received. */
    default void body(int attempt, byte[] bytes) { }

    /** An attempt ended: normally, or with a failure (which may be retried). */
    default void end(int attempt, String outcome) { }
}
