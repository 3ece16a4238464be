package dev.providers.engine;

import dev.providers.engine.auth.CredentialStatus;
import dev.providers.engine.auth.CredentialStore;
import dev.providers.engine.auth.LoginCallbacks;
import dev.providers.engine.auth.StoredCredential;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.internal.auth.Credentials;
import dev.providers.engine.internal.concurrent.CallbackThreads;
import dev.providers.engine.internal.engine.ModelLister;
import dev.providers.engine.internal.engine.RequestPreparer;
import dev.providers.engine.internal.engine.StreamStarter;
import dev.providers.engine.internal.http.HttpSettings;
import dev.providers.engine.internal.http.HttpTransport;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.observe.EngineObserver;
import dev.providers.engine.registry.LiveRegistry;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.spec.ProviderSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The engine: give it a model reference and a context, get back a typed event stream, the same
 * in shape whichever server answers.
 *
 * <pre>{@code
 * try (ProviderEngine engine = ProviderEngine.builder().providersDir(Path.of("providers.d"))
 *         .build()) {
 *     AssistantMessage answer = engine.complete(ModelRef.parse("ollama/qwen3:8b"),
 *             Context.ofUser("Hello"), StreamOptions.defaults()).join();
 * }
 * }</pre>
 *
 * <p>Requests run on a shared HttpClient 5 async client; no thread is held per stream. A request
 * resolves its model in the registry snapshot of the moment it starts; reloads apply to later
 * requests. Once {@code stream(...)} has returned, nothing is thrown: failures arrive as the
 * stream's {@code error} event.
 *
 * <p>Limits: everything a server sends is bounded (see the builder: event size, events held
 * per stream for a slow consumer, the timeouts), so a server can make its own request fail but
 * never the engine. Listeners run on virtual threads where the JVM has them (Java 21+), else on
 * a pool that grows as listeners block; a listener that blocks holds back only its own stream,
 * and a listener may itself wait for another request of the same engine.
 *
 * <p>Thread-safety: thread-safe; share one engine.
 */
public final class ProviderEngine implements AutoCloseable {

    /** The name prefix of the engine's I/O threads; listener code never runs on them. */
    public static final String IO_THREAD_PREFIX = HttpTransport.IO_THREAD_PREFIX;

    /** How long {@link #close()} waits for listeners to be handed their last event. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final Supplier<ProviderRegistry> registry;
    private final StreamStarter starter;
    private final ModelLister lister;
    private final HttpTransport transport;
    private final List<ExecutorService> owned;
    private final @Nullable LiveRegistry liveRegistry;
    private final Credentials credentials;
    private final Function<String, @Nullable String> environment;
    private final Clock clock;

    private ProviderEngine(Supplier<ProviderRegistry> registry, StreamStarter starter,
            ModelLister lister, HttpTransport transport, List<ExecutorService> owned,
            @Nullable LiveRegistry liveRegistry, Credentials credentials,
            Function<String, @Nullable String> environment, Clock clock) {
        this.registry = registry;
        this.starter = starter;
        this.lister = lister;
        this.transport = transport;
        this.owned = owned;
        this.liveRegistry = liveRegistry;
        this.credentials = credentials;
        this.environment = environment;
        this.clock = clock;
    }

    /** Returns a builder; a registry or a providers directory is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a stream whose events are buffered for the handle's {@code events()} or
     * {@code iterator()}.
     *
     * @throws IllegalArgumentException if the model is unknown or its provider disabled
     */
    public StreamHandle stream(ModelRef model, Context context, StreamOptions options) {
        return starter.start(model, context, options, null);
    }

    /**
     * Starts a stream whose events go to {@code listener}, in order, on the callback executor.
     *
     * @throws IllegalArgumentException if the model is unknown or its provider disabled
     */
    public StreamHandle stream(ModelRef model, Context context, StreamOptions options,
            StreamListener listener) {
        return starter.start(model, context, options, Objects.requireNonNull(listener,
                "listener"));
    }

    /**
     * Runs a request and returns its final message (check its stop reason for errors).
     *
     * @throws IllegalArgumentException if the model is unknown or its provider disabled
     */
    public CompletableFuture<AssistantMessage> complete(ModelRef model, Context context,
            StreamOptions options) {
        return starter.start(model, context, options, new StreamListener() { }).result();
    }

    /**
     * Lists the models a provider's endpoint serves ({@code GET {baseUrl}/models}); fails with a
     * {@link ProviderException} carrying the error kind.
     *
     * @throws IllegalArgumentException if the provider is unknown
     */
    public CompletableFuture<List<String>> models(String providerId) {
        return lister.list(provider(providerId));
    }

