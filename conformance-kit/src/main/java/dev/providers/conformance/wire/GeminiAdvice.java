package dev.providers.conformance.wire;

import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import java.util.ArrayList;
import java.util.List;

/**
 * The advisor's rules for Gemini (docs/dialects/google-generative-ai.md §9): a server that
 * answers 400 {@code Unknown name "parametersJsonSchema"} takes only the OpenAPI schemas, one
 * that refuses {@code Unknown name "id"} of a function call or response takes no ids, and one
 * that refuses Google's placeholder signature needs it left out.
 *
 * <p>Thread-safety: stateless.
 */
final class GeminiAdvice {

    private GeminiAdvice() { }

    /** Returns the compat settings that would fix what this stream shows, as YAML lines. */
    static List<String> suggest(ResolvedModel model, StreamRecord record,
            AssistantMessage message) {
        List<String> out = new ArrayList<>();
        String error = message.errorMessage() == null ? "" : message.errorMessage();
        EffectiveCompat compat = model.compat();
        if (error.contains("Unknown name \"parametersJsonSchema\"")
                || error.contains("Unknown name \"parameters_json_schema\"")) {
            if (!"openapi".equals(compat.string("toolSchemaFormat"))) {
                out.add("toolSchemaFormat: openapi");
            }
        }
        if (error.contains("Unknown name \"id\"") && (error.contains("function_call")
                || error.contains("function_response")) && compat.flag("sendToolCallIds")) {
            out.add("sendToolCallIds: false");
        }
        String sent = record.exchanges().isEmpty() ? ""
                : new String(record.last().requestBody(), java.nio.charset.StandardCharsets.UTF_8);
        if (error.contains("thought signature") && sent.contains("skip_thought_signature_validator")
                && compat.flag("fillMissingThoughtSignatures")) {
            out.add("fillMissingThoughtSignatures: false");
        }
        return out;
    }
}
