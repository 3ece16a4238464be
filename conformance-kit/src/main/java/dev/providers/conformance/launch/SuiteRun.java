package dev.providers.conformance.launch;

import dev.providers.conformance.api.ConfigKeys;
import dev.providers.conformance.api.Durations;
import dev.providers.conformance.extension.RegistryHandoff;
import dev.providers.engine.registry.ProviderRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one run of the suite should do: the provider and model under test, the tiers and tests to
 * select, where provider files and reports live, the attempts per BEHAVIOUR test, and the
 * deadlines per test and per run.
 *
 * <p>Immutable; {@link #toBuilder()} makes a modified copy, which is how a
 * {@link TargetPreparer} points a run at a server it started.
 */
public final class SuiteRun {

    /** The keys the run sets itself, which {@link Builder#configurationParameter} refuses. */
    private static final Set<String> OWN_KEYS = Set.of(ConfigKeys.PROVIDER, ConfigKeys.MODEL,
            ConfigKeys.PROVIDERS_DIR, ConfigKeys.ATTEMPTS, ConfigKeys.REPORT_DIR,
            ConfigKeys.TEST_TIMEOUT, ConfigKeys.RUN_TIMEOUT, RegistryHandoff.PARAMETER);

    private final String provider;
    private final @Nullable String model;
    private final TierSelection tier;
    private final @Nullable String tests;
    private final @Nullable Path providersDir;
    private final @Nullable ProviderRegistry registry;
    private final Path reportDir;
    private final int attempts;
    private final Duration testTimeout;
    private final Duration runTimeout;
    private final Map<String, String> configuration;

    private SuiteRun(Builder builder) {
        if (builder.provider == null || builder.provider.isBlank()) {
            throw new IllegalStateException("a suite run needs a provider id; none was set");
        }
        if (builder.reportDir == null) {
            throw new IllegalStateException("a suite run needs a report directory; none was set");
        }
        this.provider = builder.provider;
        this.model = builder.model;
        this.tier = builder.tier;
        this.tests = builder.tests;
        this.providersDir = builder.providersDir;
        this.registry = builder.registry;
        this.reportDir = builder.reportDir;
        this.attempts = builder.attempts;
        this.testTimeout = builder.testTimeout;
        this.runTimeout = builder.runTimeout;
        this.configuration = Map.copyOf(builder.configuration);
    }

    /**
     * Returns a builder with the defaults: tier protocol, all tests, 3 attempts, 120 s per test
     * and 30 min per run.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this run's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.provider = provider;
        builder.model = model;
        builder.tier = tier;
        builder.tests = tests;
        builder.providersDir = providersDir;
        builder.registry = registry;
        builder.reportDir = reportDir;
        builder.attempts = attempts;
        builder.testTimeout = testTimeout;
        builder.runTimeout = runTimeout;
        builder.configuration.putAll(configuration);
        return builder;
    }

    /** Returns the id of the provider under test. */
    public String provider() {
        return provider;
    }

    /** Returns the model id under test, or null for the provider's first model. */
    public @Nullable String model() {
        return model;
    }

    /** Returns the tiers to run. */
    public TierSelection tier() {
        return tier;
    }

    /** Returns the test pattern (see {@link Builder#tests}), or null for every test. */
    public @Nullable String tests() {
        return tests;
    }

    /** Returns the providers directory, or null for the built-in catalog only. */
    public @Nullable Path providersDir() {
        return providersDir;
    }

    /**
     * Returns the providers built in code that the run uses instead of any provider files, or
     * null when it reads files.
     */
    public @Nullable ProviderRegistry registry() {
        return registry;
    }

    /** Returns the directory the reports, JUnit XML and captures go to. */
    public Path reportDir() {
        return reportDir;
    }

    /** Returns the attempts per BEHAVIOUR test (PROTOCOL tests always run once). */
    public int attempts() {
        return attempts;
    }

    /**
     * Returns how long one test may run before it fails as timed out (a BEHAVIOUR test gets it
     * once per attempt).
     */
    public Duration testTimeout() {
        return testTimeout;
    }

    /**
     * Returns how long the run may take: the test running when it passes times out and the
     * rest are reported as not run.
     */
    public Duration runTimeout() {
        return runTimeout;
    }

    /** Returns the further configuration parameters passed to the suite. */
    public Map<String, String> configuration() {
        return configuration;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SuiteRun other && provider.equals(other.provider)
                && Objects.equals(model, other.model) && tier == other.tier
                && Objects.equals(tests, other.tests)
                && Objects.equals(providersDir, other.providersDir)
                && Objects.equals(registry, other.registry)
                && reportDir.equals(other.reportDir) && attempts == other.attempts
                && testTimeout.equals(other.testTimeout) && runTimeout.equals(other.runTimeout)
                && configuration.equals(other.configuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, model, tier, tests, providersDir, registry, reportDir,
                attempts, testTimeout, runTimeout, configuration);
    }

    @Override
    public String toString() {
        // configuration values are left out: a caller may pass anything there
        return "SuiteRun[" + provider + (model == null ? "" : "/" + model) + ", tier "
                + tier.label() + (tests == null ? "" : ", tests " + tests) + ", reports "
                + reportDir + "]";
    }

    /** Collects a run's settings; setters reject bad values with the value in the message. */
    public static final class Builder {

        private @Nullable String provider;
        private @Nullable String model;
        private TierSelection tier = TierSelection.PROTOCOL;
        private @Nullable String tests;
        private @Nullable Path providersDir;
        private @Nullable ProviderRegistry registry;
        private @Nullable Path reportDir;
        private int attempts = 3;
        private Duration testTimeout = ConfigKeys.DEFAULT_TEST_TIMEOUT;
        private Duration runTimeout = ConfigKeys.DEFAULT_RUN_TIMEOUT;
        private final Map<String, String> configuration = new LinkedHashMap<>();

        private Builder() { }

        /** Sets the provider id under test (required). */
        public Builder provider(String id) {
            if (id.isBlank()) {
                throw new IllegalArgumentException("the provider id is blank");
            }
            this.provider = id;
            return this;
        }

        /** Sets the model id, or null for the provider's first model. */
        public Builder model(@Nullable String id) {
            this.model = id == null || id.isBlank() ? null : id;
            return this;
        }

        /** Sets the tiers to run (default {@link TierSelection#PROTOCOL}). */
        public Builder tier(TierSelection tier) {
            this.tier = Objects.requireNonNull(tier, "tier");
            return this;
        }

        /**
         * Sets which tests to run: comma-separated alternatives, each a glob ({@code *},
         * {@code ?}) matched whole, or else a substring, compared case-insensitively with a
         * test's catalogue id ("P04"), class simple name, method name and display names; null
         * or blank selects every test.
         */
        public Builder tests(@Nullable String pattern) {
            if (pattern != null && !pattern.isBlank()) {
                TestPattern.parse(pattern);
            }
            this.tests = pattern == null || pattern.isBlank() ? null : pattern.trim();
            return this;
        }

        /** Sets the providers directory, or null for the built-in catalog only. */
        public Builder providersDir(@Nullable Path dir) {
            this.providersDir = dir;
            return this;
        }

        /**
         * Sets providers built in code to test instead of provider files (the providers
         * directory is then not read), or null to read files; the way to test a provider whose
         * dialect is registered in code.
         */
        public Builder registry(@Nullable ProviderRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** Sets the directory for reports, JUnit XML and captures (required). */
        public Builder reportDir(Path dir) {
            this.reportDir = Objects.requireNonNull(dir, "reportDir");
            return this;
        }

        /** Sets the attempts per BEHAVIOUR test, at least 1 (default 3). */
        public Builder attempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1; was "
                        + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        /**
         * Sets how long one test may run, positive and at most {@link Durations#MAX} (default
         * 120 s); a BEHAVIOUR test gets it once per attempt.
         */
        public Builder testTimeout(Duration timeout) {
            this.testTimeout = checked("the test timeout", timeout);
            return this;
        }

        /** Sets how long the run may take, positive and at most {@link Durations#MAX} (30 min). */
        public Builder runTimeout(Duration timeout) {
            this.runTimeout = checked("the run timeout", timeout);
            return this;
        }

        private static Duration checked(String what, Duration timeout) {
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Durations.MAX) > 0) {
                throw new IllegalArgumentException(what + " must be positive and at most "
                        + Durations.describe(Durations.MAX) + "; was " + timeout);
            }
            return timeout;
        }

        /**
         * Adds a configuration parameter for the suite, such as
         * {@link ConfigKeys#MAX_OVERFLOW_TOKENS}; the keys this builder sets itself are refused.
         */
        public Builder configurationParameter(String key, String value) {
            if (OWN_KEYS.contains(key)) {
                throw new IllegalArgumentException("the configuration parameter " + key
                        + " is set from the run's own settings; use the builder's setter");
            }
            configuration.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Returns the run. */
        public SuiteRun build() {
            return new SuiteRun(this);
        }
    }
}
