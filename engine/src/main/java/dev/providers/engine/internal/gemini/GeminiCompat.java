package dev.providers.engine.internal.gemini;

import dev.providers.engine.spec.EffectiveCompat;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every flag of {@code compat-google-generative-ai.schema.json}, typed once per model so that
 * flag names appear in one place.
 *
 * <p>Thread-safety: immutable.
 *
 * @param openApiSchemas whether tool schemas go in {@code parameters}, converted to Gemini's
 *     OpenAPI subset, instead of {@code parametersJsonSchema}
 * @param thinkingLevels whether undeclared thinking levels go as {@code thinkingLevel} instead of
 *     {@code thinkingBudget}
 * @param sendToolCallIds whether replayed calls and results carry their ids
 * @param fillMissingThoughtSignatures whether an unsigned call of the current turn gets Google's
 *     placeholder signature
 * @param overflowPatterns extra context-overflow patterns
 * @param contextPrecheck whether a prompt that cannot fit is refused before it is sent
 */
record GeminiCompat(boolean openApiSchemas, boolean thinkingLevels, boolean sendToolCallIds,
        boolean fillMissingThoughtSignatures, List<String> overflowPatterns,
        boolean contextPrecheck) {

    /** The flags of a model whose compat block is empty: every default. */
    static final GeminiCompat DEFAULTS = new GeminiCompat(false, false, true, true, List.of(),
            false);

    /** Copies the patterns. */
    GeminiCompat {
        overflowPatterns = List.copyOf(overflowPatterns);
    }

    /** Reads the flags in force for a model. */
    static GeminiCompat of(EffectiveCompat compat) {
        return new GeminiCompat(
                "openapi".equals(compat.string("toolSchemaFormat")),
                "level".equals(compat.string("thinkingFormat")),
                compat.flag("sendToolCallIds"),
                compat.flag("fillMissingThoughtSignatures"),
                strings(compat.get("overflowPatterns")),
                compat.flag("contextPrecheck"));
    }

    private static List<String> strings(@Nullable Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item != null) {
                    out.add(item.toString());
                }
            }
        }
        return out;
    }
}
