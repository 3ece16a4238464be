package dev.providers.conformance.extension;

import dev.providers.conformance.api.ConfigKeys;
import dev.providers.conformance.api.Notebook;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.redaction.ProviderSecrets;
import dev.providers.conformance.redaction.Redactor;
import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.auth.CredentialStore;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.Dialects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/**
 * One run of the suite: the registry, the model under test, the engine (and the engines of
 * variants), the settings. Kept in the root store and closed once at the end.
 *
 * <p>Thread-safety: thread-safe.
 */
final class KitSession implements AutoCloseable {

    /** A stream awaited this long hangs; the test's deadline usually ends it much sooner. */
    private static final Duration MIN_STREAM_TIMEOUT = Duration.ofMinutes(3);

    private final ProviderRegistry registry;
    private final ResolvedModel model;
    private final ProviderEngine engine;
    private final int attempts;
    private final int maxOverflowTokens;
    private final @Nullable Path reportDir;
    private final @Nullable ResolvedModel handoff;
    private final CredentialStore credentials;
    private final @Nullable String engineSecrets;
    /** The file's secrets and every engine's live view (the tokens it fetched). */
    private volatile Redactor redactor;
    /** How long one stream is awaited: the test timeout, but at least the minimum. */
    private final Duration streamTimeout;
    private final Map<ProviderUnderTest.Variant, ProviderEngine> variants =
            new ConcurrentHashMap<>();
    private volatile @Nullable Boolean takesTools;

    private KitSession(ProviderRegistry registry, ResolvedModel model, int attempts,
            int maxOverflowTokens, @Nullable Path reportDir, @Nullable ResolvedModel handoff,
            Duration streamTimeout, CredentialStore credentials,
            @Nullable String engineSecrets) {
        this.streamTimeout = streamTimeout;
        this.registry = registry;
        this.handoff = handoff;
        this.model = model;
        this.attempts = attempts;
        this.maxOverflowTokens = maxOverflowTokens;
        this.reportDir = reportDir;
        this.credentials = credentials;
        this.engineSecrets = engineSecrets;
        this.engine = ProviderEngine.builder().registry(registry).credentialStore(credentials)
                .build();
        // the engine resolves secrets from the process environment, and so does the redactor
        this.redactor = ProviderSecrets.redactor(handoff == null ? List.of(model.provider())
                : List.of(model.provider(), handoff.provider()), System::getenv, credentials);
        watch(engine, model.ref().provider());
        if (handoff != null) {
            watch(engine, handoff.ref().provider());
        }
    }

    /**
     * Adds an engine's live view of a provider's secrets (the tokens it fetches) to the
     * session's redactor and to the run's, so that captures, reports and the console mask them.
     */
    private void watch(ProviderEngine owner, String providerId) {
        UnaryOperator<String> view = owner.redactor(providerId);
        synchronized (this) {
            redactor = redactor.and(view);
        }
        if (engineSecrets != null) {
            EngineSecrets.register(engineSecrets, view);
        }
    }

