package dev.providers.engine.internal.openai;

import dev.providers.engine.spec.EffectiveCompat;
import dev.providers.engine.spi.ToolCallIdFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every compat flag of {@code compat-openai-completions.schema.json}, typed once per model so
 * that flag names appear in one place and nothing downstream looks a flag up by name.
 *
 * <p>Thread-safety: immutable.
 */
record CompatFlags(
        boolean supportsStore,
        boolean supportsDeveloperRole,
        boolean supportsReasoningEffort,
        boolean supportsUsageInStreaming,
        String maxTokensField,
        boolean requiresToolResultName,
        boolean requiresAssistantAfterToolResult,
        boolean requiresThinkingAsText,
        boolean requiresReasoningContentOnAssistantMessages,
        String reasoningReplayField,
        String thinkingFormat,
        Map<String, @Nullable Object> chatTemplateKwargs,
        Map<String, @Nullable Object> chatTemplateArgs,
        boolean anthropicCacheControl,
        boolean supportsLongCacheRetention,
        boolean supportsPromptCacheKey,
        boolean sendSessionAffinityHeaders,
        String sessionAffinityFormat,
        boolean supportsStrictMode,
        boolean requiresToolsWithToolHistory,
        boolean supportsOpenAIGrammarTools,
        boolean zaiToolStream,
        boolean supportsThinkingTokenBudget,
        boolean kimiDeferredTools,
        @Nullable Map<String, @Nullable Object> openRouterRouting,
        @Nullable Map<String, @Nullable Object> vercelGatewayRouting,
        ToolCallIdFormat toolCallIdFormat,
        List<String> omitFields,
        boolean mergeSameRoleMessages,
        boolean singleSystemMessage,
        boolean requiresUserFirstAlternation,
        boolean supportsFinishReason,
        List<String> reasoningFields,
        @Nullable String thinkOpen,
        @Nullable String thinkClose,
        boolean reasoningTokensInCompletion,
        List<String> overflowPatterns,
        boolean contextPrecheck) {

    /** The reasoning fields read when the flag is not set. */
    static final List<String> DEFAULT_REASONING_FIELDS =
            List.of("reasoning_content", "reasoning", "reasoning_text");

    /** Reads the flags in force for a model. */
    static CompatFlags of(EffectiveCompat compat) {
        return new CompatFlags(
                compat.flag("supportsStore"),
                compat.flag("supportsDeveloperRole"),
                compat.flag("supportsReasoningEffort"),
                compat.flag("supportsUsageInStreaming"),
                orDefault(compat.string("maxTokensField"), "max_tokens"),
                compat.flag("requiresToolResultName"),
                compat.flag("requiresAssistantAfterToolResult"),
                compat.flag("requiresThinkingAsText"),
                compat.flag("requiresReasoningContentOnAssistantMessages"),
                orDefault(compat.string("reasoningReplayField"), "auto"),
                orDefault(compat.string("thinkingFormat"), "openai"),
                objectOrEmpty(compat.get("chatTemplateKwargs")),
                objectOrEmpty(compat.get("chatTemplateArgs")),
                "anthropic".equals(compat.string("cacheControlFormat")),
                compat.flag("supportsLongCacheRetention"),
                compat.flag("supportsPromptCacheKey"),
                compat.flag("sendSessionAffinityHeaders"),
                orDefault(compat.string("sessionAffinityFormat"), "openai"),
                compat.flag("supportsStrictMode"),
                compat.flag("requiresToolsWithToolHistory"),
                compat.flag("supportsOpenAIGrammarTools"),
                compat.flag("zaiToolStream"),
                compat.flag("supportsThinkingTokenBudget"),
                "kimi".equals(compat.string("deferredToolsMode")),
                object(compat.get("openRouterRouting")),
                object(compat.get("vercelGatewayRouting")),
                toolCallIdFormat(compat.get("toolCallIdFormat")),
                strings(compat.get("omitFields")),
                compat.flag("mergeSameRoleMessages"),
                compat.flag("singleSystemMessage"),
                compat.flag("requiresUserFirstAlternation"),
                compat.flag("supportsFinishReason"),
                compat.get("reasoningFields") instanceof List<?>
                        ? strings(compat.get("reasoningFields")) : DEFAULT_REASONING_FIELDS,
                tag(compat.get("thinkTags"), "open"),
                tag(compat.get("thinkTags"), "close"),
                compat.flag("reasoningTokensInCompletion"),
                strings(compat.get("overflowPatterns")),
                compat.flag("contextPrecheck"));
    }

    /** Reads the {@code toolCallIdFormat} flag; absent keys take the defaults. */
    static ToolCallIdFormat toolCallIdFormat(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return ToolCallIdFormat.DEFAULT;
        }
        int max = map.get("maxLength") instanceof Number n ? n.intValue()
                : ToolCallIdFormat.DEFAULT.maxLength();
        Integer exact = map.get("exactLength") instanceof Number n ? n.intValue() : null;
        return new ToolCallIdFormat(max, "alphanumeric".equals(map.get("charset")), exact);
    }

    private static @Nullable String tag(@Nullable Object tags, String which) {
        if (tags instanceof Map<?, ?> map && map.get(which) != null) {
            return map.get(which).toString();
        }
        return null;
    }

    private static String orDefault(@Nullable String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static @Nullable Map<String, @Nullable Object> object(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(String.valueOf(key), item));
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, @Nullable Object> objectOrEmpty(@Nullable Object value) {
        Map<String, @Nullable Object> map = object(value);
        return map == null ? Map.of() : map;
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
        return List.copyOf(out);
    }
}
