package dev.providers.conformance.selftest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A gateway on 127.0.0.1 in front of an endpoint, judging API keys as a hosted provider does:
 * a revoked key gets 401, a rate-limited key 429 with {@code Retry-After}, any other request is
 * passed on (streamed back as it comes).
 */
final class KeyGate implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI upstream;
    private final Map<String, Integer> refused;

    /**
     * Starts a gate before {@code upstream} (a base URL); {@code refused} maps keys to the
     * status they get (429 comes with {@code Retry-After: 3600}).
     */
    KeyGate(URI upstream, Map<String, Integer> refused) throws IOException {
        this.upstream = upstream;
        this.refused = Map.copyOf(refused);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.createContext("/", this::handle);
        http.setExecutor(threads);
        http.start();
    }

    /** Returns the gate's base URL, with the upstream's path. */
    String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + upstream.getPath();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = String.valueOf(exchange.getRequestHeaders()
                    .getFirst("Authorization"));
            Integer status = refused.get(authorization.replaceFirst("^Bearer ", ""));
            if (status != null) {
                byte[] error = ("{\"error\":{\"message\":\"key refused\",\"code\":" + status
                        + "}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                if (status == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "3600");
                }
                exchange.sendResponseHeaders(status, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            String path = exchange.getRequestURI().getRawPath().substring(
                    upstream.getPath().length());
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstream + path
                    + (exchange.getRequestURI().getRawQuery() == null ? ""
                            : "?" + exchange.getRequestURI().getRawQuery())))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                forward.header("Content-Type", type);
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers().firstValue("Content-Type").ifPresent(value ->
                    exchange.getResponseHeaders().add("Content-Type", value));
            exchange.sendResponseHeaders(response.statusCode(), 0);
            try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
