package dev.providers.engine.internal.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ThinkingLevel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code thinking} (and {@code output_config}) fields for a thinking level
 * (docs/dialects/anthropic-messages.md §3.4).
 *
 * <ul>
 *   <li>Nothing without a level, for a model without reasoning, for a level clamped to
 *       {@code off}, or when the tool choice forces a call (Anthropic refuses thinking with
 *       {@code tool_choice} {@code any} or {@code tool}).
 *   <li>{@code thinkingMode: budget}: {@code {type: enabled, budget_tokens: N}}. N is the
 *       caller's budget for the level, else the model's {@code thinkingLevelMap} value (a token
 *       count), else the default (minimal 1024, low 2048, medium 8192, high 16384, xhigh 32768,
 *       max 65536), then cut to {@code max_tokens - 1}; below Anthropic's minimum of 1024 the
 *       request cannot be built.
 *   <li>{@code thinkingMode: adaptive}: {@code {type: adaptive}} and
 *       {@code output_config: {effort: E}}, E the map's value, else the level's name (minimal
 *       becomes low, xhigh becomes max).
 * </ul>
 *
 * <p>Thread-safety: stateless.
 */
final class ThinkingConfig {

    /** The smallest budget Anthropic accepts. */
    static final int MIN_BUDGET = 1024;

    private static final Map<ThinkingLevel, Integer> BUDGETS = new EnumMap<>(Map.of(
            ThinkingLevel.MINIMAL, 1024,
            ThinkingLevel.LOW, 2048,
            ThinkingLevel.MEDIUM, 8192,
            ThinkingLevel.HIGH, 16384,
            ThinkingLevel.XHIGH, 32768,
            ThinkingLevel.MAX, 65536));

    private ThinkingConfig() { }

    /**
     * Writes the thinking fields into {@code body} and returns whether thinking is on.
     *
     * @throws IllegalArgumentException when a map value is not a budget, or no budget of at
     *     least 1024 tokens fits below {@code max_tokens}
     */
    static boolean write(ObjectNode body, ModelSpec spec, AnthropicCompat compat,
            @Nullable ThinkingLevel requested, Map<ThinkingLevel, Integer> budgets,
            @Nullable ToolChoice choice, int maxTokens) {
        if (requested == null || !spec.reasoning()) {
            return false;
        }
        ThinkingLevel level = spec.clampThinking(requested);
        boolean forced = choice != null && (choice.mode() == ToolChoice.Mode.REQUIRED
                || choice.mode() == ToolChoice.Mode.FUNCTION);
        if (level == ThinkingLevel.OFF || forced) {
            return false;
        }
        Optional<String> mapped = spec.thinkingLevelMap().wireValue(level);
        if (compat.adaptiveThinking()) {
            body.putObject("thinking").put("type", "adaptive");
            body.putObject("output_config").put("effort", mapped.orElse(effort(level)));
            return true;
        }
        int budget = Math.min(budget(level, mapped, budgets), maxTokens - 1);
        if (budget < MIN_BUDGET) {
            throw new IllegalArgumentException("thinking at level " + level.id() + " needs a "
                    + "budget of at least " + MIN_BUDGET + " tokens below max_tokens, but "
                    + "max_tokens is " + maxTokens + "; raise maxTokens or think less");
        }
        body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        return true;
    }

    private static int budget(ThinkingLevel level, Optional<String> mapped,
            Map<ThinkingLevel, Integer> budgets) {
        Integer caller = budgets.get(level);
        if (caller != null) {
            return caller;
        }
        if (mapped.isPresent()) {
            try {
                return Integer.parseInt(mapped.get().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("thinkingLevelMap." + level.id() + " is '"
                        + mapped.get() + "', but with compat.thinkingMode budget its values "
                        + "are token budgets (such as \"8192\")");
            }
        }
        return BUDGETS.get(level);
    }

    private static String effort(ThinkingLevel level) {
        return switch (level) {
            case MINIMAL, LOW -> "low";
            case MEDIUM -> "medium";
            case HIGH -> "high";
            default -> "max";
        };
    }
}
