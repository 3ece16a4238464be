package dev.providers.conformance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An endpoint on 127.0.0.1 that refuses every request with 401 and, as many real servers do,
 * echoes the credentials it was sent: the bearer key whole, URL-encoded, JSON-escaped (the body
 * is JSON) and inside a longer token, the raw query string and its decoded value, and a custom
 * header's value. Also as response headers, which the captures keep.
 */
final class KeyEchoServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;

    KeyEchoServer(String headerName) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.createContext("/", exchange -> refuse(exchange, headerName));
        http.start();
    }

    /** Returns the base URL, e.g. {@code http://127.0.0.1:40123/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    private static void refuse(HttpExchange exchange, String headerName) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String key = auth.startsWith("Bearer ") ? auth.substring(7) : auth;
            String header = String.valueOf(exchange.getRequestHeaders().getFirst(headerName));
            String query = String.valueOf(exchange.getRequestURI().getRawQuery());
            String decoded = URLDecoder.decode(query, StandardCharsets.UTF_8);
            String message = "Incorrect API key provided: " + key + ". You sent key="
                    + URLEncoder.encode(key, StandardCharsets.UTF_8) + " (session xx" + key
                    + "yy), query " + query + " = " + decoded + ", " + headerName + ": " + header;
            ObjectNode body = JSON.createObjectNode();
            body.putObject("error").put("message", message).put("type",
                    "invalid_request_error").put("code", "invalid_api_key")
                    .put("raw", JSON.writeValueAsString(key));
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Echo-Query", query);
            exchange.getResponseHeaders().add("X-Echo-Key", URLEncoder.encode(key,
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(401, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
