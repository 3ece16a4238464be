package dev.providers.engine.internal.responses;

import dev.providers.engine.spec.EffectiveCompat;
import dev.providers.engine.spi.ToolCallIdFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every compat flag of {@code compat-openai-responses.schema.json}, typed once per model so that
 * flag names appear in one place and nothing downstream looks a flag up by name.
 *
 * <p>Thread-safety: immutable.
 */
record ResponsesCompat(
        boolean supportsStore,
        boolean supportsEncryptedReasoning,
        SystemPrompt systemPrompt,
        @Nullable String reasoningSummary,
        boolean reasoningOffAsNone,
        boolean supportsStopSequences,
        boolean supportsPromptCacheKey,
        boolean supportsLongCacheRetention,
        boolean imagesInToolResults,
        boolean lengthFromUsage,
        ToolCallIdFormat toolCallIdFormat,
        List<String> overflowPatterns,
        boolean contextPrecheck,
        List<String> omitFields) {

    /** The tool-call ids sent when the flag is not set: OpenAI takes up to 64 characters. */
    static final ToolCallIdFormat DEFAULT_IDS = new ToolCallIdFormat(64, false, null);

    /** Where the system prompt goes. */
    enum SystemPrompt { INSTRUCTIONS, DEVELOPER, SYSTEM }

    /** Copies the lists. */
    ResponsesCompat {
        overflowPatterns = List.copyOf(overflowPatterns);
        omitFields = List.copyOf(omitFields);
    }

    /**
     * Reads the flags in force for a model.
     *
     * @throws IllegalArgumentException for a value outside the schema (possible only for specs
     *     built in code)
     */
    static ResponsesCompat of(EffectiveCompat compat) {
        String summary = orDefault(compat.string("reasoningSummary"), "auto");
        return new ResponsesCompat(
                compat.flag("supportsStore"),
                compat.flag("supportsEncryptedReasoning"),
                systemPrompt(orDefault(compat.string("systemPrompt"), "instructions")),
                summary.equals("omit") ? null : oneOf("reasoningSummary", summary,
                        List.of("auto", "concise", "detailed")),
                !"omit".equals(compat.string("reasoningOff")),
                compat.flag("supportsStopSequences"),
                compat.flag("supportsPromptCacheKey"),
                compat.flag("supportsLongCacheRetention"),
                compat.flag("imagesInToolResults"),
                compat.flag("lengthFromUsage"),
                toolCallIdFormat(compat.get("toolCallIdFormat")),
                strings(compat.get("overflowPatterns")),
                compat.flag("contextPrecheck"),
                strings(compat.get("omitFields")));
    }

    /** Reads the {@code toolCallIdFormat} flag; absent keys take the defaults. */
    static ToolCallIdFormat toolCallIdFormat(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return DEFAULT_IDS;
        }
        int max = map.get("maxLength") instanceof Number n ? n.intValue()
                : DEFAULT_IDS.maxLength();
        Integer exact = map.get("exactLength") instanceof Number n ? n.intValue() : null;
        return new ToolCallIdFormat(max, "alphanumeric".equals(map.get("charset")), exact);
    }

    private static SystemPrompt systemPrompt(String value) {
        return switch (value) {
            case "instructions" -> SystemPrompt.INSTRUCTIONS;
            case "developer" -> SystemPrompt.DEVELOPER;
            case "system" -> SystemPrompt.SYSTEM;
            default -> throw new IllegalArgumentException("compat.systemPrompt is '" + value
                    + "'; known values: instructions, developer, system");
        };
    }

    private static String oneOf(String flag, String value, List<String> known) {
        if (!known.contains(value)) {
            throw new IllegalArgumentException("compat." + flag + " is '" + value
                    + "'; known values: " + String.join(", ", known) + ", omit");
        }
        return value;
    }

    private static String orDefault(@Nullable String value, String fallback) {
        return value == null ? fallback : value;
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
