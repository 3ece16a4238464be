package dev.providers.conformance.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Builds finished wire exchanges from literal bytes, for tests of the wire views. */
public final class WireExchanges {

    private WireExchanges() { }

    /** Returns an exchange that sent {@code request} and got {@code response} with a status. */
    public static WireExchange of(String request, int status, String contentType,
            String response) {
        WireExchange exchange = new WireExchange(0, URI.create("http://127.0.0.1:1/v1/x"),
                List.of(Map.entry("Content-Type", "application/json")),
                request.getBytes(StandardCharsets.UTF_8));
        exchange.response(status, List.of(Map.entry("Content-Type", contentType)));
        exchange.body(response.getBytes(StandardCharsets.UTF_8));
        exchange.end("done");
        return exchange;
    }

    /** Returns an exchange that sent these headers and {@code request} and got an answer. */
    public static WireExchange of(List<Map.Entry<String, String>> headers, String request,
            int status, String contentType, String response) {
        return of(URI.create("http://127.0.0.1:1/v1/x"), headers, request, status, contentType,
                response);
    }

    /**
     * Returns an exchange to {@code uri} with these request headers that sent {@code request}
     * and got {@code response} with a status.
     */
    public static WireExchange of(URI uri, List<Map.Entry<String, String>> headers,
            String request, int status, String contentType, String response) {
        WireExchange exchange = new WireExchange(0, uri, headers,
                request.getBytes(StandardCharsets.UTF_8));
        exchange.response(status, List.of(Map.entry("Content-Type", contentType)));
        exchange.body(response.getBytes(StandardCharsets.UTF_8));
        exchange.end("done");
        return exchange;
    }

    /** Returns an exchange that sent {@code request} and got an empty event stream. */
    public static WireExchange request(String request) {
        return of(request, 200, "text/event-stream", "");
    }
}
