package dev.providers.engine.internal.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.spec.ThinkingLevel;
import dev.providers.engine.spec.ThinkingLevelMap;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code generationConfig.thinkingConfig} object for a level that is already clamped
 * ({@code docs/dialects/google-generative-ai.md} §3.5): the level's wire value is the model's
 * {@code thinkingLevelMap} entry, else the {@code thinkingFormat} default; a whole number is sent
 * as {@code thinkingBudget} (the caller's budget for the level wins), a word as
 * {@code thinkingLevel}; thinking that is on asks for {@code includeThoughts: true}, so that the
 * thoughts stream. Never both a budget and a level (Gemini answers 400).
 *
 * <p>Thread-safety: stateless.
 */
final class ThinkingConfig {

    /** The budgets of levels without a declared value, in tokens. */
    private static final Map<ThinkingLevel, Integer> BUDGETS = new EnumMap<>(Map.of(
            ThinkingLevel.OFF, 0,
            ThinkingLevel.MINIMAL, 1024,
            ThinkingLevel.LOW, 2048,
            ThinkingLevel.MEDIUM, 8192,
            ThinkingLevel.HIGH, 16384));

    /** What {@code off} sends in the level format: the lowest level every Gemini 3 takes. */
    static final String LEVEL_FOR_OFF = "low";

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,9}");

    private ThinkingConfig() { }

    /**
     * Returns the thinking config for {@code level}.
     *
     * @param budgets the caller's budgets per level
     * @param levels whether undeclared levels go as {@code thinkingLevel}
     */
    static ObjectNode of(ThinkingLevel level, ThinkingLevelMap map,
            Map<ThinkingLevel, Integer> budgets, boolean levels) {
        ObjectNode config = GeminiJson.object();
        Optional<String> declared = map.wireValue(level);
        String value = declared.orElse(null);
        boolean budgetForm = value != null ? WHOLE_NUMBER.matcher(value).matches() : !levels;
        boolean on = level != ThinkingLevel.OFF;
        if (budgetForm) {
            int budget = budget(level, value, budgets);
            config.put("thinkingBudget", budget);
            on &= budget != 0;
        } else {
            config.put("thinkingLevel", value != null ? value
                    : on ? defaultLevel(level) : LEVEL_FOR_OFF);
        }
        if (on) {
            config.put("includeThoughts", true);
        }
        return config;
    }

    private static int budget(ThinkingLevel level, @Nullable String declared,
            Map<ThinkingLevel, Integer> budgets) {
        Integer asked = budgets.get(level);
        if (asked != null && level != ThinkingLevel.OFF) {
            return asked;
        }
        if (declared != null) {
            return Integer.parseInt(declared);
        }
        ThinkingLevel table = level.compareTo(ThinkingLevel.HIGH) > 0 ? ThinkingLevel.HIGH
                : level;
        return BUDGETS.get(table);
    }

    /** Returns Gemini's name of a level: its own, with xhigh and max as high. */
    private static String defaultLevel(ThinkingLevel level) {
        return level.compareTo(ThinkingLevel.HIGH) > 0 ? "high" : level.id();
    }
}
