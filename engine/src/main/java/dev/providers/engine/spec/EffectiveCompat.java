package dev.providers.engine.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The compat flags in force for one model: every flag of its dialect, resolved as model compat >
 * provider compat > schema default, each with where its value came from.
 *
 * <p>Thread-safety: immutable.
 */
public final class EffectiveCompat {

    /** Which level supplied a flag's value. */
    public enum Source { DEFAULT, PROVIDER, MODEL }

    /**
     * One resolved flag.
     *
     * @param value the value: Boolean, String, Long, Double, List or Map; null when unset
     * @param source the level that supplied it
     * @param origin where that level declared it, or null for defaults
     */
    public record Value(@Nullable Object value, Source source, @Nullable Origin origin) { }

    private final String api;
    private final Map<String, Value> values;

    /** Creates the resolved flags of a dialect; {@code values} must list every flag. */
    public EffectiveCompat(String api, Map<String, Value> values) {
        this.api = Objects.requireNonNull(api, "api");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Returns the dialect these flags belong to. */
    public String api() {
        return api;
    }

    /** Returns every flag with its value and origin. */
    public Map<String, Value> values() {
        return values;
    }

    /**
     * Returns a flag's value, or null when it has none.
     *
     * @throws IllegalArgumentException if the dialect has no such flag
     */
    public @Nullable Object get(String flag) {
        return entry(flag).value();
    }

    /** Returns a boolean flag. */
    public boolean flag(String flag) {
        return Boolean.TRUE.equals(get(flag));
    }

    /** Returns a string flag, or null when it is unset. */
    public @Nullable String string(String flag) {
        Object value = get(flag);
        return value == null ? null : value.toString();
    }

    /** Returns a flag with its origin. */
    public Value entry(String flag) {
        Value value = values.get(flag);
        if (value == null) {
            throw new IllegalArgumentException("dialect " + api + " has no compat flag '" + flag
                    + "'");
        }
        return value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof EffectiveCompat other && api.equals(other.api)
                && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return api.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return "EffectiveCompat[" + api + ", " + values.size() + " flags]";
    }
}
