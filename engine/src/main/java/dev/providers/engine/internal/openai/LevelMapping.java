package dev.providers.engine.internal.openai;

import dev.providers.engine.spec.ThinkingLevel;
import dev.providers.engine.spec.ThinkingLevelMap;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The M(x) of {@code docs/dialects/openai-completions.md} §4: a level's wire value under a model's
 * {@code thinkingLevelMap}, keeping "declared null" apart from "omitted".
 *
 * <p>Thread-safety: immutable.
 */
final class LevelMapping {

    private final ThinkingLevelMap map;

    LevelMapping(ThinkingLevelMap map) {
        this.map = map;
    }

    /** Returns the declared string of a level, if there is one. */
    Optional<String> declared(ThinkingLevel level) {
        return map.wireValue(level);
    }

    /** Returns whether the level is declared null (unsupported). */
    boolean declaredNull(ThinkingLevel level) {
        return map.declares(level) && map.wireValue(level).isEmpty();
    }

    /** Returns "M(level) ?? level": the declared string, else the level's own name. */
    String valueOrName(ThinkingLevel level) {
        return map.wireValue(level).orElse(level.id());
    }

    /** Returns "M(level) ?? level", or null when the level is declared null. */
    @Nullable String valueOrNameUnlessNull(ThinkingLevel level) {
        return declaredNull(level) ? null : valueOrName(level);
    }
}
