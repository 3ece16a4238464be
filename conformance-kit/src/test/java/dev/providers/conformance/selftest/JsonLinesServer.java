package dev.providers.conformance.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted server of {@link JsonLinesDialect} on 127.0.0.1 (a free port): one model, one key,
 * a fixed answer cut at the stop sequences and the output limit, one token per frame with a
 * short pause, and a long answer when asked for names (so that a cancel lands mid-stream).
 * Unknown paths and models are 404, a wrong key is 401.
 *
 * <p>Thread-safety: thread-safe; requests run on a bounded pool.
 */
final class JsonLinesServer implements AutoCloseable {

    static final String MODEL = "lines-model";

    /** The answer, one token per entry. */
    static final List<String> ANSWER = List.of("Hello", ",", " this", " is", " the", " tiny",
            " dialect", " speaking", ".");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;
    private static final int THREADS = 8;
    private static final long PAUSE_MILLIS = 3;

    private final HttpServer http;
    private final ExecutorService pool;
    private final String key;
    private final AtomicInteger responses = new AtomicInteger();

    private JsonLinesServer(HttpServer http, ExecutorService pool, String key) {
        this.http = http;
        this.pool = pool;
        this.key = key;
    }

    /** Starts a server that takes {@code key} as its bearer token. */
    static JsonLinesServer start(String key) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            JsonLinesServer server = new JsonLinesServer(http, pool, key);
            http.createContext("/", server::handle);
            http.setExecutor(pool);
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }

    /** Returns the base URL the dialect's path goes under. */
    String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    /** Returns how many streamed answers the server started. */
    int responses() {
        return responses.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY);
            }
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"/v1/generate".equals(exchange.getRequestURI().getPath())) {
                reject(exchange, 404, "no route " + exchange.getRequestURI().getPath());
                return;
            }
            if (!("Bearer " + key).equals(exchange.getRequestHeaders()
                    .getFirst("Authorization"))) {
                reject(exchange, 401, "invalid key");
                return;
            }
            JsonNode request = MAPPER.readTree(body);
            if (request == null || !MODEL.equals(request.path("model").asText())) {
                reject(exchange, 404, "model not found");
                return;
            }
            stream(exchange, request);
        } finally {
            exchange.close();
        }
    }

    private void stream(HttpExchange exchange, JsonNode request) throws IOException {
        List<String> tokens = tokens(request);
        String stop = "end";
        if (request.has("limit") && request.path("limit").asInt() < tokens.size()) {
            tokens = tokens.subList(0, Math.max(0, request.path("limit").asInt()));
            stop = "limit";
        }
        int id = responses.incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (String token : tokens) {
                frame(out, MAPPER.createObjectNode().put("text", token));
                TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
            }
            frame(out, MAPPER.createObjectNode().put("stop", stop)
                    .put("in", Math.max(1, request.toString().length() / 4))
                    .put("out", tokens.size()).put("id", "lines-" + id));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException cancelled) {
            // the client went away mid-stream (a cancel): nothing more to send
        }
    }

    /** Returns the answer's tokens, cut before the first stop sequence. */
    private static List<String> tokens(JsonNode request) {
        List<String> answer = new ArrayList<>(ANSWER);
        String prompt = request.path("turns").toString();
        if (prompt.contains("first names")) {
            for (int i = 0; i < 50; i++) {
                answer.addAll(List.of(" Anna", ","));
            }
        }
        String text = String.join("", answer);
        int cut = text.length();
        for (JsonNode stop : request.path("stop")) {
            int at = stop.asText().isEmpty() ? -1 : text.indexOf(stop.asText());
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        List<String> out = new ArrayList<>();
        int length = 0;
        for (String token : answer) {
            if (length + token.length() > cut) {
                if (cut > length) {
                    out.add(token.substring(0, cut - length));
                }
                break;
            }
            out.add(token);
            length += token.length();
        }
        return out;
    }

    private static void frame(OutputStream out, ObjectNode frame) throws IOException {
        out.write(("data: " + frame + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void reject(HttpExchange exchange, int status, String message)
            throws IOException {
        byte[] bytes = MAPPER.createObjectNode().put("error", message).toString()
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
