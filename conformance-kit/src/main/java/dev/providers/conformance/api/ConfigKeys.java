package dev.providers.conformance.api;

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
    /** Another provider/model for the cross-provider handoff test (optional). */
    public static final String HANDOFF_MODEL = "conformance.handoffModel";

    private ConfigKeys() { }
}
