package dev.providers.conformance.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chat-completions body must and must not carry by the model's compat flags (P18,
 * docs/dialects/openai-completions.md §3): {@code stream_options} and {@code store} by their
 * flags, the output limit in the field {@code maxTokensField} names, the system prompt's role,
 * no thinking field for a model without reasoning, no field of {@code omitFields}, and tools as
 * functions with {@code strict} by its flag.
 *
 * <p>Thread-safety: stateless.
 */
final class ChatCompletionsShape {

    /** Body keys that request thinking, in any thinkingFormat. */
    private static final List<String> THINKING_FIELDS = List.of("reasoning_effort", "reasoning",
            "thinking", "enable_thinking", "chat_template_kwargs", "chat_template_args",
            "thinking_token_budget");

    private ChatCompletionsShape() { }

    /** Returns what is wrong with the body; empty when it is right. */
    static List<String> problems(ResolvedModel model, JsonNode body) {
        EffectiveCompat compat = model.compat();
        List<String> out = new ArrayList<>();
        boolean usage = compat.flag("supportsUsageInStreaming");
        if (usage != body.has("stream_options")) {
            out.add("stream_options iff compat.supportsUsageInStreaming (" + usage + ")");
        } else if (usage && !body.at("/stream_options/include_usage").asBoolean()) {
            out.add("stream_options.include_usage: true");
        }
        boolean store = compat.flag("supportsStore");
        if (store != body.has("store")) {
            out.add("store iff compat.supportsStore (" + store + ")");
        } else if (store && body.path("store").asBoolean(true)) {
            out.add("store: false");
        }
        String field = compat.string("maxTokensField");
        String other = "max_tokens".equals(field) ? "max_completion_tokens" : "max_tokens";
        if (body.has(other)) {
            out.add("the limit goes in " + field + " (compat.maxTokensField), not " + other);
        }
        if (model.model().maxTokens() != null && body.path(field).asInt() <= 0) {
            out.add("the model declares maxTokens, so the body carries " + field);
        }
        JsonNode first = body.path("messages").path(0);
        if (first.path("role").asText().matches("system|developer")) {
            String role = model.model().reasoning() && compat.flag("supportsDeveloperRole")
                    ? "developer" : "system";
            if (!role.equals(first.path("role").asText())) {
                out.add("the system prompt's role is " + role + ", not "
                        + first.path("role").asText());
            }
        }
        if (!model.model().reasoning()) {
            for (String thinking : THINKING_FIELDS) {
                if (body.has(thinking)) {
                    out.add("'" + thinking + "' was sent for a model without reasoning");
                }
            }
        }
        if (compat.get("omitFields") instanceof List<?> fields) {
            for (Object name : fields) {
                if (body.has(String.valueOf(name))) {
                    out.add("'" + name + "' is in compat.omitFields");
                }
            }
        }
        boolean strict = compat.flag("supportsStrictMode");
        for (JsonNode tool : body.path("tools")) {
            String name = tool.at("/function/name").asText();
            if (!"function".equals(tool.path("type").asText())) {
                out.add("tool " + name + " has type '" + tool.path("type").asText()
                        + "', not function");
            }
            if (strict != tool.path("function").has("strict")) {
                out.add("tool " + name + ": 'strict' iff compat.supportsStrictMode ("
                        + strict + ")");
            }
        }
        return out;
    }
}
