package dev.providers.conformance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.testing.EventInvariants;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A reference server with an engine in front of it, closed together. */
final class Harness implements AutoCloseable {

    static final String KEY = "sk-reference-test-key";

    final ReferenceServer server;
    final ProviderEngine engine;
    final ModelRef model;

    private Harness(ReferenceServer server, ProviderEngine engine, ModelRef model) {
        this.server = server;
        this.engine = engine;
        this.model = model;
    }

    /** Starts a server of a profile and an engine with its provider file (fixed or not). */
    static Harness start(Profile profile, boolean fixed, Path dir) {
        ReferenceServer server = ReferenceServer.start(profile, KEY, Duration.ZERO);
        try {
            return withYaml(server, fixed ? server.fixedProviderYaml() : server.providerYaml(),
                    dir);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Starts an engine with a given provider file for a running server. */
    static Harness withYaml(ReferenceServer server, String yaml, Path dir) {
        try {
            Path file = dir.resolve(server.profile().providerId() + ".yaml");
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProviderEngine engine = ProviderEngine.builder()
                .registry(ProviderLoader.withoutBuiltins().load(dir).requireValid())
                .maxRetries(0)
                .build();
        return new Harness(server, engine, ModelRef.of(server.profile().providerId(),
                Profile.DEFAULT_MODEL));
    }

    /** Runs a request to the end and checks the event grammar. */
    Result run(Context context, StreamOptions options) {
        return run(context, options, (event, handle) -> { });
    }

    /** Runs a request, showing each event to {@code onEvent} (which may cancel). */
    Result run(Context context, StreamOptions options, EventHook onEvent) {
        Recorder recorder = new Recorder(onEvent);
        StreamHandle handle;
        synchronized (recorder) {
            handle = engine.stream(model, context, options, recorder);
            recorder.handle = handle;
        }
        try {
            AssistantMessage message = handle.result().get(30, TimeUnit.SECONDS);
            assertEquals(List.of(), EventInvariants.check(recorder.events, null),
                    "event grammar");
            return new Result(message, List.copyOf(recorder.events), handle.deviations());
        } catch (Exception e) {
            handle.cancel();
            throw new AssertionError("the stream did not end", e);
        }
    }

    @Override
    public void close() {
        engine.close();
        server.close();
    }

    /** Records events and shows each to a hook, with the stream's handle. */
    static final class Recorder implements StreamListener {
        final List<StreamEvent> events = new CopyOnWriteArrayList<>();
        private final EventHook hook;
        private StreamHandle handle;

        Recorder(EventHook hook) {
            this.hook = hook;
        }

        @Override
        public void onEvent(StreamEvent event) {
            events.add(event);
            synchronized (this) { // the handle is set once stream(...) has returned
                hook.accept(event, handle);
            }
        }
    }

    /** Sees each event with the stream's handle. */
    @FunctionalInterface
    interface EventHook {
        void accept(StreamEvent event, StreamHandle handle);
    }

    /**
     * What a request produced.
     *
     * @param message the final message
     * @param events every event
     * @param deviations what the engine recorded as absorbed deviations
     */
    record Result(AssistantMessage message, List<StreamEvent> events, List<String> deviations) {

        long count(Class<? extends StreamEvent> type) {
            return events.stream().filter(type::isInstance).count();
        }

        void each(Class<? extends StreamEvent> type, Consumer<StreamEvent> action) {
            events.stream().filter(type::isInstance).forEach(action);
        }
    }
}
