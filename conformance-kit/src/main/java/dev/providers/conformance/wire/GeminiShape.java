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
 * What a Gemini request must and must not carry by the dialect's rules and the model's compat
 * flags (P18, docs/dialects/google-generative-ai.md §2–§3): the streaming path with
 * {@code alt=sse}, the key in {@code x-goog-api-key} and never in the URL, roles that alternate
 * (consecutive turns merged), the schema field {@code toolSchemaFormat} names, call and response
 * ids by {@code sendToolCallIds}, {@code toolConfig} only with tools, and a thinking config only
 * for a reasoning model, never with both a budget and a level.
 *
 * <p>Thread-safety: stateless.
 */
final class GeminiShape {

    private GeminiShape() { }

    /** Returns what is wrong with the request; empty when it is right. */
    static List<String> problems(ResolvedModel model, WireExchange exchange) {
        List<String> out = new ArrayList<>();
        url(model, exchange, out);
        JsonNode body = GeminiRequests.body(exchange);
        EffectiveCompat compat = model.compat();
        contents(body.path("contents"), compat.flag("sendToolCallIds"), out);
        boolean openApi = "openapi".equals(compat.string("toolSchemaFormat"));
        for (JsonNode tool : body.path("tools")) {
            for (JsonNode declaration : tool.path("functionDeclarations")) {
                String name = declaration.path("name").asText();
                if (openApi && declaration.has("parametersJsonSchema")) {
                    out.add("tool " + name + ": parameters, not parametersJsonSchema "
                            + "(compat.toolSchemaFormat openapi)");
                }
                if (!openApi && !declaration.has("parametersJsonSchema")) {
                    out.add("tool " + name + ": parametersJsonSchema (compat.toolSchemaFormat "
                            + "json-schema)");
                }
            }
        }
        if (body.has("toolConfig") && body.path("tools").isEmpty()) {
            out.add("toolConfig without tools");
        }
        JsonNode thinking = body.path("generationConfig").path("thinkingConfig");
        if (!thinking.isMissingNode()) {
            if (!model.model().reasoning()) {
                out.add("thinkingConfig was sent for a model without reasoning");
            }
            if (thinking.has("thinkingBudget") && thinking.has("thinkingLevel")) {
                out.add("thinkingConfig carries both thinkingBudget and thinkingLevel");
            }
        }
        return out;
    }

    private static void url(ResolvedModel model, WireExchange exchange, List<String> out) {
        String path = exchange.uri().getPath();
        String expected = "/models/" + model.model().id() + ":streamGenerateContent";
        if (!path.endsWith(expected)) {
            out.add("the path ends with " + expected + ", not " + path);
        }
        String query = exchange.uri().getRawQuery() == null ? "" : exchange.uri().getRawQuery();
        if (!("&" + query + "&").contains("&alt=sse&")) {
            out.add("the query asks for alt=sse");
        }
        if (("&" + query).contains("&key=")) {
            out.add("the API key must not be in the URL (key=), where logs keep it");
        }
        boolean keyed = model.provider().authHeader() && model.provider().apiKey() != null;
        boolean header = false;
        for (Map.Entry<String, String> entry : exchange.requestHeaders()) {
            header |= entry.getKey().toLowerCase(Locale.ROOT).equals("x-goog-api-key");
        }
        if (keyed && !header) {
            out.add("the key goes in the x-goog-api-key header");
        }
    }

    private static void contents(JsonNode contents, boolean ids, List<String> out) {
        String previous = "";
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            String role = content.path("role").asText("");
            if (!role.equals("user") && !role.equals("model")) {
                out.add("contents[" + i + "] has role '" + role + "', not user or model");
            }
            if (role.equals(previous)) {
                out.add("contents[" + i + "] repeats the role " + role + ": consecutive turns "
                        + "are merged");
            }
            previous = role;
            if (content.path("parts").isEmpty()) {
                out.add("contents[" + i + "] has no parts");
            }
            for (JsonNode part : content.path("parts")) {
                for (String kind : List.of("functionCall", "functionResponse")) {
                    JsonNode item = part.path(kind);
                    if (item.isObject() && item.has("id") != ids) {
                        out.add("contents[" + i + "]: " + kind + ".id iff "
                                + "compat.sendToolCallIds (" + ids + ")");
                    }
                }
            }
        }
    }
}
