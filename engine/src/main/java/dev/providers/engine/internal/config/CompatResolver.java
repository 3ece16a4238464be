package dev.providers.engine.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.spec.CompatSettings;
import dev.providers.engine.spec.EffectiveCompat;
import dev.providers.engine.spec.EffectiveCompat.Source;
import dev.providers.engine.spec.EffectiveCompat.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Resolves compat flags: model compat > provider compat > the schema's default, per flag; object
 * values merge one level deep, so a model can change one key of a provider's object.
 *
 * <p>Thread-safety: stateless apart from a cache of schema defaults.
 */
public final class CompatResolver {

    private static final Map<String, Map<String, @Nullable Object>> DEFAULTS =
            new ConcurrentHashMap<>();

    private CompatResolver() { }

    /** Returns the flags in force for a model of a provider speaking {@code api}. */
    public static EffectiveCompat resolve(String api, CompatSettings provider,
            CompatSettings model) {
        Map<String, Value> values = new LinkedHashMap<>();
        defaults(api).forEach((flag, fallback) -> {
            Value value = new Value(fallback, Source.DEFAULT, null);
            value = overlay(value, flag, provider, Source.PROVIDER);
            value = overlay(value, flag, model, Source.MODEL);
            values.put(flag, value);
        });
        return new EffectiveCompat(api, values);
    }

    /** Returns the schema default of every flag of a dialect (null where there is none). */
    public static Map<String, @Nullable Object> defaults(String api) {
        return DEFAULTS.computeIfAbsent(api, key -> {
            Map<String, @Nullable Object> defaults = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> flag
                    : SchemaCatalog.get().compatFlags(key).entrySet()) {
                defaults.put(flag.getKey(), JsonValues.toJava(flag.getValue().get("default")));
            }
            return Collections.unmodifiableMap(defaults);
        });
    }

    private static Value overlay(Value below, String flag, CompatSettings level, Source source) {
        Object declared = level.get(flag);
        if (declared == null) {
            return below;
        }
        Object merged = declared;
        if (declared instanceof Map<?, ?> top && below.value() instanceof Map<?, ?> bottom) {
            Map<Object, @Nullable Object> both = new LinkedHashMap<>(bottom);
            both.putAll(top);
            merged = Collections.unmodifiableMap(both);
        }
        return new Value(merged, source, level.origins().get(flag));
    }
}
