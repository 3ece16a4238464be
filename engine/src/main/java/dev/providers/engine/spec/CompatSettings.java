package dev.providers.engine.spec;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The compat flags declared at one level (a provider or a model), with where each was declared.
 *
 * <p>Values are plain immutable Java values as read from the file: {@code Boolean}, {@code String},
 * {@code Long}, {@code Double}, {@code List} and {@code Map} (maps may hold null values).
 *
 * @param values the declared flags by name
 * @param origins where each declared flag was written
 */
public record CompatSettings(Map<String, Object> values, Map<String, Origin> origins) {

    /** Declares nothing. */
    public static final CompatSettings NONE = new CompatSettings(Map.of(), Map.of());

    /** Checks that every value has an origin. */
    public CompatSettings {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(origins, "origins");
        if (!origins.keySet().containsAll(values.keySet())) {
            throw new IllegalArgumentException("every compat value needs an origin");
        }
    }

    /** Returns the declared value of a flag, or null when this level does not declare it. */
    public @Nullable Object get(String flag) {
        return values.get(flag);
    }

    /** Returns whether this level declares nothing. */
    public boolean isEmpty() {
        return values.isEmpty();
    }
}
