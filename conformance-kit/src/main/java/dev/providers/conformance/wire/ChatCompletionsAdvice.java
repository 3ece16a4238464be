package dev.providers.conformance.wire;

import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The advisor's rules for chat completions: recognises a failure caused by a known server
 * deviation and names the compat setting that makes the engine absorb it
 * (docs/dialects/openai-completions.md §9).
 *
 * <p>Thread-safety: stateless.
 */
final class ChatCompletionsAdvice {

    private static final Pattern UNRECOGNIZED = Pattern.compile(
            "(?i)(unrecognized|unknown|unsupported|extra|not permitted|not allowed)[^.\\n]{0,60}?"
                    + "['\"`]?([a-z_]+)['\"`]?");
    /** A server that forbids every field it does not know (pydantic's {@code extra_forbidden}). */
    private static final Pattern EXTRA_FORBIDDEN = Pattern.compile(
            "extra_forbidden|extra inputs are not permitted");
    /** A server that names a field it does not take. */
    private static final Pattern FIELD_REFUSED = Pattern.compile(
            "unsupported|not supported|unrecognized|unknown|not allowed");

    private ChatCompletionsAdvice() { }

    /** Returns the compat settings that would fix what this stream shows, as YAML lines. */
    static List<String> suggest(ResolvedModel model, StreamRecord record,
            AssistantMessage message) {
        List<String> out = new ArrayList<>();
        String error = message.errorMessage() == null ? ""
                : message.errorMessage().toLowerCase(Locale.ROOT);
        String raw = record.exchanges().isEmpty() ? "" : record.last().responseText();
        if (!error.isEmpty()) {
            fromError(model.compat(), error, out);
        }
        if (model.model().reasoning() && message.content().stream()
                .noneMatch(ThinkingContent.class::isInstance)) {
            fromMissingThinking(model.compat(), message, raw, out);
        }
        if (record.started()) {
            for (String deviation : record.handle().deviations()) {
                if (deviation.startsWith("usage-total-mismatch")
                        && raw.contains("reasoning_tokens")
                        && model.compat().flag("reasoningTokensInCompletion")) {
                    add(out, "reasoningTokensInCompletion: false");
                }
            }
        }
        return out;
    }

    /** Adds what an error message (lower case) suggests. */
    static void fromError(EffectiveCompat compat, String error, List<String> out) {
        if (error.contains("developer") && compat.flag("supportsDeveloperRole")) {
            add(out, "supportsDeveloperRole: false");
        }
        if (error.contains("max_completion_tokens")
                && "max_completion_tokens".equals(compat.string("maxTokensField"))) {
            add(out, "maxTokensField: max_tokens");
        }
        if (error.contains("stream_options") && compat.flag("supportsUsageInStreaming")) {
            add(out, "supportsUsageInStreaming: false");
        }
        if (error.matches("(?s).*\\bstore\\b.*") && compat.flag("supportsStore")) {
            add(out, "supportsStore: false");
        }
        if (error.contains("reasoning_content")) {
            reasoningContent(compat, error, out);
        }
        if ((error.contains("tool call id") || error.contains("tool_call_id")
                || error.contains("tool call ids")) && error.contains("9")) {
            add(out, "toolCallIdFormat: {exactLength: 9, charset: alphanumeric}");
        }
        if (error.contains("stream ended without finish_reason")) {
            add(out, "supportsFinishReason: false");
        }
        if (error.contains("strict") && compat.flag("supportsStrictMode")) {
            add(out, "supportsStrictMode: false");
        }
        Matcher field = UNRECOGNIZED.matcher(error);
        if (out.isEmpty() && field.find() && !field.group(2).isEmpty()
                && !List.of("role", "value", "parameter", "argument", "field", "request")
                        .contains(field.group(2))) {
            add(out, "omitFields: [" + field.group(2) + "]");
        }
    }

    /**
     * A server that misses {@code reasoning_content} on replayed turns (DeepSeek) needs it sent;
     * one that refuses the field (Groq, Cerebras: "'reasoning_content' is unsupported") takes
     * the thinking under {@code reasoning}; one that forbids every unknown field (Mistral's
     * {@code extra_forbidden}) takes it nowhere.
     */
    private static void reasoningContent(EffectiveCompat compat, String error,
            List<String> out) {
        String replay = compat.string("reasoningReplayField");
        boolean required = compat.flag("requiresReasoningContentOnAssistantMessages");
        boolean forbidden = EXTRA_FORBIDDEN.matcher(error).find();
        if (forbidden || FIELD_REFUSED.matcher(error).find()) {
            String field = forbidden ? "omit" : "reasoning";
            if (!field.equals(replay) && !"omit".equals(replay)) {
                add(out, "reasoningReplayField: " + field);
            }
            if (required) {
                // the flag adds an empty reasoning_content to every replayed turn
                add(out, "requiresReasoningContentOnAssistantMessages: false");
            }
        } else if (!required) {
            add(out, "requiresReasoningContentOnAssistantMessages: true");
        }
    }

    private static void fromMissingThinking(EffectiveCompat compat, AssistantMessage message,
            String raw, List<String> out) {
        String text = message.content().stream().filter(TextContent.class::isInstance)
                .map(b -> ((TextContent) b).text()).reduce("", String::concat);
        if (text.contains("<think>") && compat.get("thinkTags") == null) {
            add(out, "thinkTags: {open: \"<think>\", close: \"</think>\"}");
        }
        Object declared = compat.get("reasoningFields");
        for (String field : ChatCompletionsChunks.REASONING_FIELDS) {
            if (raw.contains("\"" + field + "\":\"") && declared instanceof List<?> fields
                    && !fields.contains(field)) {
                List<Object> more = new ArrayList<>(fields);
                more.add(field);
                add(out, "reasoningFields: " + more);
            }
        }
    }

    private static void add(List<String> out, String suggestion) {
        if (!out.contains(suggestion)) {
            out.add(suggestion);
        }
    }
}
