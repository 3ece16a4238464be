package dev.providers.engine;

import java.util.Objects;

/**
 * A reference to one model of one provider, written {@code provider/model}.
 *
 * <p>The model part may itself contain slashes ({@code openrouter/anthropic/claude-sonnet-4}):
 * the provider is everything before the first slash.
 *
 * @param provider the provider id
 * @param model the model id as the provider declares it
 */
public record ModelRef(String provider, String model) {

    /** Rejects empty parts. */
    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        if (provider.isEmpty() || model.isEmpty()) {
            throw new IllegalArgumentException("a model reference needs a provider and a model, "
                    + "was '" + provider + "/" + model + "'");
        }
    }

    /** Returns the reference for a provider and model id. */
    public static ModelRef of(String provider, String model) {
        return new ModelRef(provider, model);
    }

    /**
     * Parses {@code provider/model}.
     *
     * @throws IllegalArgumentException if there is no slash or a part is empty
     */
    public static ModelRef parse(String reference) {
        int slash = reference.indexOf('/');
        if (slash <= 0 || slash == reference.length() - 1) {
            throw new IllegalArgumentException("expected a model reference 'provider/model', was '"
                    + reference + "'");
        }
        return new ModelRef(reference.substring(0, slash), reference.substring(slash + 1));
    }

    /** Returns {@code provider/model}. */
    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
