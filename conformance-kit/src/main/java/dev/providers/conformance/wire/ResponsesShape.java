package dev.providers.conformance.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Responses body must and must not carry by the model's compat flags (P18,
 * docs/dialects/openai-responses.md §3): {@code store} and {@code include} by their flags, the
 * system prompt where {@code systemPrompt} puts it, {@code max_output_tokens} and none of chat
 * completions' fields, no reasoning for a model without it and the summary of
 * {@code reasoningSummary}, tools as flat functions with {@code strict}, no {@code stop} without
 * {@code supportsStopSequences}, no field of {@code omitFields}.
 *
 * <p>Thread-safety: stateless.
 */
final class ResponsesShape {

    /** Chat completions' fields, which this endpoint does not know. */
    private static final List<String> CHAT_FIELDS = List.of("messages", "max_tokens",
            "max_completion_tokens", "stream_options", "reasoning_effort");

    private ResponsesShape() { }

    /** Returns what is wrong with the body; empty when it is right. */
    static List<String> problems(ResolvedModel model, JsonNode body) {
        EffectiveCompat compat = model.compat();
        List<String> out = new ArrayList<>();
        boolean store = compat.flag("supportsStore");
        if (store != body.has("store")) {
            out.add("store iff compat.supportsStore (" + store + ")");
        } else if (store && body.path("store").asBoolean(true)) {
            out.add("store: false");
        }
        boolean include = model.model().reasoning()
                && compat.flag("supportsEncryptedReasoning");
        if (include != body.has("include")) {
            out.add("include iff the model reasons and compat.supportsEncryptedReasoning ("
                    + include + ")");
        } else if (include && !body.path("include").toString().equals(
                "[\"reasoning.encrypted_content\"]")) {
            out.add("include: [reasoning.encrypted_content]");
        }
        systemPrompt(compat.string("systemPrompt"), body, out);
        for (String field : CHAT_FIELDS) {
            if (body.has(field)) {
                out.add("'" + field + "' is a chat-completions field");
            }
        }
        if (model.model().maxTokens() != null
                && body.path("max_output_tokens").asInt() <= 0) {
            out.add("the model declares maxTokens, so the body carries max_output_tokens");
        }
        reasoning(model, compat, body, out);
        for (JsonNode tool : body.path("tools")) {
            String name = tool.path("name").asText();
            if (!"function".equals(tool.path("type").asText())) {
                out.add("tool " + name + " has type '" + tool.path("type").asText()
                        + "', not function");
            }
            if (tool.has("function")) {
                out.add("tool " + name + " is nested as in chat completions");
            }
            if (!tool.path("strict").isBoolean()) {
                out.add("tool " + name + " lacks 'strict' (a missing one means true)");
            }
        }
        if (body.has("stop") && !compat.flag("supportsStopSequences")) {
            out.add("'stop' without compat.supportsStopSequences");
        }
        if (body.has("prompt_cache_key") && !compat.flag("supportsPromptCacheKey")) {
            out.add("'prompt_cache_key' without compat.supportsPromptCacheKey");
        }
        if (compat.get("omitFields") instanceof List<?> fields) {
            for (Object name : fields) {
                if (body.has(String.valueOf(name))) {
                    out.add("'" + name + "' is in compat.omitFields");
                }
            }
        }
        return out;
    }

    private static void systemPrompt(String placement, JsonNode body, List<String> out) {
        JsonNode first = body.path("input").path(0);
        String role = first.path("role").asText("");
        boolean asMessage = role.equals("system") || role.equals("developer");
        boolean instructions = placement == null || placement.equals("instructions");
        if (instructions && asMessage) {
            out.add("the system prompt goes in instructions, not a " + role + " message");
        } else if (!instructions && body.has("instructions")) {
            out.add("the system prompt goes in a " + placement + " message, not instructions");
        } else if (!instructions && asMessage && !role.equals(placement)) {
            out.add("the system prompt's role is " + placement + ", not " + role);
        }
    }

    private static void reasoning(ResolvedModel model, EffectiveCompat compat, JsonNode body,
            List<String> out) {
        JsonNode reasoning = body.path("reasoning");
        if (!model.model().reasoning()) {
            if (body.has("reasoning")) {
                out.add("'reasoning' was sent for a model without reasoning");
            }
            return;
        }
        String summary = compat.string("reasoningSummary");
        if (!reasoning.has("summary")) {
            return; // none asked for, or the level is off
        }
        if ("omit".equals(summary)) {
            out.add("reasoning.summary although compat.reasoningSummary is omit");
        } else if (!reasoning.path("summary").asText().equals(summary)) {
            out.add("reasoning.summary: " + summary);
        }
    }
}