    /**
     * Signs the user in for a provider whose {@code auth} type needs it ({@code oauth2-device},
     * {@code oauth2-authorization-code}, {@code prompt}) and stores the credential in the
     * engine's {@link CredentialStore}; the next request uses it. The future fails with a
     * {@link ProviderException} of kind {@code AUTH} saying why the login failed, or an
     * {@link IllegalArgumentException} when the provider's credential needs no login.
     *
     * @throws IllegalArgumentException if the provider is unknown
     */
    public CompletableFuture<StoredCredential> login(String providerId,
            LoginCallbacks callbacks) {
        return credentials.login(provider(providerId), Objects.requireNonNull(callbacks,
                "callbacks"));
    }

    /**
     * Deletes a provider's stored login and forgets its cached token; returns whether a login
     * was stored.
     *
     * @throws IllegalArgumentException if the provider is unknown
     * @throws IOException if the credential store cannot be written
     */
    public boolean logout(String providerId) throws IOException {
        return credentials.logout(provider(providerId).id());
    }

    /**
     * Returns which credential a provider uses and whether it is ready, without any secret.
     *
     * @throws IllegalArgumentException if the provider is unknown
     */
    public CredentialStatus credentialStatus(String providerId) {
        return CredentialStatus.of(provider(providerId), environment, credentials.store(),
                clock);
    }

    /**
     * Returns a function that masks every secret of a provider in a text: those its file names
     * (keys, header and query values, the {@code auth} block's secrets, resolved from the
     * engine's environment) and those the engine obtained for it (tokens, refresh tokens, a
     * helper's output), including ones obtained after this call. For writers of logs and
     * reports that may hold what a server echoed.
     *
     * @throws IllegalArgumentException if the provider is unknown
     */
    public UnaryOperator<String> redactor(String providerId) {
        String id = provider(providerId).id();
        return text -> {
            ProviderSpec current = registry.get().provider(id).orElse(null);
            return current == null ? text : credentials.redactor(current).redact(text);
        };
    }

    private ProviderSpec provider(String providerId) {
        return registry.get().provider(providerId).orElseThrow(
                () -> new IllegalArgumentException("unknown provider '" + providerId
                        + "'; known providers: " + registry.get().providers().stream()
                        .map(ProviderSpec::id).toList()));
    }

    /** Returns the registry snapshot new requests use now. */
    public ProviderRegistry registry() {
        return registry.get();
    }

    /**
     * Stops the engine: every open stream ends with one {@code aborted} event (its listener,
     * iterator and result all see it; a listener still busy after a few seconds gets it when it
     * returns, while its result completes at once), new requests are refused, and the threads
     * the engine created end.
     */
    @Override
    public void close() {
        starter.close(CLOSE_GRACE);
        credentials.close();
        transport.close();
        if (liveRegistry != null) {
            liveRegistry.close();
        }
        for (ExecutorService executor : owned) {
            executor.shutdown();
        }
    }

