package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Gemini API's routes under {@code /v1beta} ({@code docs/dialects/google-generative-ai.md}):
 * {@code POST /models/{model}:streamGenerateContent} (server-sent events with {@code alt=sse},
 * else one JSON array), {@code POST /models/{model}:generateContent} (one JSON response),
 * {@code GET /models} (paged by {@code pageSize} and {@code pageToken}) and
 * {@code GET /models/{model}}. Anything else is Google's HTML 404 page; errors are Google's
 * JSON bodies.
 *
 * <p>Thread-safety: thread-safe.
 */
final class GeminiRoutes implements DialectRoutes {

    /** The dialect these routes speak. */
    static final String API = "google-generative-ai";

    /** The version segment of the base URL. */
    static final String VERSION = "/v1beta";

    /** Google's page size when a list request names none. */
    static final int DEFAULT_PAGE_SIZE = 50;

    private final Profile profile;
    private final GeminiEndpoint generate;

    GeminiRoutes(Profile profile, Duration chunkPause) {
        this.profile = profile;
        this.generate = new GeminiEndpoint(profile, chunkPause);
    }

    @Override
    public String basePath() {
        return VERSION;
    }

    @Override
    public void route(HttpExchange exchange, String method, String path, byte[] body)
            throws ApiError, IOException {
        String local = path.startsWith(VERSION + "/") ? path.substring(VERSION.length()) : path;
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (local.equals("/models") && method.equals("GET")) {
            Router.sendJson(exchange, 200, page(query));
            return;
        }
        if (local.startsWith("/models/")) {
            String name = local.substring("/models/".length());
            int colon = name.lastIndexOf(':');
            String model = colon < 0 ? name : name.substring(0, colon);
            String action = colon < 0 ? "" : name.substring(colon + 1);
            if (action.isEmpty() && method.equals("GET") && !model.contains("/")) {
                ServedModel served = ServedModel.byId(model).orElseThrow(
                        () -> GoogleErrors.of(profile, 404, "models/" + model
                                + " is not found for API version v1beta."));
                Router.sendJson(exchange, 200, entry(served));
                return;
            }
            if (method.equals("POST") && !model.contains("/")) {
                switch (action) {
                    case "streamGenerateContent" -> {
                        generate.handle(exchange, model, body, "sse".equals(query.get("alt"))
                                ? GeminiEndpoint.Mode.SSE : GeminiEndpoint.Mode.JSON_ARRAY);
                        return;
                    }
                    case "generateContent" -> {
                        generate.handle(exchange, model, body, GeminiEndpoint.Mode.ONE);
                        return;
                    }
                    default -> { }
                }
            }
        }
        notFound(exchange, exchange.getRequestURI().getRawPath());
    }

    @Override
    public int abandonedStreams() {
        return generate.abandonedStreams();
    }

    /** Returns a page of the model list. */
    private ObjectNode page(Map<String, String> query) throws ApiError {
        int size = DEFAULT_PAGE_SIZE;
        int start = 0;
        try {
            if (query.containsKey("pageSize")) {
                size = Math.max(1, Math.min(1000, Integer.parseInt(query.get("pageSize"))));
            }
            if (query.containsKey("pageToken")) {
                start = Integer.parseInt(query.get("pageToken").replace("page-", ""));
            }
        } catch (NumberFormatException e) {
            throw GoogleErrors.invalid(profile, "Invalid page token or size.");
        }
        ObjectNode out = Json.object();
        ArrayNode models = out.putArray("models");
        int end = Math.min(ServedModel.ALL.size(), start + size);
        for (int i = start; i < end; i++) {
            models.add(entry(ServedModel.ALL.get(i)));
        }
        if (end < ServedModel.ALL.size()) {
            out.put("nextPageToken", "page-" + end);
        }
        return out;
    }

    private static ObjectNode entry(ServedModel model) {
        ObjectNode entry = Json.object();
        entry.put("name", "models/" + model.id());
        entry.put("version", "001");
        entry.put("displayName", model.name());
        entry.put("description", "The conformance kit's reference model " + model.id() + ".");
        entry.put("inputTokenLimit", ServedModel.CONTEXT_WINDOW);
        entry.put("outputTokenLimit", ServedModel.MAX_TOKENS);
        entry.putArray("supportedGenerationMethods").add("generateContent").add("countTokens");
        entry.put("temperature", 1.0);
        entry.put("topP", 0.95);
        entry.put("topK", 64);
        entry.put("maxTemperature", 2.0);
        if (model.reasoning()) {
            entry.put("thinking", true);
        }
        return entry;
    }

    /** Answers as Google's front end does for a path no API serves: an HTML 404 page. */
    private static void notFound(HttpExchange exchange, String path) throws IOException {
        String page = "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error "
                + "404 (Not Found)!!1</title>\n  <p><b>404.</b> <ins>That’s an error.</ins>\n  "
                + "<p>The requested URL <code>" + path.replace("<", "&lt;")
                + "</code> was not found on this server.  <ins>That’s all we know.</ins>\n";
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        exchange.sendResponseHeaders(404, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                    StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }
}
