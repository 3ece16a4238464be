package dev.providers.conformance.launch;

import dev.providers.conformance.api.ConfigKeys;
import dev.providers.conformance.redaction.ProviderSecrets;
import dev.providers.conformance.redaction.Redactor;
import dev.providers.engine.ModelRef;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.spec.ProviderSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the secrets a run sends, to keep them out of everything the kit writes: those of the
 * provider under test and of the handoff model's provider, resolved from the process
 * environment as the suite's engine resolves them.
 *
 * <p>Thread-safety: stateless.
 */
public final class SuiteSecrets {

    private SuiteSecrets() { }

    /**
     * Returns the redactor of the run's secrets; none when the provider files cannot be read
     * (a run that cannot load them sends nothing).
     */
    public static Redactor redactor(SuiteRun run) {
        try {
            ProviderRegistry registry = run.registry() != null ? run.registry() : load(run);
            List<ProviderSpec> providers = new ArrayList<>();
            registry.provider(run.provider()).ifPresent(providers::add);
            String handoff = run.configuration().get(ConfigKeys.HANDOFF_MODEL);
            if (handoff != null) {
                registry.provider(ModelRef.parse(handoff).provider()).ifPresent(providers::add);
            }
            return ProviderSecrets.redactor(providers, System::getenv);
        } catch (RuntimeException unreadable) {
            return Redactor.none();
        }
    }

    private static ProviderRegistry load(SuiteRun run) {
        Path dir = run.providersDir();
        ProviderLoader loader = ProviderLoader.create();
        LoadResult loaded = dir != null && Files.isDirectory(dir) ? loader.load(dir)
                : loader.load(List.of());
        return loaded.registry();
    }
}