    /** Returns the session of this run, creating it from the configuration on first use. */
    static KitSession of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(KitSession.class))
                .getOrComputeIfAbsent(KitSession.class, key -> create(context),
                        KitSession.class);
    }

    private static KitSession create(ExtensionContext context) {
        String provider = context.getConfigurationParameter(ConfigKeys.PROVIDER).orElseThrow(
                () -> new IllegalStateException("the configuration parameter "
                        + ConfigKeys.PROVIDER + " names the provider under test; it is missing"));
        ProviderRegistry registry = registry(context);
        String modelId = context.getConfigurationParameter(ConfigKeys.MODEL).orElseGet(
                () -> registry.provider(provider).orElseThrow(() -> new IllegalStateException(
                        "unknown provider '" + provider + "'")).models().get(0).id());
        ResolvedModel model = registry.model(ModelRef.of(provider, modelId));
        int attempts = context.getConfigurationParameter(ConfigKeys.ATTEMPTS, Integer::parseInt)
                .orElse(3);
        int maxOverflow = context.getConfigurationParameter(ConfigKeys.MAX_OVERFLOW_TOKENS,
                Integer::parseInt).orElse(300_000);
        Path reportDir = context.getConfigurationParameter(ConfigKeys.REPORT_DIR).map(Path::of)
                .orElse(null);
        ResolvedModel handoff = context.getConfigurationParameter(ConfigKeys.HANDOFF_MODEL)
                .map(ref -> registry.model(ModelRef.parse(ref))).orElse(null);
        Duration testTimeout = Deadlines.of(context).testTimeout();
        Duration streamTimeout = testTimeout.compareTo(MIN_STREAM_TIMEOUT) > 0 ? testTimeout
                : MIN_STREAM_TIMEOUT;
        CredentialStore credentials = CredentialStore.file(context.getConfigurationParameter(
                ConfigKeys.CREDENTIALS).map(Path::of).orElseGet(
                        () -> CredentialStore.defaultPath(System::getenv)));
        return new KitSession(registry, model, Math.max(1, attempts), maxOverflow, reportDir,
                handoff, streamTimeout, credentials, context.getConfigurationParameter(
                        EngineSecrets.PARAMETER).orElse(null));
    }

    /** Returns the registry handed over in code, else the one the provider files give. */
    private static ProviderRegistry registry(ExtensionContext context) {
        Optional<String> handoff = context.getConfigurationParameter(RegistryHandoff.PARAMETER);
        if (handoff.isPresent()) {
            return RegistryHandoff.find(handoff.get()).orElseThrow(() -> new IllegalStateException(
                    "the registry handed to this run (" + handoff.get() + ") was withdrawn"));
        }
        ProviderLoader loader = ProviderLoader.create();
        LoadResult loaded = context.getConfigurationParameter(ConfigKeys.PROVIDERS_DIR)
                .map(Path::of).filter(Files::isDirectory).map(loader::load)
                .orElseGet(() -> loader.load(List.of()));
        if (loaded.hasErrors()) {
            throw new IllegalStateException("the provider files are invalid:\n"
                    + String.join("\n", loaded.diagnostics().stream().map(d -> d.format())
                            .toList()));
        }
        return loaded.registry();
    }

    ResolvedModel model() {
        return model;
    }

    /**
     * Returns whether the model's dialect takes tools (the TOOLS gate). A dialect the engine
     * does not know, or one that cannot bind the model, counts as taking them: its tests then
     * fail with the engine's own error instead of hiding behind a skip.
     */
    boolean takesTools() {
        Boolean known = takesTools;
        if (known == null) {
            try {
                known = Dialects.require(model.api()).bind(model).supportsTools();
            } catch (IllegalArgumentException unusable) {
                known = true;
            }
            takesTools = known;
        }
        return known;
    }

    int attempts() {
        return attempts;
    }

    int maxOverflowTokens() {
        return maxOverflowTokens;
    }

    @Nullable Path reportDir() {
        return reportDir;
    }

    /** Returns the redactor of every secret the run's providers send. */
    Redactor redactor() {
        return redactor;
    }

    /** Returns a provider under test for one test invocation. */
    ProviderUnderTest providerUnderTest(Notebook notebook) {
        return new ProviderUnderTest(engine, model, streamTimeout,
                variant -> variant(variant, notebook), notebook, attempts,
                handoff == null ? null : () -> new ProviderUnderTest(engine, handoff,
                        streamTimeout, variant -> {
                            throw new UnsupportedOperationException("the handoff endpoint has "
                                    + "no variants");
                        }, notebook, attempts, null));
    }

    private ProviderUnderTest variant(ProviderUnderTest.Variant variant, Notebook notebook) {
        ProviderRegistry changed = Variants.apply(registry, model, variant);
        ProviderEngine variantEngine = variants.computeIfAbsent(variant, v -> {
            ProviderEngine built = ProviderEngine.builder().registry(changed)
                    .credentialStore(credentials).maxRetries(0).build();
            watch(built, model.ref().provider());
            return built;
        });
        String id = variant.modelId() != null ? variant.modelId() : model.model().id();
        return new ProviderUnderTest(variantEngine,
                changed.model(ModelRef.of(model.ref().provider(), id)),
                streamTimeout,
                v -> variant(v, notebook), notebook, attempts, null);
    }

    @Override
    public void close() {
        engine.close();
        variants.values().forEach(ProviderEngine::close);
    }
}
