package dev.providers.bench.streaming;

import bench.api.AbstractStreamCall;
import bench.api.ChatRequestSpec;
import bench.api.Endpoint;
import bench.api.StreamAdapter;
import bench.api.StreamCall;
import bench.api.Versions;
import bench.server.StreamSpec;
import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.event.StreamEvent.Done;
import dev.providers.engine.event.StreamEvent.ErrorEvent;
import dev.providers.engine.event.StreamEvent.TextDelta;
import dev.providers.engine.event.StreamEvent.ToolCallDelta;
import dev.providers.engine.event.StreamEvent.ToolCallStart;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The provider engine as a harness adapter. To the engine the firehose is one more
 * OpenAI-compatible provider, described by a provider file in a temporary providers directory;
 * the model name (which carries the stream spec) is passed through unchanged, so the file
 * declares every model name the scenarios use.
 *
 * <p>Settings, chosen so that the benchmark measures streaming and not policies: the pool is
 * raised to the scenario's concurrency (as for every built-in adapter), retries are off, and
 * the timeouts are far above any scenario's duration. I/O threads and the callback executor are
 * the engine's defaults (2 reactor threads and a fixed pool of max(2, cores) callback threads on
 * this machine), as an application would get them.
 *
 * <p>Extra model names (for {@code --set chunks=...} etc.) can be declared with
 * {@code -Dbench.engine.models=fh-c1000-d0-s8-t0-u1-o0,...} on the worker JVM.
 */
public final class EngineAdapter implements StreamAdapter {

    /** The specs {@code Worker} uses with the default and the QUICK parameters of run.sh. */
    static final List<StreamSpec> SPECS = List.of(
            StreamSpec.of(50, 0).withTools(10), StreamSpec.of(100, 0),   // S0
            StreamSpec.of(200_000, 0), StreamSpec.of(50_000, 0),         // S1 (full, QUICK)
            StreamSpec.of(3, 0),                                         // S2
            StreamSpec.of(50, 20), StreamSpec.of(5, 1),                  // S3 (+ warm-up batches)
            StreamSpec.of(1500, 20),                                     // S3 probe at K >= 2000
            StreamSpec.of(500, 20));                                     // S4

    static final String PROVIDER = "firehose";

    private final String api;
    private ProviderEngine engine;
    private Path dir;

    /** The engine on the firehose's chat-completions stream ({@code engine}). */
    public EngineAdapter() {
        this("openai-completions");
    }

    /**
     * The engine on the firehose's stream in the dialect {@code api}: {@code openai-completions},
     * {@code anthropic-messages} ({@code engine-messages}) or {@code openai-responses}
     * ({@code engine-responses}); the firehose picks the framing by the request path.
     */
    public EngineAdapter(String api) {
        this.api = api;
    }

    /** The adapter for a short name: engine, engine-messages or engine-responses, each with an optional @label. */
    public static EngineAdapter forName(String name) {
        String base = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
        return switch (base) {
            case "engine" -> new EngineAdapter();
            case "engine-messages" -> new EngineAdapter("anthropic-messages");
            case "engine-responses" -> new EngineAdapter("openai-responses");
            default -> throw new IllegalArgumentException("no engine adapter " + name);
        };
    }

    @Override
    public String name() {
        return switch (api) {
            case "anthropic-messages" -> "engine-messages";
            case "openai-responses" -> "engine-responses";
            default -> "engine";
        };
    }

    @Override
    public String describe() {
        return name() + ": dev.providers:providers-engine " + Versions.of("dev.providers", "providers-engine")
                + " (api: " + api + ")"
                + " (httpclient5 " + Versions.of("org.apache.httpcomponents.client5", "httpclient5")
                + ", default I/O threads and callback pool, retries 0)";
    }

