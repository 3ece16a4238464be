package dev.providers.conformance.launch;

import dev.providers.conformance.api.ConfigKeys;
import dev.providers.conformance.extension.EngineSecrets;
import dev.providers.conformance.redaction.ProviderSecrets;
import dev.providers.conformance.redaction.Redactor;
import dev.providers.engine.ModelRef;
import dev.providers.engine.auth.CredentialStore;
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
 * environment as the suite's engine resolves them, their stored logins, and the tokens the
 * run's engines fetch (their live views, see {@link EngineSecrets}).
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
        String engines = run.configuration().get(EngineSecrets.PARAMETER);
        Redactor live = engines == null ? Redactor.none()
                : Redactor.none().and(EngineSecrets.view(engines));
        try {
            ProviderRegistry registry = run.registry() != null ? run.registry() : load(run);
            List<ProviderSpec> providers = new ArrayList<>();
            registry.provider(run.provider()).ifPresent(providers::add);
            String handoff = run.configuration().get(ConfigKeys.HANDOFF_MODEL);
            if (handoff != null) {
                registry.provider(ModelRef.parse(handoff).provider()).ifPresent(providers::add);
            }
            return ProviderSecrets.redactor(providers, System::getenv, store(run)).and(live);
        } catch (RuntimeException unreadable) {
            return live;
        }
    }

    /**
     * Returns the run with a key under which its engines register their live views (the tokens
     * they fetch), unless it has one; {@link #redactor} of the returned run includes them.
     */
    public static SuiteRun withEngineSecrets(SuiteRun run) {
        if (run.configuration().containsKey(EngineSecrets.PARAMETER)) {
            return run;
        }
        return run.toBuilder().configurationParameter(EngineSecrets.PARAMETER,
                EngineSecrets.open()).build();
    }

    /** Returns the credential store the run's engines read logins from. */
    static CredentialStore store(SuiteRun run) {
        String path = run.configuration().get(ConfigKeys.CREDENTIALS);
        return CredentialStore.file(path != null ? Path.of(path)
                : CredentialStore.defaultPath(System::getenv));
    }

    private static ProviderRegistry load(SuiteRun run) {
        Path dir = run.providersDir();
        ProviderLoader loader = ProviderLoader.create();
        LoadResult loaded = dir != null && Files.isDirectory(dir) ? loader.load(dir)
                : loader.load(List.of());
        return loaded.registry();
    }
}
