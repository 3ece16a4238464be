package dev.providers.conformance.api;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a request as it crossed the wire: the request the engine sent (secrets masked
 * by the engine) and the raw bytes of the response.
 *
 * <p>Thread-safety: filled on the engine's callback executor; read after the stream ended.
 */
public final class WireExchange {

    private final int attempt;
    private final URI uri;
    private final List<Map.Entry<String, String>> requestHeaders;
    private final byte[] requestBody;
    private volatile int status;
    private volatile List<Map.Entry<String, String>> responseHeaders = List.of();
    private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
    private volatile @Nullable String outcome;
    private final CountDownLatch ended = new CountDownLatch(1);

    WireExchange(int attempt, URI uri, List<Map.Entry<String, String>> headers, byte[] body) {
        this.attempt = attempt;
        this.uri = uri;
        this.requestHeaders = List.copyOf(headers);
        this.requestBody = body.clone();
    }

    /** Returns 0 for the first attempt, 1 for the first retry, and so on. */
    public int attempt() {
        return attempt;
    }

    /** Returns the URL, query values masked. */
    public URI uri() {
        return uri;
    }

    /** Returns the request headers, secret values masked. */
    public List<Map.Entry<String, String>> requestHeaders() {
        return requestHeaders;
    }

    /** Returns the request body. */
    public byte[] requestBody() {
        return requestBody.clone();
    }

    /** Returns the response status, or 0 when no response head arrived. */
    public int status() {
        return status;
    }

    /** Returns the response headers. */
    public List<Map.Entry<String, String>> responseHeaders() {
        return responseHeaders;
    }

    /** Returns the response body bytes received. */
    public synchronized byte[] responseBody() {
        return responseBody.toByteArray();
    }

    /** Returns the response body as UTF-8 text. */
    public String responseText() {
        return new String(responseBody(), StandardCharsets.UTF_8);
    }

    /** Returns how the attempt ended, or null while it runs. */
    public @Nullable String outcome() {
        return outcome;
    }

    void response(int status, List<Map.Entry<String, String>> headers) {
        this.status = status;
        this.responseHeaders = List.copyOf(headers);
    }

    synchronized void body(byte[] bytes) {
        responseBody.write(bytes, 0, bytes.length);
    }

    void end(String outcome) {
        this.outcome = outcome;
        ended.countDown();
    }

    /** Waits up to {@code timeout} for the attempt's end to be reported; returns whether it was. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
