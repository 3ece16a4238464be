package dev.providers.conformance.extension;

import dev.providers.conformance.api.ProviderUnderTest.Variant;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.CompatSettings;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds the one-provider registry of a variant: the model under test, changed as asked. */
final class Variants {

    private static final Origin ORIGIN = Origin.ofFile("conformance variant");

    private Variants() { }

    static ProviderRegistry apply(ProviderRegistry registry, ResolvedModel model,
            Variant variant) {
        ProviderSpec p = model.provider();
        ModelSpec m = model.model();
        Map<String, Object> values = new LinkedHashMap<>(m.compat().values());
        Map<String, Origin> origins = new LinkedHashMap<>(m.compat().origins());
        variant.compat().forEach((flag, value) -> {
            values.put(flag, value);
            origins.put(flag, ORIGIN);
        });
        String id = variant.modelId() != null ? variant.modelId() : m.id();
        ModelSpec changed = new ModelSpec(id, m.name(), m.api(),
                suffix(m.baseUrl(), variant.baseUrlSuffix()), m.reasoning(), m.input(),
                variant.prices() != null ? variant.prices() : m.cost(), m.contextWindow(),
                m.maxTokens(), keys(m.headers(), variant.apiKey()), m.thinkingLevelMap(),
                new CompatSettings(Collections.unmodifiableMap(values),
                        Collections.unmodifiableMap(origins)), m.origin());
        String key = variant.apiKey();
        // a wrong key replaces the provider's credential of any kind: a key, a pool, a token
        ProviderSpec provider = new ProviderSpec(p.id(), p.name(), p.api(),
                suffix(p.baseUrl(), variant.baseUrlSuffix()),
                key == null ? p.apiKey() : SecretRef.literal(key),
                key == null ? p.apiKeys() : List.of(), key == null ? p.auth() : null,
                key == null ? p.authHeader() : p.authHeader() || p.apiKey() != null,
                keys(p.headers(), key), p.queryParams(), true, p.transport(), p.compat(),
                List.of(changed), p.origin(), p.overrides());
        return ProviderRegistry.of(registry.generation(), List.of(provider));
    }

    private static @Nullable URI suffix(@Nullable URI base, @Nullable String suffix) {
        if (base == null || suffix == null) {
            return base;
        }
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text)
                + suffix);
    }

    /** With a wrong key, every header that reads a secret from the environment carries it. */
    private static Map<String, SecretRef> keys(Map<String, SecretRef> headers,
            @Nullable String key) {
        if (key == null) {
            return headers;
        }
        Map<String, SecretRef> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> out.put(name, value.envNames().isEmpty() ? value
                : SecretRef.literal(key)));
        return out;
    }
}
