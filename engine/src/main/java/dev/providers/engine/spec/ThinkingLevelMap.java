package dev.providers.engine.spec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A model's {@code thinkingLevelMap}: for each level, the value sent on the wire, or a marker that
 * the level is unsupported.
 *
 * <p>A declared string is sent verbatim; a declared null marks the level unsupported; an omitted
 * level means the provider's default for {@code off}..{@code high} and unsupported for
 * {@code xhigh} and {@code max}.
 *
 * <p>Thread-safety: immutable.
 */
public final class ThinkingLevelMap {

    /** The map that declares nothing. */
    public static final ThinkingLevelMap EMPTY = new ThinkingLevelMap(Map.of());

    private final Map<ThinkingLevel, Optional<String>> entries;

    private ThinkingLevelMap(Map<ThinkingLevel, Optional<String>> entries) {
        this.entries = entries;
    }

    /** Returns a map of the given entries; a null value marks a level unsupported. */
    public static ThinkingLevelMap of(Map<ThinkingLevel, @Nullable String> declared) {
        if (declared.isEmpty()) {
            return EMPTY;
        }
        Map<ThinkingLevel, Optional<String>> copy = new EnumMap<>(ThinkingLevel.class);
        declared.forEach((level, value) -> copy.put(level, Optional.ofNullable(value)));
        return new ThinkingLevelMap(Collections.unmodifiableMap(copy));
    }

    /** Returns whether the level is declared, with a value or as unsupported. */
    public boolean declares(ThinkingLevel level) {
        return entries.containsKey(level);
    }

    /** Returns the declared wire value of a level, empty when omitted or declared null. */
    public Optional<String> wireValue(ThinkingLevel level) {
        Optional<String> value = entries.get(level);
        return value == null ? Optional.empty() : value;
    }

    /** Returns whether a reasoning model supports the level under this map. */
    public boolean isSupported(ThinkingLevel level) {
        Optional<String> value = entries.get(level);
        if (value != null) {
            return value.isPresent();
        }
        return level.compareTo(ThinkingLevel.HIGH) <= 0;
    }

    /**
     * Returns the level actually used for a request: the level itself when supported, else the
     * first supported level above it, else the first below it, else {@code off}.
     */
    public ThinkingLevel clamp(ThinkingLevel requested) {
        ThinkingLevel[] levels = ThinkingLevel.values();
        for (int i = requested.ordinal(); i < levels.length; i++) {
            if (isSupported(levels[i])) {
                return levels[i];
            }
        }
        for (int i = requested.ordinal() - 1; i >= 0; i--) {
            if (isSupported(levels[i])) {
                return levels[i];
            }
        }
        return ThinkingLevel.OFF;
    }

    /** Returns the declared entries; an empty optional marks a level declared unsupported. */
    public Map<ThinkingLevel, Optional<String>> entries() {
        return entries;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ThinkingLevelMap other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "ThinkingLevelMap" + entries;
    }
}
