package dev.providers.engine.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes lone UTF-16 surrogates, which cannot be encoded as UTF-8 and make servers reject the
 * whole request ({@code docs/dialects/openai-completions.md} §3.3 "Unicode"). Valid pairs are kept.
 * Every dialect of the engine strips its request bodies with it.
 *
 * <p>Thread-safety: stateless.
 */
public final class Surrogates {

    private Surrogates() { }

    /** Returns {@code text} without unpaired surrogates (the same instance when there are none). */
    public static String strip(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && !Character.isSurrogate(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n).append(text, 0, i);
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
            } else {
                if (!Character.isSurrogate(c)) {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Strips every string and field name of a tree in place, so that no outgoing string (system,
     * user, assistant, thinking, tool results, extra fields) can carry a lone surrogate.
     */
    public static void stripTree(JsonNode node) {
        if (node instanceof ObjectNode object) {
            stripObject(object);
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    String clean = strip(item.textValue());
                    if (!clean.equals(item.textValue())) {
                        array.set(i, TextNode.valueOf(clean));
                    }
                } else {
                    stripTree(item);
                }
            }
        }
    }

    private static void stripObject(ObjectNode object) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
        boolean renamed = false;
        for (Map.Entry<String, JsonNode> field : fields) {
            renamed |= !strip(field.getKey()).equals(field.getKey());
        }
        if (renamed) {
            // a renamed key must keep its position, so the object is rebuilt in order
            object.removeAll();
            for (Map.Entry<String, JsonNode> field : fields) {
                object.set(strip(field.getKey()), field.getValue());
            }
        }
        for (Map.Entry<String, JsonNode> field : fields) {
            String name = strip(field.getKey());
            JsonNode value = object.get(name);
            if (value != null && value.isTextual()) {
                String clean = strip(value.textValue());
                if (!clean.equals(value.textValue())) {
                    object.put(name, clean);
                }
            } else if (value != null) {
                stripTree(value);
            }
        }
    }
}
