package dev.providers.engine.internal.anthropic;

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
}
