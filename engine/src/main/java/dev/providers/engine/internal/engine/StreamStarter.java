package dev.providers.engine.internal.engine;

import dev.providers.engine.ModelRef;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.internal.auth.Credential;
import dev.providers.engine.internal.auth.CredentialSource;
import dev.providers.engine.internal.auth.Credentials;
import dev.providers.engine.internal.auth.Failures;
import dev.providers.engine.internal.concurrent.FlowGate;
import dev.providers.engine.internal.http.HttpTransport;
import dev.providers.engine.internal.http.PreparedRequest;
import dev.providers.engine.internal.http.StreamExchange;
import dev.providers.engine.internal.errors.OverflowDetector;
import dev.providers.engine.internal.stream.AssemblyConfig;
import dev.providers.engine.internal.stream.MessageAssembler;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.observe.EngineObserver;
import dev.providers.engine.observe.StreamStart;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.UnresolvedSecretException;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.DialectModel;
import dev.providers.engine.spi.DialectRequest;
import dev.providers.engine.spi.Dialects;
import dev.providers.engine.spi.RequestRefusedException;
import dev.providers.engine.spi.StreamDecoder;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Starts streams: resolves the model in the registry snapshot of the moment (bad references
 * throw here, before anything is sent), then encodes, prepares and sends; every later failure
 * becomes the stream's single error event.
 *
 * <p>It also knows the streams still open, so that closing the engine ends each of them with
 * one {@code aborted} event.
 *
 * <p>Thread-safety: thread-safe; holds a concurrent set of the open streams and a concurrent
 * cache of each model's assembly settings.
 */
public final class StreamStarter {

    private static final System.Logger LOG = System.getLogger(StreamStarter.class.getName());

    private final Supplier<ProviderRegistry> registry;
    private final HttpTransport transport;
    private final RequestPreparer preparer;
    private final Executor callbacks;
    private final DoubleSupplier random;
    private final Credentials credentials;
    private final List<EngineObserver> observers;
    private final Set<DefaultStreamHandle> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /**
     * The models bound to their dialects by provider id, then model id, with the resolution
     * they were bound from: registries cache resolved models per snapshot, so the same instance
     * means the same binding, and a reload (a new instance) binds again.
     */
    private final Map<String, Map<String, Binding>> bindings = new ConcurrentHashMap<>();

    /** A model bound to its dialect, with what every request of it shares. */
    private record Binding(ResolvedModel resolved, Dialect dialect, DialectModel model,
            AssemblyConfig assembly, OverflowDetector overflow) { }

    /** The error message of streams ended by closing the engine. */
    static final String CLOSED = "the engine was closed";
    /** The text a stream may hold for its consumer before its socket pauses, in characters. */
    static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;

    public StreamStarter(Supplier<ProviderRegistry> registry, HttpTransport transport,
            RequestPreparer preparer, Executor callbacks, DoubleSupplier random,
            Credentials credentials, List<EngineObserver> observers) {
        this.registry = registry;
        this.transport = transport;
        this.preparer = preparer;
        this.callbacks = callbacks;
        this.random = random;
        this.credentials = credentials;
        this.observers = List.copyOf(observers);
    }

    /**
     * Starts a stream; events go to {@code listener}, or are buffered for the handle's publisher
     * or iterator when it is null.
     *
     * @throws IllegalArgumentException if the model reference is unknown or its provider is
     *     disabled
     */
    public StreamHandle start(ModelRef ref, Context context, StreamOptions options,
            @Nullable StreamListener listener) {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        ResolvedModel model = registry.get().model(ref);
        RuntimeException unbound = null;
        long timestamp = System.currentTimeMillis();
        CompletableFuture<AssistantMessage> result = new CompletableFuture<>();
        DefaultStreamHandle[] self = new DefaultStreamHandle[1];
        FlowGate flow = new FlowGate(transport.settings().maxQueuedEvents(), MAX_QUEUED_BYTES);
        EventBuffer buffer = listener == null ? new EventBuffer(() -> self[0].cancel(), flow)
                : null;
        // on the caller's thread, so that an observer sees its context (a current span)
        Observations observation = observers.isEmpty() ? null
                : Observations.start(observers, new StreamStart(ref, model, context, options));
        EventDispatcher dispatcher = new EventDispatcher(callbacks,
                listener != null ? listener : buffer, result, flow, observation,
                new EventDispatcher.Origin(model.api(), ref, timestamp),
                () -> self[0].abort("the engine failed delivering the stream"));
        Binding binding;
        try {
            binding = binding(ref, model);
        } catch (RuntimeException e) {
            binding = null;
            unbound = e;
        }
        MessageAssembler assembler = new MessageAssembler(binding != null ? binding.assembly()
                : new AssemblyConfig(model.api(), ref, model.model().cost(),
                        model.model().contextWindow()), timestamp, dispatcher);
        DefaultStreamHandle handle = new DefaultStreamHandle(ref, assembler, dispatcher, result,
                buffer);
        self[0] = handle;
        open.add(handle);
        result.whenComplete((message, failure) -> open.remove(handle));
        if (closed) {
            handle.abort(CLOSED); // close() ran meanwhile and may have missed this stream
            return handle;
        }
        if (binding == null) {
            assembler.fail(ErrorKind.INVALID_REQUEST, "the model cannot be used: "
                    + unbound.getMessage(), false);
            return handle;
        }
        CredentialSource source = credentials.source(model.provider());
        if (source == null) {
            send(ref, model, binding, context, options, assembler, handle, dispatcher, flow,
                    null, null);
            return handle;
        }
        // until the request is built, errors are redacted of what the provider's file names
        assembler.redactWith(credentials.redactor(model.provider()));
        CompletableFuture<Credential> credential;
        try {
            credential = source.acquire();
        } catch (RuntimeException e) {
            credential = CompletableFuture.failedFuture(e);
        }
        Binding bound = binding;
        // usually complete at once (a cached token, a key); else the stream starts when it is
        credential.whenComplete((c, failure) -> {
            if (failure != null) {
                assembler.fail(ErrorKind.AUTH, Failures.message(failure), false);
            } else if (!assembler.isTerminated()) {
                send(ref, model, bound, context, options, assembler, handle, dispatcher, flow,
                        source, c);
            }
        });
        return handle;
    }

