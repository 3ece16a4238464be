package dev.providers.conformance.launch;

import dev.providers.engine.ModelRef;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ProviderSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves a run's provider and model before launch, the way the suite's session will, so that
 * an unknown provider or invalid files fail once with a clear message instead of once per test.
 * Also yields the endpoint description for the report, without any secret.
 */
final class TargetResolution {

    /** The endpoint a run talks to. */
    record Target(String model, String baseUrl, String api) { }

    private TargetResolution() { }

    /**
     * Returns the target of the run.
     *
     * @throws IllegalArgumentException when the files are invalid or the provider or model is
     *     unknown; the message says which and what is known
     */
    static Target resolve(SuiteRun run) {
        ProviderRegistry registry = run.registry() != null ? run.registry() : load(run);
        String modelId = run.model();
        if (modelId == null) {
            ProviderSpec provider = registry.provider(run.provider()).orElse(null);
            if (provider != null && provider.models().isEmpty()) {
                throw new IllegalArgumentException("provider '" + run.provider()
                        + "' declares no models; name one with --model");
            }
            // an unknown provider falls through to model(), whose message lists the known ones
            modelId = provider == null ? "?" : provider.models().get(0).id();
        }
        ResolvedModel model = registry.model(ModelRef.of(run.provider(), modelId));
        return new Target(model.model().id(), withoutUserInfo(model.baseUrl()), model.api());
    }

    private static ProviderRegistry load(SuiteRun run) {
        Path dir = run.providersDir();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the providers directory " + dir
                    + " does not exist");
        }
        ProviderLoader loader = ProviderLoader.create();
        LoadResult loaded = dir != null ? loader.load(dir) : loader.load(List.of());
        if (loaded.hasErrors()) {
            throw new IllegalArgumentException("the provider files are invalid:\n  "
                    + String.join("\n  ", loaded.diagnostics().stream().filter(Diagnostic::isError)
                            .map(Diagnostic::format).toList()));
        }
        return loaded.registry();
    }

    /** Returns the URL without user info, query or fragment, which may carry credentials. */
    static String withoutUserInfo(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(),
                    null, null).toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }
}
