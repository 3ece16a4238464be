package dev.providers.conformance.reference;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An in-process OpenAI-compatible chat-completions endpoint on 127.0.0.1 (a free port), serving
 * the deterministic demo model in the behaviour of one {@link Profile}.
 *
 * <pre>{@code
 * try (ReferenceServer server = ReferenceServer.start(Profile.OPENAI, "sk-test")) {
 *     Files.writeString(dir.resolve("demo.yaml"), server.providerYaml());
 *     // run the engine or the kit against demo/demo-chat
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code POST /v1/chat/completions}, {@code GET /v1/models} (both also without
 * {@code /v1}) and {@code GET /health}. Requests run on a bounded pool, so concurrent streams
 * work. Thread-safety: thread-safe.
 */
public final class ReferenceServer implements AutoCloseable {

    /** The pause after each streamed chunk unless another is given: long answers take a while. */
    public static final Duration DEFAULT_CHUNK_PAUSE = Duration.ofMillis(3);

    /** The key written into provider files when the server accepts any key. */
    static final String ANY_KEY = "sk-reference-any-key";

    private static final int THREADS = 16;
    private static final int QUEUE = 1024;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final HttpServer http;
    private final ThreadPoolExecutor pool;
    private final Profile profile;
    private final @Nullable String apiKey;
    private final Router router;
    private final DialectRoutes routes;
    private final URI baseUrl;

    private ReferenceServer(HttpServer http, ThreadPoolExecutor pool, Profile profile,
            @Nullable String apiKey, Router router, DialectRoutes routes) {
        this.http = http;
        this.pool = pool;
        this.profile = profile;
        this.apiKey = apiKey;
        this.router = router;
        this.routes = routes;
        this.baseUrl = URI.create("http://127.0.0.1:" + http.getAddress().getPort()
                + routes.basePath());
    }

    /**
     * Starts a server with the default chunk pause; with a null key any key (or none) is
     * accepted.
     *
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static ReferenceServer start(Profile profile, @Nullable String apiKey) {
        return start(profile, apiKey, DEFAULT_CHUNK_PAUSE);
    }

    /**
     * Starts a server that pauses {@code chunkPause} after each streamed chunk (zero for none).
     *
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static ReferenceServer start(Profile profile, @Nullable String apiKey,
            Duration chunkPause) {
        Objects.requireNonNull(profile, "profile");
        if (chunkPause.isNegative()) {
            throw new IllegalArgumentException("chunkPause must be >= 0, was " + chunkPause);
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
        AtomicInteger count = new AtomicInteger();
        int port = http.getAddress().getPort();
        // past the queue, the accepting thread serves the request itself rather than drop it
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), task -> {
                    Thread thread = new Thread(task, "reference-server-" + port + "-"
                            + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        DialectRoutes routes = DialectRoutes.of(profile, chunkPause);
        Router router = new Router(profile, apiKey, routes);
        http.createContext("/", router);
        http.setExecutor(pool);
        http.start();
        return new ReferenceServer(http, pool, profile, apiKey, router, routes);
    }

    /**
     * Returns the base URL for provider files: {@code http://127.0.0.1:<port>/v1}, or the
     * dialect's own version segment ({@code /v1beta} for Gemini).
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Returns the profile this server behaves as. */
    public Profile profile() {
        return profile;
    }

    /** Returns the requests received so far (the last 1000), oldest first. */
    public List<RecordedRequest> requests() {
        return router.requests();
    }

    /** Returns how many streams ended early because the client closed the connection. */
    public int abandonedStreams() {
        return routes.abandonedStreams();
    }

    /** Returns the profile's provider file for this server, with its key. */
    public String providerYaml() {
        return profile.providerYaml(baseUrl, apiKey != null ? apiKey : ANY_KEY);
    }

    /** Returns the profile's provider file with its compat fix, for this server. */
    public String fixedProviderYaml() {
        return profile.fixedProviderYaml(baseUrl, apiKey != null ? apiKey : ANY_KEY);
    }

    /** Stops the server: open connections are closed and its threads end. */
    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow(); // interrupts streams pausing between chunks
        try {
            pool.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
