package dev.providers.conformance.api;

import java.time.Duration;

/** The configuration parameters the suite reads (passed through the JUnit Platform Launcher). */
public final class ConfigKeys {

    /** The provider id under test (required). */
    public static final String PROVIDER = "conformance.provider";
    /** The model id under test (default: the provider's first model). */
    public static final String MODEL = "conformance.model";
    /** The providers directory (default: only the built-in catalog). */
    public static final String PROVIDERS_DIR = "conformance.providersDir";
    /** Attempts per BEHAVIOUR test (default 3). */
    public static final String ATTEMPTS = "conformance.attempts";
    /** Where failures keep their requests and responses (default: none kept). */
    public static final String REPORT_DIR = "conformance.reportDir";
    /** Contexts above this many tokens are not overflowed on purpose (default 300000). */
    public static final String MAX_OVERFLOW_TOKENS = "conformance.maxOverflowTokens";
    /**
     * The credential file the run's engines read logins from (default: the engine's default,
     * {@code $XDG_CONFIG_HOME/providers/credentials.json} of the process environment, else
     * {@code ~/.config/providers/credentials.json}); the CLI passes the one of its environment.
     */
    public static final String CREDENTIALS = "conformance.credentials";
    /** Another provider/model for the cross-provider handoff test (optional). */
    public static final String HANDOFF_MODEL = "conformance.handoffModel";
    /**
     * How long one test may run before its streams are cancelled and it fails as timed out
     * (default {@link #DEFAULT_TEST_TIMEOUT}); a BEHAVIOUR test gets it once per attempt. The
     * value is read by {@link Durations#parse}, e.g. {@code 90s}.
     */
    public static final String TEST_TIMEOUT = "conformance.testTimeout";
    /**
     * How long the whole run may take, counted from its first test (default
     * {@link #DEFAULT_RUN_TIMEOUT}): the test running when it passes times out, and the tests
     * after it are reported as not run. Read by {@link Durations#parse}, e.g. {@code 30m}.
     */
    public static final String RUN_TIMEOUT = "conformance.runTimeout";

    /** The default of {@link #TEST_TIMEOUT}. */
    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofSeconds(120);
    /** The default of {@link #RUN_TIMEOUT}. */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(30);

    private ConfigKeys() { }
}