    /**
     * Encodes, prepares and sends a request with {@code credential} from {@code source} (both
     * null: the provider's {@code apiKey}, if any); every failure becomes the stream's error.
     */
    private void send(ModelRef ref, ResolvedModel model, Binding binding, Context context,
            StreamOptions options, MessageAssembler assembler, DefaultStreamHandle handle,
            EventDispatcher dispatcher, FlowGate flow, @Nullable CredentialSource source,
            @Nullable Credential credential) {
        try {
            DialectRequest encoded = binding.model().encode(context, options);
            List<String> obtained = source == null ? List.of()
                    : credentials.known(model.provider().id()).values();
            PreparedRequest request = preparer.prepare(model, binding.dialect(), encoded,
                    binding.overflow(), options, credential == null ? null : credential.secret(),
                    obtained);
            assembler.redactWith(request.redactor());
            StreamDecoder decoder = binding.model().decoder(binding.overflow()::matchesMessage,
                    encoded);
            StreamExchange exchange = new StreamExchange(transport, request, assembler, decoder,
                    random, options.wireObserver(), callbacks, dispatcher, flow);
            if (source != null && credential != null) {
                exchange.credentialRetry(new CredentialResend(source, credential,
                        assembler::deviation, next -> preparer.prepare(model, binding.dialect(),
                                encoded, binding.overflow(), options, next.secret(),
                                credentials.known(model.provider().id()).values())));
            }
            handle.exchange(exchange);
            if (assembler.isTerminated()) {
                return; // cancelled while the credential was on its way
            }
            exchange.start();
        } catch (RequestRefusedException e) {
            assembler.fail(e.kind(), String.valueOf(e.getMessage()), false);
        } catch (UnresolvedSecretException e) {
            assembler.fail(ErrorKind.AUTH, e.getMessage() + " (a secret of provider "
                    + ref.provider() + ")", false);
        } catch (IllegalArgumentException e) {
            assembler.fail(ErrorKind.INVALID_REQUEST, "the request cannot be built: "
                    + e.getMessage(), false);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "starting a stream to " + ref + " failed", e);
            assembler.fail(ErrorKind.PROTOCOL, "the request could not be sent: " + e, false);
        }
    }

    /**
     * Refuses new streams and ends every open one with {@code aborted}; waits up to
     * {@code grace} for the listeners to be handed their terminal event, then completes the
     * results of streams whose listener is still busy (it gets the event when it returns).
     */
    public void close(Duration grace) {
        closed = true;
        List<DefaultStreamHandle> streams = new ArrayList<>(open);
        for (DefaultStreamHandle handle : streams) {
            handle.abort(CLOSED);
        }
        CompletableFuture<?>[] results = streams.stream().map(DefaultStreamHandle::result)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(results).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // a listener is still busy: settle below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (DefaultStreamHandle handle : streams) {
            handle.settle();
        }
    }

    /**
     * Returns the model bound to its dialect, from the cache when the registry still holds the
     * same resolution.
     *
     * @throws IllegalArgumentException if no dialect speaks the model's api, or the dialect
     *     cannot use the model
     */
    private Binding binding(ModelRef ref, ResolvedModel model) {
        Map<String, Binding> byModel = bindings.get(ref.provider());
        Binding cached = byModel == null ? null : byModel.get(ref.model());
        if (cached == null || cached.resolved() != model) {
            Dialect dialect = Dialects.require(model.api());
            DialectModel bound = dialect.bind(model);
            cached = new Binding(model, dialect, bound, new AssemblyConfig(model.api(), ref,
                    model.model().cost(), model.model().contextWindow()),
                    preparer.overflowDetector(bound.overflowPatterns()));
            bindings.computeIfAbsent(ref.provider(), id -> new ConcurrentHashMap<>())
                    .put(ref.model(), cached);
        }
        return cached;
    }
}
