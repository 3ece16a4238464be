package dev.providers.conformance.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.api.WireExchange;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a Messages request must and must not carry by the model's compat flags (P18,
 * docs/dialects/anthropic-messages.md §3): {@code max_tokens} always; {@code anthropic-version},
 * and {@code anthropic-beta} exactly as {@code betaFeatures} says; the system prompt as blocks,
 * never a message; only user and assistant turns, alternating, with no blank text; cache
 * breakpoints iff {@code supportsCacheControl}; no thinking field for a model without
 * reasoning, the thinking type of {@code thinkingMode} otherwise, and no temperature while
 * thinking; object input schemas; {@code tool_choice} only with tools; nothing of
 * {@code omitFields}.
 *
 * <p>Thread-safety: stateless.
 */
final class MessagesShape {

    private MessagesShape() { }

    /** Returns what is wrong with the request; empty when it is right. */
    static List<String> problems(ResolvedModel model, WireExchange exchange) {
        EffectiveCompat compat = model.compat();
        JsonNode body = ChatCompletionsRequests.body(exchange);
        List<String> out = new ArrayList<>();
        if (!body.path("max_tokens").canConvertToInt() || body.path("max_tokens").asInt() < 1) {
            out.add("max_tokens is required");
        }
        headers(compat, exchange, out);
        if (body.has("system") && !body.path("system").isArray()) {
            out.add("the system prompt goes as an array of text blocks");
        }
        turns(body.path("messages"), out);
        boolean cached = body.toString().contains("\"cache_control\"");
        boolean caching = compat.flag("supportsCacheControl");
        if (cached != caching) {
            out.add("cache_control breakpoints iff compat.supportsCacheControl (" + caching
                    + ")");
        }
        thinking(model, body, out);
        for (JsonNode tool : body.path("tools")) {
            if (!"object".equals(tool.at("/input_schema/type").asText())) {
                out.add("tool " + tool.path("name").asText() + ": input_schema must be an "
                        + "object schema");
            }
        }
        if (body.has("tool_choice") && body.path("tools").isEmpty()) {
            out.add("tool_choice without tools");
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

    private static void headers(EffectiveCompat compat, WireExchange exchange,
            List<String> out) {
        String version = null;
        String beta = null;
        for (Map.Entry<String, String> header : exchange.requestHeaders()) {
            switch (header.getKey().toLowerCase(Locale.ROOT)) {
                case "anthropic-version" -> version = header.getValue();
                case "anthropic-beta" -> beta = header.getValue();
                default -> { }
            }
        }
        if (version == null) {
            out.add("the anthropic-version header is missing");
        }
        boolean betas = compat.get("betaFeatures") instanceof List<?> list && !list.isEmpty();
        if (betas != (beta != null)) {
            out.add("an anthropic-beta header iff compat.betaFeatures is not empty");
        }
    }

    private static void turns(JsonNode messages, List<String> out) {
        String previous = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode turn = messages.get(i);
            String role = turn.path("role").asText();
            if (!role.equals("user") && !role.equals("assistant")) {
                out.add("messages[" + i + "] has role '" + role + "'; only user and assistant "
                        + "turns exist");
            }
            if (role.equals(previous)) {
                out.add("messages[" + i + "] repeats the role " + role + "; turns alternate");
            }
            previous = role;
            for (JsonNode block : turn.path("content")) {
                if ("text".equals(block.path("type").asText())
                        && block.path("text").asText("").isBlank()) {
                    out.add("messages[" + i + "] has a text block without non-whitespace text");
                }
            }
        }
    }

    private static void thinking(ResolvedModel model, JsonNode body, List<String> out) {
        if (!body.has("thinking")) {
            return;
        }
        if (!model.model().reasoning()) {
            out.add("'thinking' was sent for a model without reasoning");
            return;
        }
        String expected = "adaptive".equals(model.compat().string("thinkingMode")) ? "adaptive"
                : "enabled";
        String type = body.at("/thinking/type").asText();
        if (!type.equals(expected) && !type.equals("disabled")) {
            out.add("thinking.type is " + type + ", compat.thinkingMode asks for " + expected);
        }
        if (body.has("temperature")) {
            out.add("temperature is sent while thinking");
        }
    }
}
