package dev.providers.engine.registry;

import dev.providers.engine.ModelRef;
import dev.providers.engine.internal.schema.Suggestions;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One immutable generation of the provider registry: every provider by id, each model
 * resolvable by {@code provider/model}.
 *
 * <p>Thread-safety: deeply immutable; share it freely. A request captures the snapshot it
 * started with, so later reloads never change a request in flight. Resolved models are cached
 * per snapshot (concurrent maps filled on first lookup), so their compat flags are resolved
 * once per generation, not once per request.
 */
public final class ProviderRegistry {

    private static final ProviderRegistry EMPTY = new ProviderRegistry(0, List.of());

    private final long generation;
    private final Map<String, ProviderSpec> providers;
    /**
     * Resolved models by provider id, then model id. String keys: their hashes are cached, while
     * a record's hashCode and equals are slow until the JIT has compiled them.
     */
    private final Map<String, Map<String, ResolvedModel>> resolved = new ConcurrentHashMap<>();

    private ProviderRegistry(long generation, Collection<ProviderSpec> providers) {
        this.generation = generation;
        Map<String, ProviderSpec> byId = new TreeMap<>();
        for (ProviderSpec provider : providers) {
            if (byId.put(provider.id(), provider) != null) {
                throw new IllegalArgumentException("provider id '" + provider.id()
                        + "' appears twice");
            }
        }
        this.providers = Collections.unmodifiableMap(byId);
    }

    /**
     * Returns a registry of these providers.
     *
     * @throws IllegalArgumentException if two providers share an id
     */
    public static ProviderRegistry of(long generation, Collection<ProviderSpec> providers) {
        return new ProviderRegistry(generation, providers);
    }

    /** Returns the registry with no providers, generation 0. */
    public static ProviderRegistry empty() {
        return EMPTY;
    }

    /** Returns this snapshot's generation; each reload that changes something adds one. */
    public long generation() {
        return generation;
    }

    /** Returns every provider, sorted by id. */
    public Collection<ProviderSpec> providers() {
        return providers.values();
    }

    /** Returns the provider with this id, if there is one. */
    public Optional<ProviderSpec> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    /** Returns the model a reference names, if the registry has it (enabled or not). */
    public Optional<ResolvedModel> find(ModelRef ref) {
        ProviderSpec provider = providers.get(ref.provider());
        if (provider == null) {
            return Optional.empty();
        }
        return provider.model(ref.model()).map(model -> cache(provider, model));
    }

    /**
     * Returns the model a reference names.
     *
     * @throws IllegalArgumentException if the provider or model is unknown or the provider is
     *     disabled; the message lists what is known
     */
    public ResolvedModel model(ModelRef ref) {
        Map<String, ResolvedModel> byModel = resolved.get(ref.provider());
        ResolvedModel cached = byModel == null ? null : byModel.get(ref.model());
        if (cached != null && cached.provider().enabled()) {
            return cached; // the per-request path: no scan of the provider's models
        }
        ProviderSpec provider = providers.get(ref.provider());
        if (provider == null) {
            List<String> suggestions = Suggestions.forInput(ref.provider(), providers.keySet());
            throw new IllegalArgumentException("unknown provider '" + ref.provider() + "'"
                    + (suggestions.isEmpty() ? "" : " (did you mean '" + suggestions.get(0)
                    + "'?)") + "; known providers: " + String.join(", ", providers.keySet()));
        }
        if (!provider.enabled()) {
            throw new IllegalArgumentException("provider '" + provider.id() + "' is disabled ("
                    + provider.origin() + ")");
        }
        Optional<ModelSpec> model = provider.model(ref.model());
        if (model.isEmpty()) {
            List<String> known = new ArrayList<>();
            provider.models().forEach(m -> known.add(m.id()));
            throw new IllegalArgumentException("unknown model '" + ref.model()
                    + "' for provider " + provider.id() + "; known: " + String.join(", ", known));
        }
        return cache(provider, model.get());
    }

    /** Returns the cached resolution of a model this snapshot holds. */
    private ResolvedModel cache(ProviderSpec provider, ModelSpec model) {
        return resolved.computeIfAbsent(provider.id(), id -> new ConcurrentHashMap<>())
                .computeIfAbsent(model.id(), id -> new ResolvedModel(provider, model));
    }

    /** Returns the number of models across all providers. */
    public int modelCount() {
        int count = 0;
        for (ProviderSpec provider : providers.values()) {
            count += provider.models().size();
        }
        return count;
    }

    @Override
    public String toString() {
        return "ProviderRegistry[generation " + generation + ", " + providers.size()
                + " providers]";
    }
}
