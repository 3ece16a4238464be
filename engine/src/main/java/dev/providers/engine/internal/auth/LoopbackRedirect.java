package dev.providers.engine.internal.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The loopback end of an authorization code login (RFC 8252 §7.3): an HTTP server on
 * {@code 127.0.0.1} and a free port that waits for the browser's redirect to
 * {@code /callback}, hands its parameters over, and shows the browser a page saying how the
 * login ended. Only the first redirect counts; anything else is answered 404.
 *
 * <p>Bounded: the query is at most 8 KiB; the page waits at most 60 s for the outcome.
 *
 * <p>Thread-safety: thread-safe; requests are served on one thread of its own.
 */
final class LoopbackRedirect implements AutoCloseable {

    static final String PATH = "/callback";
    private static final int MAX_QUERY = 8 * 1024;

    private final HttpServer server;
    private final ExecutorService thread;
    private final CompletableFuture<Map<String, String>> parameters = new CompletableFuture<>();
    private final CompletableFuture<String> outcome = new CompletableFuture<>();

    private LoopbackRedirect(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /** Starts listening on 127.0.0.1 and a free port. */
    static LoopbackRedirect start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0), 4);
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "providers-auth-redirect");
            t.setDaemon(true);
            return t;
        });
        LoopbackRedirect redirect = new LoopbackRedirect(server, thread);
        server.createContext("/", redirect::handle);
        server.setExecutor(thread);
        server.start();
        return redirect;
    }

    /** Returns the redirect URI to register the login with. */
    URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** Returns the parameters of the first redirect, when it comes. */
    CompletableFuture<Map<String, String>> parameters() {
        return parameters;
    }

    /** Sets the text of the page the browser is shown. */
    void finish(String text) {
        outcome.complete(text);
    }

    /** Stops listening once the page in flight, if any, has gone out (at most 1 s). */
    @Override
    public void close() {
        outcome.complete("The login was stopped.");
        server.stop(1);
        thread.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            if (!exchange.getRequestURI().getPath().equals(PATH)
                    || !"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 404, "Not found.");
                return;
            }
            if (query == null || query.length() > MAX_QUERY) {
                respond(exchange, 400, "The redirect carries no parameters.");
                return;
            }
            Map<String, String> received;
            try {
                received = parse(query);
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, "The redirect's parameters are malformed.");
                return;
            }
            if (!parameters.complete(received)) {
                respond(exchange, 409, "This login has already received its redirect.");
                return;
            }
            String text;
            try {
                text = outcome.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                text = "The login did not finish in time; look at the application.";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                text = "The login was stopped.";
            }
            respond(exchange, 200, text);
        }
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                    StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String text)
            throws IOException {
        byte[] body = ("<!doctype html><meta charset=\"utf-8\"><title>Sign-in</title><p>"
                + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
