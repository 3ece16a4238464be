package dev.providers.engine.internal.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ThinkingLevel;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code reasoning} field ({@code docs/dialects/openai-responses.md} §4): nothing without
 * a requested level or for a model that cannot reason; else the level clamped by the model's
 * {@code thinkingLevelMap}, its wire value {@code M(level) ?? level} as the effort, with the
 * summary of {@code compat.reasoningSummary}; {@code off} is the declared value of {@code off},
 * else {@code none} or nothing by {@code compat.reasoningOff}.
 *
 * <p>Thread-safety: stateless.
 */
final class ReasoningParams {

    private ReasoningParams() { }

    /** Writes the field for a requested level, if any. */
    static void write(ObjectNode body, ModelSpec spec, @Nullable ThinkingLevel requested,
            ResponsesCompat compat) {
        // (ours) no level requested means no field at all: the model's own default applies
        if (requested == null || !spec.reasoning()) {
            return;
        }
        ThinkingLevel level = spec.clampThinking(requested);
        Optional<String> declared = spec.thinkingLevelMap().wireValue(level);
        if (level == ThinkingLevel.OFF) {
            String off = declared.orElse(compat.reasoningOffAsNone() ? "none" : null);
            if (off != null) {
                body.putObject("reasoning").put("effort", off);
            }
            return;
        }
        ObjectNode reasoning = body.putObject("reasoning");
        reasoning.put("effort", declared.orElse(level.id()));
        if (compat.reasoningSummary() != null) {
            reasoning.put("summary", compat.reasoningSummary());
        }
    }
}
