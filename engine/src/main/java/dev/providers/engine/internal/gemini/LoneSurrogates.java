package dev.providers.engine.internal.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes lone UTF-16 surrogates from every string and field name of a request, because they
 * cannot be encoded as UTF-8 and Google answers 400 for the whole request
 * ({@code docs/dialects/google-generative-ai.md} §3 "Unicode"). Valid pairs are kept.
 *
 * <p>Thread-safety: stateless.
 */
final class LoneSurrogates {

    private LoneSurrogates() { }

    /** Returns {@code text} without unpaired surrogates (the same instance when there are none). */
    static String strip(String text) {
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

    /** Strips every string and field name of a tree, in place. */
    static void stripTree(JsonNode node) {
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
            // a renamed key keeps its position: the object is rebuilt in order
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
