package dev.providers.engine.spec;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One provider: where it lives, how to authenticate, its compat flags and its models.
 *
 * <p>Secret-capable values ({@code apiKey}, header and query values) are {@link SecretRef}s,
 * resolved per request; {@link #toString()} never shows them.
 *
 * @param id the provider id used in model references
 * @param name a display name (the id when none is declared)
 * @param api the wire dialect
 * @param baseUrl the base URL, or null when every model declares its own
 * @param apiKey the API key, or null when none is declared
 * @param apiKeys several API keys used in turn (empty when none are declared)
 * @param auth where the credential comes from when it is not a fixed key, or null
 * @param authHeader whether to send the credential the way the dialect sends keys: the file's
 *     {@code authHeader}, or when it says nothing, whether there is a credential that the
 *     provider's own headers do not already carry (a dialect key header or the key's variable)
 * @param headers extra headers for every request
 * @param queryParams query parameters for every request
 * @param enabled whether the provider accepts requests
 * @param transport retries and timeouts (null values: the engine's defaults)
 * @param compat provider-wide compat flags
 * @param models the models, in file order
 * @param origin where the provider was declared (the overriding file for overrides)
 * @param overrides the built-in this provider overrides, or null
 */
public record ProviderSpec(
        String id,
        String name,
        String api,
        @Nullable URI baseUrl,
        @Nullable SecretRef apiKey,
        List<SecretRef> apiKeys,
        @Nullable AuthSpec auth,
        boolean authHeader,
        Map<String, SecretRef> headers,
        Map<String, SecretRef> queryParams,
        boolean enabled,
        TransportSettings transport,
        CompatSettings compat,
        List<ModelSpec> models,
        Origin origin,
        @Nullable Origin overrides) {

    /**
     * Copies the collections and rejects missing values and more than one of {@code apiKey},
     * {@code apiKeys} and {@code auth}.
     */
    public ProviderSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(api, "api");
        apiKeys = List.copyOf(apiKeys);
        if ((apiKey != null ? 1 : 0) + (apiKeys.isEmpty() ? 0 : 1) + (auth != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("provider " + id + ": at most one of apiKey, "
                    + "apiKeys and auth");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        queryParams = Collections.unmodifiableMap(new LinkedHashMap<>(queryParams));
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(compat, "compat");
        models = List.copyOf(models);
        Objects.requireNonNull(origin, "origin");
    }

    /** Creates a provider whose credential, if any, is one {@code apiKey}. */
    public ProviderSpec(String id, String name, String api, @Nullable URI baseUrl,
            @Nullable SecretRef apiKey, boolean authHeader, Map<String, SecretRef> headers,
            Map<String, SecretRef> queryParams, boolean enabled, TransportSettings transport,
            CompatSettings compat, List<ModelSpec> models, Origin origin,
            @Nullable Origin overrides) {
        this(id, name, api, baseUrl, apiKey, List.of(), null, authHeader, headers, queryParams,
                enabled, transport, compat, models, origin, overrides);
    }

    /**
     * Returns whether requests carry a credential of this provider: {@code authHeader} with an
     * {@code apiKey}, {@code apiKeys} or {@code auth}.
     */
    public boolean sendsCredential() {
        return authHeader && (apiKey != null || !apiKeys.isEmpty() || auth != null);
    }

    /** Returns the model with this id, if the provider declares it. */
    public Optional<ModelSpec> model(String modelId) {
        for (ModelSpec model : models) {
            if (model.id().equals(modelId)) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    /** Returns whether this provider is a built-in catalog entry that no file overrides. */
    public boolean isBuiltin() {
        return origin.isBuiltin();
    }
}
