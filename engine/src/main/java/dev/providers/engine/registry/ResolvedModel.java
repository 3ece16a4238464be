package dev.providers.engine.registry;

import dev.providers.engine.ModelRef;
import dev.providers.engine.internal.config.CompatResolver;
import dev.providers.engine.internal.config.Headers;
import dev.providers.engine.spec.CompatSettings;
import dev.providers.engine.spec.EffectiveCompat;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A model together with its provider, with the effective values a request uses: the model's
 * dialect and base URL overrides applied, headers merged, compat flags resolved.
 *
 * <p>Thread-safety: immutable; the compat resolution is computed once on first use.
 */
public final class ResolvedModel {

    private final ProviderSpec provider;
    private final ModelSpec model;
    private volatile @Nullable EffectiveCompat compat;

    /** Pairs a model with the provider that declares it. */
    public ResolvedModel(ProviderSpec provider, ModelSpec model) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Returns the reference {@code provider/model}. */
    public ModelRef ref() {
        return ModelRef.of(provider.id(), model.id());
    }

    /** Returns the provider. */
    public ProviderSpec provider() {
        return provider;
    }

    /** Returns the model as declared. */
    public ModelSpec model() {
        return model;
    }

    /** Returns the dialect: the model's override, else the provider's. */
    public String api() {
        return model.api() != null ? model.api() : provider.api();
    }

    /**
     * Returns the base URL: the model's override, else the provider's.
     *
     * @throws IllegalStateException never for registries built by the loader, which rejects
     *     providers where neither is set
     */
    public URI baseUrl() {
        URI url = model.baseUrl() != null ? model.baseUrl() : provider.baseUrl();
        if (url == null) {
            throw new IllegalStateException("no baseUrl for " + ref());
        }
        return url;
    }

    /** Returns the provider's headers overlaid with the model's (model wins per name). */
    public Map<String, SecretRef> headers() {
        return Headers.overlay(provider.headers(), model.headers());
    }

    /**
     * Returns the compat flags of the model's dialect in force, with their origins: the model's,
     * else the provider's (when the model speaks the provider's api), else the schema default.
     *
     * @throws IllegalArgumentException if no registered dialect has the model's api
     */
    public EffectiveCompat compat() {
        EffectiveCompat resolved = compat;
        if (resolved == null) {
            // the provider's flags were checked against the provider's dialect, not the model's
            CompatSettings shared = api().equals(provider.api()) ? provider.compat()
                    : CompatSettings.NONE;
            resolved = CompatResolver.resolve(api(), shared, model.compat());
            compat = resolved;
        }
        return resolved;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ResolvedModel other && provider.equals(other.provider)
                && model.equals(other.model);
    }

    @Override
    public int hashCode() {
        return provider.hashCode() * 31 + model.hashCode();
    }

    @Override
    public String toString() {
        return "ResolvedModel[" + ref() + "]";
    }
}
