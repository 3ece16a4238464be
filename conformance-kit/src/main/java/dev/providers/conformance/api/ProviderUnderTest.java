package dev.providers.conformance.api;

import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.spec.ModelSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint a conformance test talks to, injected into each test: the model under test, an
 * engine to stream with, and a notebook for what the test observed. Every stream started here is
 * recorded and its event grammar is checked after the test.
 *
 * <p>Thread-safety: one per test invocation; streams deliver on the engine's threads.
 */
public final class ProviderUnderTest {

    private final ProviderEngine engine;
    private final ResolvedModel model;
    private final Duration streamTimeout;
    private final Function<Variant, ProviderUnderTest> variants;
    private final Notebook notebook;
    private final int attempts;
    private final @Nullable Supplier<ProviderUnderTest> handoff;

    /**
     * A transient change to the provider under test, for tests that need one (a compat flag
     * switched, a wrong key, another path, other prices).
     *
     * @param compat compat flags set on the model
     * @param apiKey a literal key sent instead of every configured key, or null
     * @param baseUrlSuffix text appended to the base URL (e.g. {@code /no-such-path}), or null
     * @param prices prices used instead of the model's, or null
     * @param modelId a model id sent instead of the model's (one the server should not know),
     *     or null
     */
    public record Variant(Map<String, Object> compat, @Nullable String apiKey,
            @Nullable String baseUrlSuffix, @Nullable ModelCost prices,
            @Nullable String modelId) {

        /** Copies the flags. */
        public Variant {
            compat = Map.copyOf(compat);
        }

        /** Returns a variant that only sets compat flags. */
        public static Variant compat(Map<String, Object> flags) {
            return new Variant(flags, null, null, null, null);
        }
    }

    /**
     * Creates the object for one test; the extension does this.
     *
     * @param handoff the second endpoint of the cross-provider test, or null when none is
     *     configured
     */
    public ProviderUnderTest(ProviderEngine engine, ResolvedModel model, Duration streamTimeout,
            Function<Variant, ProviderUnderTest> variants, Notebook notebook, int attempts,
            @Nullable Supplier<ProviderUnderTest> handoff) {
        this.engine = engine;
        this.handoff = handoff;
        this.attempts = attempts;
        this.model = model;
        this.streamTimeout = streamTimeout;
        this.variants = variants;
        this.notebook = notebook;
    }

    /** Returns the model reference under test. */
    public ModelRef ref() {
        return model.ref();
    }

    /** Returns the resolved model (provider, model, effective values). */
    public ResolvedModel model() {
        return model;
    }

    /** Returns the model as declared. */
    public ModelSpec spec() {
        return model.model();
    }

    /** Returns the compat flags in force (each dialect has its own). */
    public EffectiveCompat compat() {
        return model.compat();
    }

    /** Returns the model's dialect, its {@code api} id. */
    public String api() {
        return model.api();
    }

    /** Returns how the kit reads the wire of the model's dialect, or empty when it cannot. */
    public Optional<WireView> wire() {
        return WireViews.find(model.api());
    }

    /**
     * Returns the wire view of the model's dialect; without one, notes in the report that
     * {@code unchecked} was not checked and returns empty, so that a test runs its event-level
     * checks for any dialect and its wire checks where the kit can read the wire.
     */
    public Optional<WireView> wire(String unchecked) {
        Optional<WireView> view = wire();
        String note = WireViews.missing(model.api(), unchecked);
        if (view.isEmpty() && !notebook.observations().contains(note)) {
            notebook.observe(note);
        }
        return view;
    }

    /**
     * Returns whether the engine asks the server for usage in streams (the USAGE gate): by the
     * dialect's wire view, and false for a dialect without one, whose usage is then only
     * required to be consistent.
     */
    public boolean expectsUsage() {
        return wire().map(view -> view.expectsUsage(model)).orElse(false);
    }

    /** Returns how many attempts a BEHAVIOUR test makes. */
    public int attempts() {
        return attempts;
    }

    /** Returns the engine the test streams with. */
    public ProviderEngine engine() {
        return engine;
    }

    /** Starts a recorded stream. */
    public StreamRecord stream(Context context, StreamOptions options) {
        return stream(context, options, null);
    }

    /**
     * Starts a recorded stream; {@code onEvent} sees the record and each event after it is
     * recorded, on the listener thread, where a test may call {@link StreamRecord#cancel()}.
     *
     * @throws AssertionError when the test's deadline has passed (see {@link Notebook#expire})
     */
    public StreamRecord stream(Context context, StreamOptions options,
            @Nullable BiConsumer<StreamRecord, StreamEvent> onEvent) {
        String expired = notebook.expired();
        if (expired != null) {
            throw new AssertionError(expired);
        }
        StreamRecord record = new StreamRecord("stream " + (notebook.records().size() + 1),
                onEvent, streamTimeout, model.model().cost());
        notebook.add(record);
        StreamHandle handle = engine.stream(model.ref(), context,
                options.toBuilder().wireObserver(record).build(), record);
        record.handle(handle);
        return record;
    }

    /** Runs a recorded stream to its end and returns the final message. */
    public AssistantMessage complete(Context context, StreamOptions options) {
        return stream(context, options).await();
    }

    /** Returns a provider under test with a transient change; its streams are checked too. */
    public ProviderUnderTest variant(Variant variant) {
        return variants.apply(variant);
    }

    /**
     * Returns the other endpoint configured for the cross-provider handoff
     * ({@code conformance.handoffModel}), recorded in this test's notebook, if any.
     */
    public Optional<ProviderUnderTest> handoff() {
        return handoff == null ? Optional.empty() : Optional.of(handoff.get());
    }

    /** Notes what the endpoint did, for the report (not a failure). */
    public void observe(String observation) {
        notebook.observe(observation);
    }

    /**
     * Notes a behaviour the engine absorbed but a user should know about (silent truncation,
     * a synthesized id), for the report.
     */
    public void deviation(String deviation) {
        notebook.deviation(deviation);
    }

    /** Suggests a compat setting (YAML, e.g. {@code supportsDeveloperRole: false}). */
    public void suggest(String compatYaml) {
        notebook.suggest(compatYaml);
    }

    /** Returns this test's notebook: streams, observations, deviations, suggestions. */
    public Notebook notebook() {
        return notebook;
    }
}