    /** Configures an engine. */
    public static final class Builder {
        private @Nullable Supplier<ProviderRegistry> registry;
        private @Nullable Path providersDir;
        private int maxConnections = 256;
        private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime()
                .availableProcessors()));
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration headersTimeout = Duration.ofSeconds(120);
        private Duration idleTimeout = Duration.ofSeconds(120);
        private Duration totalTimeout = Duration.ofMinutes(30);
        private Duration heartbeatTimeout = Duration.ofMinutes(5);
        private int maxEventSize = 16 * 1024 * 1024;
        private int maxQueuedEvents = 1024;
        private int maxRetries = 2;
        private Duration maxRetryDelay = Duration.ofSeconds(60);
        private @Nullable Executor callbackExecutor;
        private @Nullable ScheduledExecutorService timers;
        private Function<String, @Nullable String> environment = System::getenv;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private final List<EngineObserver> observers = new ArrayList<>();
        private @Nullable CredentialStore credentialStore;
        private Clock clock = Clock.systemUTC();

        private Builder() { }

        /** Uses a fixed registry snapshot. */
        public Builder registry(ProviderRegistry snapshot) {
            Objects.requireNonNull(snapshot, "snapshot");
            this.registry = () -> snapshot;
            return this;
        }

        /** Uses a changing registry, such as a {@link LiveRegistry}; read at each request. */
        public Builder registry(Supplier<ProviderRegistry> source) {
            this.registry = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Follows a providers directory with a live registry the engine owns and closes. */
        public Builder providersDir(Path directory) {
            this.providersDir = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Sets the connection pool size, per host and in total (default 256). */
        public Builder maxConnections(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConnections must be >= 1, was " + value);
            }
            this.maxConnections = value;
            return this;
        }

        /** Sets the number of I/O reactor threads (default: cores, at most 4). */
        public Builder ioThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("ioThreads must be >= 1, was " + value);
            }
            this.ioThreads = value;
            return this;
        }

        /** Sets the default connect timeout (10 s). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive("connectTimeout", value);
            return this;
        }

        /** Sets the default time to the response head (120 s). */
        public Builder headersTimeout(Duration value) {
            this.headersTimeout = positive("headersTimeout", value);
            return this;
        }

        /**
         * Sets the default longest gap between reads of a body (120 s); a body that is not an
         * event stream (a JSON answer, an error) must arrive in full within it.
         */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = positive("idleTimeout", value);
            return this;
        }

        /** Sets the default limit for a whole request, stream included (30 min). */
        public Builder totalTimeout(Duration value) {
            this.totalTimeout = positive("totalTimeout", value);
            return this;
        }

        /**
         * Sets how long a stream may send only comments (heartbeats such as {@code : ping})
         * and no event before it ends with a timeout (5 min).
         */
        public Builder heartbeatTimeout(Duration value) {
            this.heartbeatTimeout = positive("heartbeatTimeout", value);
            return this;
        }

        /**
         * Sets the largest SSE line or event, JSON answer and model list a server may send, in
         * bytes (16 MiB); a larger one fails its request with a protocol error.
         */
        public Builder maxEventSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxEventSize must be >= 1024, was " + bytes);
            }
            this.maxEventSize = bytes;
            return this;
        }

        /**
         * Sets how many events a stream holds for a consumer that is behind before it stops
         * reading from its socket (1,024; also at most 8 MiB of text).
         */
        public Builder maxQueuedEvents(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("maxQueuedEvents must be >= 1, was "
                        + events);
            }
            this.maxQueuedEvents = events;
            return this;
        }

        /** Sets the default number of retries before a stream starts (2). */
        public Builder maxRetries(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0, was " + value);
            }
            this.maxRetries = value;
            return this;
        }

        /** Sets the longest server-requested retry delay honoured by default (60 s). */
        public Builder maxRetryDelay(Duration value) {
            this.maxRetryDelay = positive("maxRetryDelay", value);
            return this;
        }

        /**
         * Sets the executor listener callbacks run on (default: virtual threads on Java 21+,
         * else a pool that grows as listeners block). With a bounded executor, listeners that
         * block, or wait for other requests, can starve each other.
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Sets the scheduler for timeouts and retry delays (for tests). */
        public Builder timers(ScheduledExecutorService scheduler) {
            this.timers = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Sets where {@code ${ENV}} secrets are looked up (default: the process environment). */
        public Builder environment(Function<String, @Nullable String> lookup) {
            this.environment = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /**
         * Adds an observer told of every stream this engine starts (for tracing and metrics);
         * observers are called in the order they were added.
         */
        public Builder observer(EngineObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Sets where logins are stored (default: {@link CredentialStore#file} at
         * {@link CredentialStore#defaultPath} of the engine's environment).
         */
        public Builder credentialStore(CredentialStore store) {
            this.credentialStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Sets the clock of token expiry, key cool-downs and login deadlines (default: the
         * system clock; for tests).
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Sets the random source of retry jitter (for tests). */
        public Builder random(DoubleSupplier source) {
            this.random = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Builds and starts the engine.
         *
         * @throws IllegalStateException without a registry or providers directory
         */
        public ProviderEngine build() {
            if ((registry == null) == (providersDir == null)) {
                throw new IllegalStateException("set exactly one of registry(...) and "
                        + "providersDir(...)");
            }
            List<ExecutorService> owned = new ArrayList<>();
            ScheduledExecutorService timerPool = timers;
            if (timerPool == null) {
                ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1,
                        daemon("providers-timer-"));
                pool.setRemoveOnCancelPolicy(true); // cancelled timeouts must not pile up
                owned.add(pool);
                timerPool = pool;
            }
            Executor callbacks = callbackExecutor;
            if (callbacks == null) {
                ExecutorService pool = CallbackThreads.create("providers-callback-", timerPool);
                owned.add(pool);
                callbacks = pool;
            }
            LiveRegistry live = providersDir == null ? null : LiveRegistry.start(providersDir);
            Supplier<ProviderRegistry> source = live != null ? live : registry;
            HttpSettings settings = new HttpSettings(maxConnections, ioThreads, connectTimeout,
                    headersTimeout, idleTimeout, totalTimeout, heartbeatTimeout, maxRetries,
                    maxRetryDelay, maxEventSize, maxQueuedEvents);
            HttpTransport transport = new HttpTransport(settings, timerPool);
            RequestPreparer preparer = new RequestPreparer(settings, environment);
            Credentials credentials = new Credentials(environment, credentialStore != null
                    ? credentialStore : CredentialStore.file(CredentialStore.defaultPath(
                            environment)), clock, timerPool, random,
                    (provider, obtained) -> preparer.redactor(provider, Map.of(), Map.of(),
                            obtained));
            StreamStarter starter = new StreamStarter(source, transport, preparer, callbacks,
                    random, credentials, observers);
            return new ProviderEngine(source, starter, new ModelLister(transport, preparer,
                    credentials), transport, owned, live, credentials, environment, clock);
        }

        private static Duration positive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static java.util.concurrent.ThreadFactory daemon(String prefix) {
            AtomicInteger count = new AtomicInteger();
            return task -> {
                Thread thread = new Thread(task, prefix + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
