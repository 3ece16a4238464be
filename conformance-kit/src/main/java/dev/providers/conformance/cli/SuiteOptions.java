package dev.providers.conformance.cli;

import dev.providers.conformance.api.ConfigKeys;
import dev.providers.engine.auth.CredentialStore;
import dev.providers.conformance.api.Durations;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TierSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The root command's options for running the suite ({@code conformance --provider ID …}) and
 * how they become a {@link SuiteRun}.
 */
final class SuiteOptions {

    @Mixin
    RegistryOptions registry;

    @Option(names = "--provider", paramLabel = "ID",
            description = "Run the conformance suite against this provider.")
    @Nullable String provider;

    @Option(names = "--model", paramLabel = "M",
            description = "The model id (default: the provider's first model).")
    @Nullable String model;

    @Option(names = "--tier", paramLabel = "protocol|behaviour|all", defaultValue = "protocol",
            description = "Which tiers to run (default: ${DEFAULT-VALUE}).")
    TierSelection tier = TierSelection.PROTOCOL;

    @Option(names = "--tests", paramLabel = "PATTERN",
            description = "Only tests whose id (P04), class, method or display name contains "
                    + "this text or matches this glob; comma-separated alternatives.")
    @Nullable String tests;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where reports, JUnit XML and captures go "
                    + "(default: conformance-reports/<provider> in the current directory).")
    @Nullable Path reportDir;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "3",
            description = "Attempts per BEHAVIOUR test; the report shows the pass rate "
                    + "(default: ${DEFAULT-VALUE}).")
    int attempts = 3;

    @Option(names = "--test-timeout", paramLabel = "DURATION", defaultValue = "120s",
            converter = DurationConverter.class,
            description = "How long one test may run before its streams are cancelled and it "
                    + "fails as timed out; a BEHAVIOUR test gets it per attempt; e.g. 90s, 5m "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration testTimeout = ConfigKeys.DEFAULT_TEST_TIMEOUT;

    @Option(names = "--run-timeout", paramLabel = "DURATION", defaultValue = "30m",
            converter = DurationConverter.class,
            description = "How long the whole run may take; the test running then times out "
                    + "and the rest are reported as not run (default: ${DEFAULT-VALUE}).")
    Duration runTimeout = ConfigKeys.DEFAULT_RUN_TIMEOUT;

    @Option(names = "--max-overflow-tokens", paramLabel = "N",
            description = "Skip the context-overflow test for context windows above N tokens "
                    + "(default: 300000).")
    @Nullable Integer maxOverflowTokens;

    @Option(names = "--fix",
            description = "Apply the compat settings the run suggests to the provider's file "
                    + "(a new override file for a built-in), re-run what failed and print the "
                    + "diff; exit 0 when it all passes then.")
    boolean fix;

    @Option(names = "--handoff-model", paramLabel = "PROVIDER/MODEL",
            description = "A second model for the cross-provider handoff test.")
    @Nullable String handoffModel;

    /**
     * Returns the run the options describe.
     *
     * @throws IllegalArgumentException when an option's value is invalid; the message says which
     */
    SuiteRun toRun(Map<String, String> environment) {
        String id = provider == null ? "" : provider;
        SuiteRun.Builder run = SuiteRun.builder()
                .provider(id)
                .model(model)
                .tier(tier)
                .tests(tests)
                .providersDir(providersDir(environment))
                .reportDir(reportDir != null ? reportDir
                        : Path.of("conformance-reports", id.replaceAll("[^A-Za-z0-9._-]", "_")))
                .attempts(attempts)
                .testTimeout(testTimeout)
                .runTimeout(runTimeout);
        if (maxOverflowTokens != null) {
            if (maxOverflowTokens < 1) {
                throw new IllegalArgumentException("--max-overflow-tokens must be positive; was "
                        + maxOverflowTokens);
            }
            run.configurationParameter(ConfigKeys.MAX_OVERFLOW_TOKENS,
                    maxOverflowTokens.toString());
        }
        if (handoffModel != null) {
            run.configurationParameter(ConfigKeys.HANDOFF_MODEL, handoffModel);
        }
        // the logins `conformance login` stored for this environment
        run.configurationParameter(ConfigKeys.CREDENTIALS, CredentialStore.defaultPath(
                environment::get).toString());
        return run.build();
    }

    /** Reads {@code --test-timeout} and {@code --run-timeout} values with the kit's syntax. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Returns the providers directory the user named, or null when it is the default. */
    @Nullable Path explicitProvidersDir(Map<String, String> environment) {
        ProvidersDirectory directory = ProvidersDirectory.resolve(registry.providersDir,
                environment);
        return directory.explicit() ? directory.path() : null;
    }

    /** Returns the providers directory {@code --fix} writes to when the run has none. */
    Path fixDirectory(Map<String, String> environment) {
        return ProvidersDirectory.resolve(registry.providersDir, environment).path();
    }

    /**
     * Returns the providers directory, or null for the built-in catalog alone: a directory the
     * user named is kept even when missing (validation reports it); the default may be absent.
     */
    private @Nullable Path providersDir(Map<String, String> environment) {
        ProvidersDirectory directory = ProvidersDirectory.resolve(registry.providersDir,
                environment);
        return directory.explicit() || Files.isDirectory(directory.path()) ? directory.path()
                : null;
    }
}
