package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Set;

/**
 * {@code mergeSameRoleMessages}: consecutive messages of the same role become one, for chat
 * templates that reject repeated roles.
 *
 * <p>Rules: only {@code user}, {@code assistant}, {@code system} and {@code developer} messages
 * merge; {@code tool} messages never do (each answers its own call), nor do Kimi's
 * deferred-tool system messages. Contents join with a blank line: two strings give a string;
 * otherwise both become part arrays, concatenated, and a text part meeting a text part across the
 * seam becomes one part. A null or empty content is skipped. For assistants, {@code tool_calls}
 * and {@code reasoning_details} concatenate and each reasoning field joins with a blank line.
 *
 * <p>Thread-safety: stateless.
 */
final class SameRoleMerge {

    /** What joins two merged texts. */
    static final String SEPARATOR = "\n\n";

    private static final Set<String> MERGEABLE = Set.of("user", "assistant", "system",
            "developer");
    private static final Set<String> REASONING_FIELDS =
            Set.of("reasoning_content", "reasoning", "reasoning_text");

    private SameRoleMerge() { }

    /** Returns the messages with same-role runs merged. */
    static ArrayNode apply(ArrayNode messages) {
        ArrayNode out = WireJson.array();
        for (JsonNode node : messages) {
            ObjectNode message = (ObjectNode) node;
            JsonNode last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && mergeable(last, message)) {
                out.set(out.size() - 1, merge((ObjectNode) last, message));
            } else {
                out.add(message);
            }
        }
        return out;
    }

    private static boolean mergeable(JsonNode a, JsonNode b) {
        String role = WireJson.role(a);
        return role.equals(WireJson.role(b)) && MERGEABLE.contains(role)
                && !a.has("tools") && !b.has("tools");
    }

    private static ObjectNode merge(ObjectNode a, ObjectNode b) {
        ObjectNode out = a.deepCopy();
        out.set("content", joinContent(a.path("content"), b.path("content")));
        for (String field : REASONING_FIELDS) {
            if (b.has(field)) {
                out.put(field, joinText(a.path(field).asText(""), b.path(field).asText("")));
            }
        }
        for (String field : new String[] {"tool_calls", "reasoning_details"}) {
            if (b.has(field)) {
                ArrayNode items = out.has(field) ? (ArrayNode) out.get(field) : out.putArray(field);
                items.addAll((ArrayNode) b.get(field));
            }
        }
        return out;
    }

    private static JsonNode joinContent(JsonNode a, JsonNode b) {
        if (isEmpty(b)) {
            return a.isMissingNode() ? NullNode.getInstance() : a.deepCopy();
        }
        if (isEmpty(a)) {
            return b.deepCopy();
        }
        if (a.isTextual() && b.isTextual()) {
            return TextNode.valueOf(a.textValue() + SEPARATOR + b.textValue());
        }
        ArrayNode parts = asParts(a);
        ArrayNode tail = asParts(b);
        JsonNode seamLeft = parts.get(parts.size() - 1);
        JsonNode seamRight = tail.get(0);
        if (isPlainText(seamLeft) && isPlainText(seamRight)) {
            parts.set(parts.size() - 1, WireJson.textPart(
                    seamLeft.path("text").asText() + SEPARATOR + seamRight.path("text").asText()));
            tail.remove(0);
        }
        parts.addAll(tail);
        return parts;
    }

    private static boolean isEmpty(JsonNode content) {
        return content.isMissingNode() || content.isNull()
                || (content.isTextual() && content.textValue().isEmpty())
                || (content.isArray() && content.isEmpty());
    }

    private static ArrayNode asParts(JsonNode content) {
        if (content.isArray()) {
            return ((ArrayNode) content).deepCopy();
        }
        ArrayNode parts = WireJson.array();
        parts.add(WireJson.textPart(content.asText()));
        return parts;
    }

    private static boolean isPlainText(JsonNode part) {
        return "text".equals(part.path("type").asText()) && part.size() == 2;
    }

    private static String joinText(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a + SEPARATOR + b;
    }
}
