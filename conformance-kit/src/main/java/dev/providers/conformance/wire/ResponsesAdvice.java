package dev.providers.conformance.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The advisor's rules for the Responses API: recognises a failure caused by a known server
 * deviation and names the compat setting that makes the engine absorb it
 * (docs/dialects/openai-responses.md §8).
 *
 * <p>Thread-safety: stateless.
 */
final class ResponsesAdvice {

    /** OpenAI's wording for a field it does not take: "Unknown parameter: 'x'." and kin. */
    private static final Pattern REFUSED_FIELD = Pattern.compile(
            "(unknown|unrecognized|unsupported) (parameter|argument|field)[^'\"`]{0,20}"
                    + "['\"`]([a-z_.]+)['\"`]");

    private ResponsesAdvice() { }

    /** Returns the compat settings that would fix what this stream shows, as YAML lines. */
    static List<String> suggest(ResolvedModel model, StreamRecord record,
            AssistantMessage message) {
        List<String> out = new ArrayList<>();
        EffectiveCompat compat = model.compat();
        String error = message.errorMessage() == null ? ""
                : message.errorMessage().toLowerCase(Locale.ROOT);
        if (!error.isEmpty()) {
            fromError(compat, error, out);
        }
        if (message.stopReason() == StopReason.STOP && "completed".equals(
                message.rawStopReason()) && !compat.flag("lengthFromUsage")
                && !record.exchanges().isEmpty()) {
            JsonNode body = ChatCompletionsRequests.body(record.last());
            JsonNode limit = body.path("max_output_tokens");
            if (limit.isNumber() && message.usage().output() >= limit.asLong()) {
                // a server that says completed for an answer cut at the limit (llama.cpp)
                add(out, "lengthFromUsage: true");
            }
        }
        return out;
    }

    private static void fromError(EffectiveCompat compat, String error, List<String> out) {
        if (error.contains("encrypted content") || error.contains("encrypted_content")) {
            if (compat.flag("supportsEncryptedReasoning")) {
                add(out, "supportsEncryptedReasoning: false");
            }
            return;
        }
        if ((error.contains("output of tool call") || error.contains("function_call_output"))
                && compat.flag("imagesInToolResults")) {
            // llama.cpp takes only text in an output array
            add(out, "imagesInToolResults: false");
            return;
        }
        if (error.contains("summar") && !"omit".equals(compat.string("reasoningSummary"))) {
            add(out, "reasoningSummary: omit");
            return;
        }
        Matcher field = REFUSED_FIELD.matcher(error);
        if (!field.find()) {
            return;
        }
        switch (field.group(3)) {
            case "store" -> {
                if (compat.flag("supportsStore")) {
                    add(out, "supportsStore: false");
                }
            }
            case "include" -> {
                if (compat.flag("supportsEncryptedReasoning")) {
                    add(out, "supportsEncryptedReasoning: false");
                }
            }
            case "instructions" -> add(out, "systemPrompt: developer");
            case "stop" -> {
                if (compat.flag("supportsStopSequences")) {
                    add(out, "supportsStopSequences: false");
                }
            }
            case "prompt_cache_key" -> {
                if (compat.flag("supportsPromptCacheKey")) {
                    add(out, "supportsPromptCacheKey: false");
                }
            }
            case "reasoning.summary" -> add(out, "reasoningSummary: omit");
            default -> {
                String name = field.group(3);
                if (!name.contains(".")) {
                    add(out, "omitFields: [" + name + "]");
                }
            }
        }
    }

    private static void add(List<String> out, String suggestion) {
        if (!out.contains(suggestion)) {
            out.add(suggestion);
        }
    }
}
