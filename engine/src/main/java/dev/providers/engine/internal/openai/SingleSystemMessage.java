package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code singleSystemMessage}: all {@code system}/{@code developer} text becomes one leading
 * message, for templates that accept only one.
 *
 * <p>Rules: the texts of every such message (string content, or the text parts of an array)
 * join with a blank line, in order, into one message with the first one's role, placed first;
 * the other messages keep their order. Kimi's deferred-tool system messages carry tools, not
 * text, and stay where they are. Today the engine emits at most one system message of its own, so
 * this guards histories that gain more (merged shapes, future system turns).
 *
 * <p>Thread-safety: stateless.
 */
final class SingleSystemMessage {

    private SingleSystemMessage() { }

    /** Returns the messages with one leading system message. */
    static ArrayNode apply(ArrayNode messages) {
        List<JsonNode> system = new ArrayList<>();
        ArrayNode rest = WireJson.array();
        for (JsonNode message : messages) {
            if (isInstruction(message)) {
                system.add(message);
            } else {
                rest.add(message);
            }
        }
        if (system.isEmpty() || (system.size() == 1 && messages.get(0) == system.get(0))) {
            return messages;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode message : system) {
            String text = text(message.path("content"));
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        ArrayNode out = WireJson.array();
        out.add(WireJson.message(WireJson.role(system.get(0)),
                String.join(SameRoleMerge.SEPARATOR, texts)));
        out.addAll(rest);
        return out;
    }

    private static boolean isInstruction(JsonNode message) {
        String role = WireJson.role(message);
        return (role.equals("system") || role.equals("developer")) && !message.has("tools");
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                texts.add(part.path("text").asText());
            }
        }
        return String.join(SameRoleMerge.SEPARATOR, texts);
    }
}
