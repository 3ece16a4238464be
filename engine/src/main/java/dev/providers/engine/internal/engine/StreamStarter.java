package dev.providers.engine.internal.engine;

import dev.providers.engine.ModelRef;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.internal.concurrent.FlowGate;
import dev.providers.engine.internal.http.HttpTransport;
import dev.providers.engine.internal.http.PreparedRequest;
import dev.providers.engine.internal.http.StreamExchange;
import dev.providers.engine.internal.openai.EncodedRequest;
import dev.providers.engine.internal.openai.RequestEncoder;
import dev.providers.engine.internal.stream.AssemblyConfig;
import dev.providers.engine.internal.stream.MessageAssembler;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import dev.providers.engine.spec.UnresolvedSecretException;
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
    private final Set<DefaultStreamHandle> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /**
     * The assembly settings by provider id, then model id, with the resolution they were
     * derived from: registries cache resolved models per snapshot, so the same instance means
     * the same settings, and a reload (a new instance) recomputes them.
     */
    private final Map<String, Map<String, Assembly>> assemblies = new ConcurrentHashMap<>();

    private record Assembly(ResolvedModel model, AssemblyConfig config) { }

    /** The error message of streams ended by closing the engine. */
    static final String CLOSED = "the engine was closed";
    /** The text a stream may hold for its consumer before its socket pauses, in characters. */
    static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;

    public StreamStarter(Supplier<ProviderRegistry> registry, HttpTransport transport,
            RequestPreparer preparer, Executor callbacks, DoubleSupplier random) {
        this.registry = registry;
        this.transport = transport;
        this.preparer = preparer;
        this.callbacks = callbacks;
        this.random = random;
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
        long timestamp = System.currentTimeMillis();
        CompletableFuture<AssistantMessage> result = new CompletableFuture<>();
        DefaultStreamHandle[] self = new DefaultStreamHandle[1];
        FlowGate flow = new FlowGate(transport.settings().maxQueuedEvents(), MAX_QUEUED_BYTES);
        EventBuffer buffer = listener == null ? new EventBuffer(() -> self[0].cancel(), flow)
                : null;
        EventDispatcher dispatcher = new EventDispatcher(callbacks,
                listener != null ? listener : buffer, result, flow);
        MessageAssembler assembler = new MessageAssembler(assemblyConfig(ref, model), timestamp,
                dispatcher);
        DefaultStreamHandle handle = new DefaultStreamHandle(ref, assembler, dispatcher, result,
                buffer);
        self[0] = handle;
        open.add(handle);
        result.whenComplete((message, failure) -> open.remove(handle));
        if (closed) {
            handle.abort(CLOSED); // close() ran meanwhile and may have missed this stream
            return handle;
        }
        try {
            if (!RequestEncoder.API.equals(model.api())) {
                assembler.fail(ErrorKind.INVALID_REQUEST, "the engine does not speak "
                        + model.api() + " yet", false);
                return handle;
            }
            EncodedRequest encoded = RequestEncoder.encode(model, context, options);
            Integer window = model.model().contextWindow();
            if (model.compat().flag("contextPrecheck") && window != null
                    && encoded.estimatedPromptTokens() > window) {
                assembler.fail(ErrorKind.CONTEXT_OVERFLOW, "the prompt (about "
                        + encoded.estimatedPromptTokens() + " tokens, estimated) does not fit "
                        + "the context window of " + window + " tokens (compat.contextPrecheck)",
                        false);
                return handle;
            }
            PreparedRequest request = preparer.prepare(model, encoded, options);
            assembler.redactWith(request.redactor());
            StreamExchange exchange = new StreamExchange(transport, request, assembler, random,
                    options.wireObserver(), callbacks, flow);
            handle.exchange(exchange);
            exchange.start();
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
        return handle;
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

    private AssemblyConfig assemblyConfig(ModelRef ref, ResolvedModel model) {
        Map<String, Assembly> byModel = assemblies.get(ref.provider());
        Assembly cached = byModel == null ? null : byModel.get(ref.model());
        if (cached == null || cached.model() != model) {
            cached = new Assembly(model, config(model,
                    preparer.overflowDetector(model)::matchesMessage));
            assemblies.computeIfAbsent(ref.provider(), id -> new ConcurrentHashMap<>())
                    .put(ref.model(), cached);
        }
        return cached.config();
    }

    private static AssemblyConfig config(ResolvedModel model,
            java.util.function.Predicate<String> overflow) {
        EffectiveCompat compat = model.compat();
        @SuppressWarnings("unchecked")
        List<String> fields = compat.get("reasoningFields") instanceof List<?> list
                ? (List<String>) list : List.of("reasoning_content", "reasoning", "reasoning_text");
        String open = null;
        String close = null;
        if (compat.get("thinkTags") instanceof Map<?, ?> tags) {
            open = String.valueOf(tags.get("open"));
            close = String.valueOf(tags.get("close"));
        }
        return new AssemblyConfig(model.api(), model.ref(), model.model().cost(), fields, open,
                close, compat.flag("supportsFinishReason"),
                compat.flag("reasoningTokensInCompletion"), model.model().contextWindow(),
                overflow);
    }
}
