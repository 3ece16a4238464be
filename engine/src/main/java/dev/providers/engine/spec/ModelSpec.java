package dev.providers.engine.spec;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One model entry of a provider file, as declared (provider-level values are not folded in; see
 * {@code ResolvedModel} for the effective values).
 *
 * @param id the model id sent on the wire
 * @param name a display name (the id when none is declared)
 * @param api the dialect override, or null to use the provider's
 * @param baseUrl the base URL override, or null to use the provider's
 * @param reasoning whether the model can think
 * @param input the accepted input modalities
 * @param cost prices per million tokens
 * @param contextWindow the context size in tokens, or null when not declared
 * @param maxTokens the default output limit, or null when not declared
 * @param headers extra headers for this model
 * @param thinkingLevelMap wire values of thinking levels
 * @param compat compat flags declared on this model
 * @param origin where the entry was declared
 */
public record ModelSpec(
        String id,
        String name,
        @Nullable String api,
        @Nullable URI baseUrl,
        boolean reasoning,
        Set<InputKind> input,
        ModelCost cost,
        @Nullable Integer contextWindow,
        @Nullable Integer maxTokens,
        Map<String, SecretRef> headers,
        ThinkingLevelMap thinkingLevelMap,
        CompatSettings compat,
        Origin origin) {

    /** Copies the collections and rejects missing values. */
    public ModelSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        input = Set.copyOf(input);
        Objects.requireNonNull(cost, "cost");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(thinkingLevelMap, "thinkingLevelMap");
        Objects.requireNonNull(compat, "compat");
        Objects.requireNonNull(origin, "origin");
    }

    /** Returns whether the model accepts images. */
    public boolean acceptsImages() {
        return input.contains(InputKind.IMAGE);
    }

    /**
     * Returns the thinking level a request for {@code requested} actually uses: always {@code off}
     * for a model that cannot reason, else the level clamped by {@link #thinkingLevelMap()}.
     */
    public ThinkingLevel clampThinking(ThinkingLevel requested) {
        return reasoning ? thinkingLevelMap.clamp(requested) : ThinkingLevel.OFF;
    }
}
