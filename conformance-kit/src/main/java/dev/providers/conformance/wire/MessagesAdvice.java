package dev.providers.conformance.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The advisor's rules for {@code anthropic-messages}: recognises a failure caused by a known
 * deviation of an Anthropic-compatible server and names the compat setting that makes the
 * engine absorb it (docs/dialects/anthropic-messages.md §6).
 *
 * <ul>
 *   <li>a refusal naming {@code anthropic-beta}: {@code betaFeatures: []};
 *   <li>one naming {@code cache_control}: {@code supportsCacheControl: false} (or, naming
 *       {@code ttl}, {@code supportsLongCacheRetention: false});
 *   <li>one asking for replayed thinking, or refusing thinking turned into text:
 *       {@code requiresThinkingSignature: false};
 *   <li>one refusing {@code budget_tokens} or asking for adaptive thinking:
 *       {@code thinkingMode: adaptive}, and the reverse;
 *   <li>a tool call answering {@code tool_choice {type: none}}:
 *       {@code supportsToolChoiceNone: false}.
 * </ul>
 *
 * <p>Thread-safety: stateless.
 */
final class MessagesAdvice {

    private MessagesAdvice() { }

    /** Returns the compat settings that would fix what this stream shows, as YAML lines. */
    static List<String> suggest(ResolvedModel model, StreamRecord record,
            AssistantMessage message) {
        EffectiveCompat compat = model.compat();
        List<String> out = new ArrayList<>();
        String error = message.errorMessage() == null ? ""
                : message.errorMessage().toLowerCase(Locale.ROOT);
        if (error.contains("anthropic-beta") && compat.get("betaFeatures") instanceof List<?> b
                && !b.isEmpty()) {
            out.add("betaFeatures: []");
        }
        if (error.contains("cache_control") && compat.flag("supportsCacheControl")) {
            out.add(error.contains("ttl") && compat.flag("supportsLongCacheRetention")
                    ? "supportsLongCacheRetention: false" : "supportsCacheControl: false");
        }
        if (error.contains("thinking") && (error.contains("passed back")
                || error.contains("signature")) && compat.flag("requiresThinkingSignature")) {
            out.add("requiresThinkingSignature: false");
        }
        String mode = compat.string("thinkingMode");
        if (error.contains("budget_tokens") && error.contains("adaptive")
                && !"adaptive".equals(mode)) {
            out.add("thinkingMode: adaptive");
        } else if (error.contains("adaptive") && error.contains("not supported")
                && "adaptive".equals(mode)) {
            out.add("thinkingMode: budget");
        }
        if (!message.toolCalls().isEmpty() && compat.flag("supportsToolChoiceNone")
                && askedForNoTool(record)) {
            out.add("supportsToolChoiceNone: false");
        }
        return out;
    }

    /** Returns whether the last request said {@code tool_choice: {type: none}}. */
    private static boolean askedForNoTool(StreamRecord record) {
        if (record.exchanges().isEmpty()) {
            return false;
        }
        try {
            JsonNode body = ChatCompletionsRequests.body(record.last());
            return "none".equals(body.at("/tool_choice/type").asText());
        } catch (AssertionError e) {
            return false;
        }
    }
}
