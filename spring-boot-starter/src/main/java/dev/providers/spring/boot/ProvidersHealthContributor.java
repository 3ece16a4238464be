package dev.providers.spring.boot;

import dev.providers.engine.ProviderEngine;
import dev.providers.engine.spec.ProviderSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The {@code providers} health component: one {@link ProviderHealthIndicator} per checked
 * provider of the registry in force, so that providers added or removed by a reload appear or
 * disappear from the next probe on. Checked are the providers {@code providers.health.providers}
 * names, else the enabled providers of your own files (not the built-in catalog's, whose local
 * servers are seldom all running).
 *
 * <p>Thread-safety: thread-safe; indicators are kept per provider id in a concurrent map.
 */
final class ProvidersHealthContributor implements CompositeHealthContributor {

    private final RegistrySource source;
    private final ProviderEngine engine;
    private final ProvidersProperties.Health settings;
    private final Clock clock;
    private final Map<String, ProviderHealthIndicator> indicators = new ConcurrentHashMap<>();

    ProvidersHealthContributor(RegistrySource source, ProviderEngine engine,
            ProvidersProperties.Health settings, Clock clock) {
        this.source = source;
        this.engine = engine;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return checked().contains(name) ? indicator(name) : null;
    }

    @Override
    public Stream<Entry> stream() {
        List<String> ids = checked();
        indicators.keySet().retainAll(ids); // forget providers a reload removed
        return ids.stream().map(id -> new Entry(id, indicator(id)));
    }

    private ProviderHealthIndicator indicator(String id) {
        return indicators.computeIfAbsent(id, key -> new ProviderHealthIndicator(key, engine,
                settings.timeout(), settings.cacheFor(), clock));
    }

    /** Returns the ids of the providers to check, in the registry's order. */
    private List<String> checked() {
        List<String> named = settings.providers();
        return source.get().providers().stream()
                .filter(ProviderSpec::enabled)
                .filter(p -> named.isEmpty() ? !p.isBuiltin()
                        : named.contains(p.id()))
                .map(ProviderSpec::id).toList();
    }
}
