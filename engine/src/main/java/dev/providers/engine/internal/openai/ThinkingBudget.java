package dev.providers.engine.internal.openai;

import dev.providers.engine.spec.ThinkingLevel;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code thinking_token_budget} value ({@code supportsThinkingTokenBudget}, vLLM): the
 * budget of the clamped level, capped so that at least 1024 tokens remain for the answer.
 *
 * <p>Lookup: the caller's budget for the level; for {@code xhigh} and {@code max} without one,
 * the caller's {@code high} budget; else the default (minimal 1024, low 2048, medium 8192,
 * high 16384; xhigh and max use high). The cap is {@code max(0, ceiling - 1024)} with the ceiling
 * the max tokens sent, else the model's {@code maxTokens}; without either there is no cap.
 *
 * <p>Thread-safety: stateless.
 */
final class ThinkingBudget {

    /** Tokens kept for the answer below the output ceiling. */
    static final int ANSWER_RESERVE = 1024;

    private static final Map<ThinkingLevel, Integer> DEFAULTS = new EnumMap<>(Map.of(
            ThinkingLevel.MINIMAL, 1024,
            ThinkingLevel.LOW, 2048,
            ThinkingLevel.MEDIUM, 8192,
            ThinkingLevel.HIGH, 16384));

    private ThinkingBudget() { }

    /** Returns the budget to send, or null when it is off or not positive. */
    static @Nullable Integer resolve(ThinkingLevel level, Map<ThinkingLevel, Integer> overrides,
            @Nullable Integer ceiling) {
        if (level == ThinkingLevel.OFF) {
            return null;
        }
        Integer budget = overrides.get(level);
        if (budget == null) {
            ThinkingLevel table = level.compareTo(ThinkingLevel.HIGH) > 0
                    ? ThinkingLevel.HIGH : level;
            budget = overrides.getOrDefault(table, DEFAULTS.get(table));
        }
        long capped = budget;
        // (ours) without any ceiling there is nothing to keep room below, so no cap
        if (ceiling != null) {
            capped = Math.min(capped, Math.max(0L, (long) ceiling - ANSWER_RESERVE));
        }
        return capped > 0 ? (int) capped : null;
    }
}
