package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * The one Jackson mapper of the encoder and small helpers around it.
 *
 * <p>Thread-safety: stateless; the mapper is configured once and only read.
 */
final class WireJson {

    /**
     * Jackson defaults (insertion-ordered objects, no pretty printing), except that characters
     * outside the BMP are written as UTF-8, not as escaped surrogate pairs, so that the bytes
     * carry the text as the user wrote it (catalogue P13).
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

    /** Returns the JSON tree of a plain Java value (maps, lists, strings, numbers, booleans). */
    static JsonNode tree(@Nullable Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Returns the compact JSON text of a tree. */
    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // a tree built from plain values always serialises; anything else is a bug here
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a message of {@code role} with a string content. */
    static ObjectNode message(String role, String content) {
        ObjectNode message = object();
        message.put("role", role);
        message.put("content", content);
        return message;
    }

    /** Returns a {@code {type: text, text}} content part. */
    static ObjectNode textPart(String text) {
        ObjectNode part = object();
        part.put("type", "text");
        part.put("text", text);
        return part;
    }

    /** Returns the role of a wire message, or "" when it has none. */
    static String role(JsonNode message) {
        return message.path("role").asText("");
    }
}
