package dev.providers.conformance.reference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The reference server for {@code conformance serve}: one port that speaks every dialect, each
 * in the behaviour of one {@link Profile}, routed by path as the real APIs lay theirs out:
 * {@code /v1/chat/completions} (and {@code /v1/models}) chat completions,
 * {@code /v1/responses} Responses, {@code /v1/messages} Anthropic's Messages (and
 * {@code /v1/models} when the request carries {@code anthropic-version} or {@code x-api-key}),
 * {@code /v1beta/...} Gemini. Each dialect keeps its own key check, errors and request log.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class MultiDialectServer implements AutoCloseable {

    /** The dialect families, in the order their base URLs are listed. */
    public enum Family {
        /** OpenAI's chat completions. */
        CHAT_COMPLETIONS(Profile.CHAT_COMPLETIONS, Profile.OPENAI),
        /** OpenAI's Responses API. */
        RESPONSES(Profile.RESPONSES_API, Profile.RESPONSES),
        /** Anthropic's Messages API. */
        MESSAGES(Profile.ANTHROPIC_MESSAGES, Profile.ANTHROPIC),
        /** Google's Gemini API. */
        GEMINI(GeminiRoutes.API, Profile.GEMINI);

        private final String api;
        private final Profile conformant;

        Family(String api, Profile conformant) {
            this.api = api;
            this.conformant = conformant;
        }

        /** Returns the dialect id, e.g. {@code openai-completions}. */
        public String api() {
            return api;
        }

        static Family of(Profile profile) {
            for (Family family : values()) {
                if (family.api.equals(profile.api())) {
                    return family;
                }
            }
            throw new IllegalArgumentException("no family for " + profile.api());
        }
    }

    private static final int THREADS = 16;
    private static final int QUEUE = 1024;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final HttpServer http;
    private final ThreadPoolExecutor pool;
    private final Map<Family, Profile> profiles;
    private final Map<Family, Router> routers;
    private final Map<Family, URI> baseUrls;

    private MultiDialectServer(HttpServer http, ThreadPoolExecutor pool,
            Map<Family, Profile> profiles, Map<Family, Router> routers,
            Map<Family, URI> baseUrls) {
        this.http = http;
        this.pool = pool;
        this.profiles = profiles;
        this.routers = routers;
        this.baseUrls = baseUrls;
    }

    /**
     * Starts the server on {@code host:port} (port 0 picks a free one). Each dialect family
     * behaves as the profile of that family among {@code profiles}, or as its conformant one;
     * with a null key any key (or none) is accepted.
     *
     * @throws IllegalArgumentException if two profiles speak the same dialect
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static MultiDialectServer start(String host, int port, @Nullable String apiKey,
            List<Profile> profiles) {
        Objects.requireNonNull(host, "host");
        Map<Family, Profile> chosen = new EnumMap<>(Family.class);
        for (Profile profile : profiles) {
            Profile earlier = chosen.put(Family.of(profile), profile);
            if (earlier != null && earlier != profile) {
                throw new IllegalArgumentException("profiles " + earlier.id() + " and "
                        + profile.id() + " both speak " + profile.api() + "; choose one");
            }
        }
        for (Family family : Family.values()) {
            chosen.putIfAbsent(family, family.conformant);
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        int bound = http.getAddress().getPort();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), task -> {
                    Thread thread = new Thread(task, "reference-serve-" + bound + "-"
                            + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        Map<Family, Router> routers = new EnumMap<>(Family.class);
        Map<Family, URI> baseUrls = new LinkedHashMap<>();
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        for (Family family : Family.values()) {
            Profile profile = chosen.get(family);
            DialectRoutes routes = DialectRoutes.of(profile, ReferenceServer.DEFAULT_CHUNK_PAUSE);
            routers.put(family, new Router(profile, apiKey, routes));
            baseUrls.put(family, URI.create("http://" + shownHost + ":" + bound
                    + routes.basePath()));
        }
        http.createContext("/", exchange -> routers.get(familyOf(exchange)).handle(exchange));
        http.setExecutor(pool);
        http.start();
        return new MultiDialectServer(http, pool, Map.copyOf(chosen), routers,
                Map.copyOf(baseUrls));
    }

    /** Returns which family answers a request, by its path and headers. */
    static Family familyOf(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/v1beta") || path.startsWith("/v1beta/")) {
            return Family.GEMINI;
        }
        String local = path.startsWith("/v1/") ? path.substring(3) : path;
        if (local.startsWith("/messages")) {
            return Family.MESSAGES;
        }
        if (local.startsWith("/responses")) {
            return Family.RESPONSES;
        }
        if (local.startsWith("/models") && (exchange.getRequestHeaders()
                .containsKey("anthropic-version")
                || exchange.getRequestHeaders().containsKey("x-api-key"))) {
            return Family.MESSAGES;
        }
        return Family.CHAT_COMPLETIONS;
    }

    /** Returns the port the server listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Returns the base URL of each family, for provider files, in {@link Family} order. */
    public Map<Family, URI> baseUrls() {
        Map<Family, URI> ordered = new LinkedHashMap<>();
        for (Family family : Family.values()) {
            ordered.put(family, baseUrls.get(family));
        }
        return ordered;
    }

    /** Returns the profile each family behaves as. */
    public Profile profile(Family family) {
        return profiles.get(family);
    }

    /** Returns the requests a family received so far (its last 1000), oldest first. */
    public List<RecordedRequest> requests(Family family) {
        return routers.get(family).requests();
    }

    /** Stops the server: open connections are closed and its threads end. */
    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
