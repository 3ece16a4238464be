package dev.providers.conformance.api;

/**
 * What a test needs the model to declare; an undeclared capability skips it with a reason. The
 * gates come from the provider file and the model's dialect, never from probing the endpoint.
 */
public enum Capability {
    /**
     * The model's dialect takes tools ({@code DialectModel.supportsTools()}); provider files have
     * no tools flag.
     */
    TOOLS("the dialect %s takes no tools"),
    /** The model accepts images ({@code input: [text, image]}). */
    IMAGES("the model declares no image input (input lacks image)"),
    /** The model can think ({@code reasoning: true}). */
    THINKING("the model does not declare reasoning: true"),
    /**
     * The provider sends a credential: {@code authHeader} with {@code apiKey}, {@code apiKeys}
     * or {@code auth} (any type: the test sends a bogus static token in its place), or a header
     * that reads a secret from the environment.
     */
    AUTH("the provider declares no credential, so a wrong key cannot be tested"),
    /** The model declares a context window small enough to overflow on purpose. */
    CONTEXT("the model declares no contextWindow, or one above the overflow limit");

    private final String skipReason;

    Capability(String skipReason) {
        this.skipReason = skipReason;
    }

    /** Returns why a test needing this capability is skipped for a model of dialect {@code api}. */
    public String skipReason(String api) {
        return skipReason.replace("%s", api);
    }
}
