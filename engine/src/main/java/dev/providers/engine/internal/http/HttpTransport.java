package dev.providers.engine.internal.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * One HttpClient 5 async client shared by every stream of an engine: a connection pool, a few
 * I/O reactor threads (named {@value #IO_THREAD_PREFIX}…), the JVM's proxy and trust-store
 * settings, HTTP/1.1 (one connection per stream, so cancelling one closes only its own). It asks
 * for no compression and inflates none: a small compressed body could expand without bound.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class HttpTransport implements AutoCloseable {

    /**
     * The size of each of the three buffers HttpClient gives a connection (input, output, body
     * content), 32 KiB by default: 96 KiB per open stream would be most of the heap of 10,000
     * slow streams. With batched socket reads ({@link BatchedReadChannel}) 8 KiB still brings
     * a few dozen SSE events per system call; longer lines grow the input buffer as needed.
     */
    static final int CONNECTION_BUFFER = 8 * 1024;

    /** The name prefix of the I/O threads; user code never runs on them. */
    public static final String IO_THREAD_PREFIX = "providers-io-";

    private final TrackingConnectionManager connections;
    private final CloseableHttpAsyncClient client;
    private final ScheduledExecutorService timers;
    private final HttpSettings settings;
    /** Per host, built when its connect timeout is set: the pool asks for it on every lease. */
    private final Map<HttpHost, ConnectionConfig> connectionConfigs = new ConcurrentHashMap<>();
    private final ConnectionConfig defaultConnectionConfig;
    private final ReadCopies copies = new ReadCopies();

    /** Starts a client with these settings; {@code timers} runs timeouts and retry delays. */
    public HttpTransport(HttpSettings settings, ScheduledExecutorService timers) {
        this.settings = settings;
        this.timers = timers;
        this.defaultConnectionConfig = connectionConfig(Timeout.of(settings.connectTimeout()));
        this.connections = new TrackingConnectionManager(
                PoolingAsyncClientConnectionManagerBuilder.create()
                        .useSystemProperties()
                        .setMaxConnPerRoute(settings.maxConnections())
                        .setMaxConnTotal(settings.maxConnections())
                        .setConnectionConfigResolver(route -> connectionConfigs.getOrDefault(
                                route.getTargetHost(), defaultConnectionConfig))
                        .build());
        this.client = HttpAsyncClients.custom()
                .useSystemProperties()
                .setConnectionManager(connections)
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(settings.ioThreads())
                        .setTcpNoDelay(true)
                        .setSoKeepAlive(true)
                        .build())
                .setThreadFactory(threads(IO_THREAD_PREFIX))
                .setIoSessionDecorator(BatchedReadSession::decorate)
                .setHttp1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER).build())
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .build();
        this.client.start();
    }

    /** Returns the engine-wide settings. */
    public HttpSettings settings() {
        return settings;
    }

    /** Returns the arrays for reads that streams decode off the I/O thread. */
    ReadCopies copies() {
        return copies;
    }

    /** Returns the scheduler for timeouts and retry delays. */
    ScheduledExecutorService timers() {
        return timers;
    }

    /** Sets the connect timeout for a host (the provider's), before requests to it. */
    void connectTimeout(HttpHost host, Timeout timeout) {
        ConnectionConfig current = connectionConfigs.get(host);
        if (current == null || !timeout.equals(current.getConnectTimeout())) {
            connectionConfigs.put(host, connectionConfig(timeout));
        }
    }

    private static ConnectionConfig connectionConfig(Timeout connectTimeout) {
        return ConnectionConfig.custom()
                .setConnectTimeout(connectTimeout)
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .build();
    }

    /** Sends one request; the consumer receives the response on an I/O thread. */
    <T> Future<T> execute(AsyncRequestProducer request, AsyncResponseConsumer<T> response,
            HttpClientContext context, @Nullable FutureCallback<T> callback) {
        return client.execute(request, response, null, context, callback);
    }

    /**
     * Sends a small GET and returns the whole response (for model listings): the body may hold
     * at most {@code maxBytes} (else the future fails with an {@link IOException} saying so) and
     * everything must be done within {@code timeout} (else it fails with a
     * {@link java.net.SocketTimeoutException}); either way the connection is closed.
     */
    public CompletableFuture<SmallResponse> get(URI uri, Map<String, String> headers,
            int maxBytes, Duration timeout) {
        SimpleRequestBuilder builder = SimpleRequestBuilder.get(uri);
        headers.forEach(builder::addHeader);
        CompletableFuture<SmallResponse> result = new CompletableFuture<>();
        HttpClientContext context = HttpClientContext.create();
        Future<SmallResponse> exchange = client.execute(
                SimpleRequestProducer.create(builder.build()), new BoundedBody(maxBytes), null,
                context, new FutureCallback<SmallResponse>() {
                    @Override
                    public void completed(SmallResponse response) {
                        result.complete(response);
                    }

                    @Override
                    public void failed(Exception e) {
                        result.completeExceptionally(e);
                    }

                    @Override
                    public void cancelled() {
                        result.completeExceptionally(new IOException("the request was "
                                + "cancelled (the engine is closing)"));
                    }
                });
        ScheduledFuture<?> deadline = timers.schedule(() -> {
            if (result.completeExceptionally(new java.net.SocketTimeoutException("no complete "
                    + "answer within " + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds()
                    + " s" : timeout.toMillis() + " ms")))) {
                connections.abort(context.getExchangeId());
                exchange.cancel(true);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((response, failure) -> deadline.cancel(false));
        return result;
    }

    /** Closes the connection an exchange holds, if any. */
    boolean abort(@Nullable String exchangeId) {
        return connections.abort(exchangeId);
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
        try {
            connections.close();
        } catch (IOException e) {
            // the reactor is down already; nothing else holds the sockets
        }
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