    /** Every model id the provider file declares. */
    static Set<String> modelIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (StreamSpec s : SPECS) ids.add(s.model());
        String extra = System.getProperty("bench.engine.models", "");
        for (String id : extra.split(",")) if (!id.isBlank()) ids.add(id.trim());
        return ids;
    }

    /** The provider file, as a user would write it for a server of the dialect {@code api}. */
    static String providerFile(Endpoint ep, String api) {
        StringBuilder models = new StringBuilder();
        for (String id : modelIds()) {
            models.append("  - { id: ").append(id).append(", contextWindow: 8192, maxTokens: 1024 }\n");
        }
        return """
                # the local firehose SSE server of the streaming benchmark
                id: %s
                name: Firehose (benchmark)
                api: %s
                baseUrl: %s
                apiKey: %s
                authHeader: true
                %smodels:
                %s""".formatted(PROVIDER, api, ep.baseUrl(), ep.apiKey(),
                api.equals("openai-completions") ? "compat:\n  supportsUsageInStreaming: true\n" : "",
                models);
    }

    @Override
    public void open(Endpoint ep, int maxConcurrentStreams) throws Exception {
        dir = Files.createTempDirectory("providers.d-bench");
        Files.writeString(dir.resolve(PROVIDER + ".yaml"), providerFile(ep, api));
        // a fixed snapshot of the directory: no watcher thread in the thread counts
        LoadResult loaded = ProviderLoader.create().load(dir);
        loaded.diagnostics().forEach(d -> System.err.println(d.format()));
        engine = ProviderEngine.builder()
                .registry(loaded.requireValid())
                .maxConnections(maxConcurrentStreams)   // as the built-in adapters raise their pools
                .maxRetries(0)
                .connectTimeout(Duration.ofSeconds(60))
                .headersTimeout(Duration.ofSeconds(600))
                .idleTimeout(Duration.ofSeconds(600))
                .build();
    }

    @Override
    public StreamCall start(ChatRequestSpec req, bench.api.StreamListener l) {
        Call call = new Call();
        call.handle = engine.stream(ModelRef.of(PROVIDER, req.model()), Context.ofUser(req.userMessage()),
                StreamOptions.defaults(), new Listener(call, l));
        call.libraryHandleReady(); // applies a cancel() that arrived before the handle existed
        return call;
    }

    static final class Call extends AbstractStreamCall {
        volatile StreamHandle handle;

        @Override
        protected void doCancel() {
            handle.cancel();
        }
    }

    /** Maps the engine's typed events back to the harness's wire-level listener. */
    static final class Listener implements StreamListener {
        private final Call call;
        private final bench.api.StreamListener l;
        private String pendingId;
        private String pendingName;

        Listener(Call call, bench.api.StreamListener l) {
            this.call = call;
            this.l = l;
        }

        @Override
        public void onTextDelta(TextDelta e) {
            if (!e.delta().isEmpty()) l.onTextDelta(e.delta());
        }

        @Override
        public void onToolCallStart(ToolCallStart e) {
            // the harness wants id and name with the first fragment; the engine sends them in
            // the start event that comes just before it
            pendingId = e.id();
            pendingName = e.name();
        }

        @Override
        public void onToolCallDelta(ToolCallDelta e) {
            l.onToolCallDelta(e.contentIndex(), pendingId, pendingName, e.delta());
            pendingId = null;
            pendingName = null;
        }

        @Override
        public void onDone(Done e) {
            AssistantMessage m = e.message();
            Usage u = m.usage();
            l.onUsage(u.input() + u.cacheRead() + u.cacheWrite(), u.output());
            l.onFinish(m.rawStopReason());
            call.future.complete(null);
        }

        @Override
        public void onError(ErrorEvent e) {
            AssistantMessage m = e.message();
            if (e.reason() == StopReason.ABORTED && call.isCancelled()) return; // already completed
            call.future.completeExceptionally(new IOException(m.errorKind() + ": " + m.errorMessage()));
        }
    }

    @Override
    public void close() throws Exception {
        if (engine != null) engine.close();
        if (dir != null) {
            List<Path> paths = new ArrayList<>();
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(paths::add);
            }
            for (Path p : paths) Files.deleteIfExists(p);
        }
    }
}
