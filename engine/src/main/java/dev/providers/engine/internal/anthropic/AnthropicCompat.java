package dev.providers.engine.internal.anthropic;

import dev.providers.engine.spec.EffectiveCompat;
import dev.providers.engine.spi.ToolCallIdFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every flag of {@code compat-anthropic-messages.schema.json}, read once per model so that flag
 * names appear in one place.
 *
 * <p>Thread-safety: immutable.
 *
 * @param betaFeatures the {@code anthropic-beta} values, in order (none: no header)
 * @param cacheControl whether prompt-cache breakpoints are placed
 * @param longCacheRetention whether long retention gives the breakpoints {@code ttl: 1h}
 * @param adaptiveThinking whether thinking is {@code {type: adaptive}} with an effort, else a
 *     token budget
 * @param requiresThinkingSignature whether unsigned thinking must be replayed as text
 * @param toolChoiceNone whether the server honours {@code tool_choice {type: none}}
 * @param imagesInToolResults whether images may go inside {@code tool_result} blocks
 * @param toolCallIds the tool-call ids the server accepts
 * @param overflowPatterns extra context-overflow patterns
 * @param contextPrecheck whether a prompt estimated beyond the context window is refused
 * @param omitFields top-level body fields removed before sending
 */
record AnthropicCompat(
        List<String> betaFeatures,
        boolean cacheControl,
        boolean longCacheRetention,
        boolean adaptiveThinking,
        boolean requiresThinkingSignature,
        boolean toolChoiceNone,
        boolean imagesInToolResults,
        ToolCallIdFormat toolCallIds,
        List<String> overflowPatterns,
        boolean contextPrecheck,
        List<String> omitFields) {

    /** The ids Anthropic accepts: {@code ^[a-zA-Z0-9_-]{1,64}$}. */
    static final ToolCallIdFormat ANTHROPIC_IDS = new ToolCallIdFormat(64, false, null);

    /** Copies the lists. */
    AnthropicCompat {
        betaFeatures = List.copyOf(betaFeatures);
        overflowPatterns = List.copyOf(overflowPatterns);
        omitFields = List.copyOf(omitFields);
    }

    /** The flags of Anthropic's own API: every default of the schema. */
    static final AnthropicCompat DEFAULTS = new AnthropicCompat(
            List.of("fine-grained-tool-streaming-2025-05-14", "interleaved-thinking-2025-05-14"),
            true, true, false, true, true, true, ANTHROPIC_IDS, List.of(), false, List.of());

    /** Reads the flags in force for a model. */
    static AnthropicCompat of(EffectiveCompat compat) {
        return new AnthropicCompat(
                strings(compat.get("betaFeatures")),
                compat.flag("supportsCacheControl"),
                compat.flag("supportsLongCacheRetention"),
                "adaptive".equals(compat.string("thinkingMode")),
                compat.flag("requiresThinkingSignature"),
                compat.flag("supportsToolChoiceNone"),
                compat.flag("supportsImagesInToolResults"),
                toolCallIds(compat.get("toolCallIdFormat")),
                strings(compat.get("overflowPatterns")),
                compat.flag("contextPrecheck"),
                strings(compat.get("omitFields")));
    }

    /** Reads the {@code toolCallIdFormat} flag; absent keys take Anthropic's shape. */
    static ToolCallIdFormat toolCallIds(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return ANTHROPIC_IDS;
        }
        int max = map.get("maxLength") instanceof Number n ? n.intValue()
                : ANTHROPIC_IDS.maxLength();
        Integer exact = map.get("exactLength") instanceof Number n ? n.intValue() : null;
        return new ToolCallIdFormat(max, "alphanumeric".equals(map.get("charset")), exact);
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
