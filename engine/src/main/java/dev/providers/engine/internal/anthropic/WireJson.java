package dev.providers.engine.internal.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The dialect's one Jackson mapper and the helpers around it: building trees, writing them, and
 * removing lone UTF-16 surrogates, which cannot be encoded as UTF-8 and make a server refuse
 * the whole request.
 *
 * <p>Thread-safety: stateless; the mapper is configured once and only read.
 */
final class WireJson {

    /**
     * Insertion-ordered objects, characters outside the BMP written as UTF-8 rather than as
     * escaped surrogate pairs, so that the bytes carry the text as the user wrote it.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireJson() { }

    /** Returns a new empty object. */
    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Returns a new empty array. */
    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Returns {@code {type: <type>}}, the start of every content block. */
    static ObjectNode block(String type) {
        return object().put("type", type);
    }

    /** Returns the JSON tree of a plain Java value (maps, lists, strings, numbers, booleans). */
    static JsonNode tree(@Nullable Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Returns the UTF-8 bytes of a tree. */
    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // the encoder builds plain trees without lone surrogates, which always serialise
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the compact JSON text of a tree. */
    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code text} without unpaired surrogates (the same instance when it has none). */
    static String stripSurrogates(String text) {
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

    /** Strips every string and field name of a tree in place, keeping the field order. */
    static void stripSurrogates(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            boolean renamed = false;
            for (Map.Entry<String, JsonNode> field : fields) {
                renamed |= !stripSurrogates(field.getKey()).equals(field.getKey());
            }
            if (renamed) {
                object.removeAll();
                fields.forEach(field -> object.set(stripSurrogates(field.getKey()),
                        field.getValue()));
            }
            for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    // replacing the value of an existing key keeps its position
                    object.set(field.getKey(), TextNode.valueOf(
                            stripSurrogates(value.textValue())));
                } else {
                    stripSurrogates(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    array.set(i, TextNode.valueOf(stripSurrogates(item.textValue())));
                } else {
                    stripSurrogates(item);
                }
            }
        }
    }
}
