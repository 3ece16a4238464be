package dev.providers.engine.spec;

import java.util.Locale;
import java.util.Optional;

/** How hard a reasoning model should think, from {@code off} to {@code max}. */
public enum ThinkingLevel {
    OFF, MINIMAL, LOW, MEDIUM, HIGH, XHIGH, MAX;

    /** Returns the lowercase name used in provider files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the level with this lowercase name, if there is one. */
    public static Optional<ThinkingLevel> fromId(String id) {
        for (ThinkingLevel level : values()) {
            if (level.id().equals(id)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
