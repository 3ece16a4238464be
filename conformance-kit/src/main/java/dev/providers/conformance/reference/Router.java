package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The server's one handler: records each request, checks the key (all paths but
 * {@code /health}), and hands the rest, {@code /v1} stripped, to the routes of the profile's
 * dialect ({@link DialectRoutes}). Refusals become the dialect's error responses.
 */
final class Router implements HttpHandler {

    /** The largest body read; a larger one is refused with 413. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    /** How many requests are kept for {@link ReferenceServer#requests()}. */
    static final int LOG_CAPACITY = 1_000;

    private static final Logger LOG = System.getLogger(Router.class.getName());

    private final Profile profile;
    private final @Nullable String apiKey;
    private final DialectRoutes routes;
    private final Deque<RecordedRequest> log = new ArrayDeque<>();

    Router(Profile profile, @Nullable String apiKey, DialectRoutes routes) {
        this.profile = profile;
        this.apiKey = apiKey;
        this.routes = routes;
    }

    /** Returns the recorded requests, oldest first. */
    List<RecordedRequest> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            byte[] body = readBody(exchange.getRequestBody());
            record(exchange, body);
            if (body.length > MAX_BODY_BYTES) {
                throw Refusals.tooLarge(MAX_BODY_BYTES);
            }
            route(exchange, body);
        } catch (ApiError e) {
            respondWithError(exchange, e);
        } catch (IOException e) {
            // the client went away; nothing can be sent any more
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the reference server failed on a request", e);
            if (exchange.getResponseCode() == -1) {
                respondWithError(exchange, ApiError.openai(500, "The server had an error while "
                        + "processing your request.", "server_error", null, null));
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, byte[] body) throws ApiError, IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String local = path.startsWith("/v1/") ? path.substring(3) : path;
        if (local.equals("/health")) {
            sendJson(exchange, 200, Json.object().put("status", "ok"));
            return;
        }
        authenticate(exchange);
        routes.route(exchange, method, local, body);
    }

    private void authenticate(HttpExchange exchange) throws ApiError {
        if (apiKey == null) {
            return;
        }
        String given = givenKey(exchange);
        boolean ok = given != null && MessageDigest.isEqual(
                given.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw routes.unauthorized(profile, given);
        }
    }

    /**
     * Returns the key of {@code Authorization: Bearer}, or of the first header among Azure's
     * {@code api-key}, Anthropic's {@code x-api-key} and Gemini's {@code x-goog-api-key}, or
     * null.
     */
    private static @Nullable String givenKey(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        for (String header : List.of("api-key", "x-api-key", "x-goog-api-key")) {
            String key = exchange.getRequestHeaders().getFirst(header);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    private void record(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            String value = String.join(", ", values);
            if (key.equals("authorization")) {
                value = value.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? "Bearer " + Refusals.mask(value.substring(7).strip()) : "***";
            } else if (key.equals("api-key") || key.equals("x-api-key")
                    || key.equals("x-goog-api-key")) {
                value = Refusals.mask(value);
            }
            headers.put(key, value);
        });
        String query = exchange.getRequestURI().getRawQuery();
        RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                headers, new String(body, StandardCharsets.UTF_8));
        synchronized (log) {
            log.addLast(request);
            if (log.size() > LOG_CAPACITY) {
                log.removeFirst();
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        // one byte over the limit tells an oversized body apart; the rest is drained unread
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        in.transferTo(OutputStream.nullOutputStream());
        return body;
    }

    private static void respondWithError(HttpExchange exchange, ApiError error) {
        try {
            sendJson(exchange, error.status(), error.body());
        } catch (IOException e) {
            // the client went away before the refusal; nothing else to do
        }
    }

    /** Sends a JSON response with a fixed length. */
    static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.text(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
