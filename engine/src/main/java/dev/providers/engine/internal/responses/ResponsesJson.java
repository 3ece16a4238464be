package dev.providers.engine.internal.responses;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
 * The dialect's one Jackson mapper and small helpers around it.
 *
 * <p>Thread-safety: stateless; the mapper is configured once and only read.
 */
final class ResponsesJson {

    /** The deepest nesting a server's event may have. */
    static final int MAX_DEPTH = 64;

    /**
     * Jackson defaults (insertion-ordered objects, no pretty printing), except that characters
     * outside the BMP are written as UTF-8 rather than escaped surrogate pairs, and parsing is
     * bounded in nesting depth (the engine bounds the size of each event).
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResponsesJson() { }

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

    /** Returns the UTF-8 bytes of a tree. */
    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // the encoder builds plain trees without lone surrogates, which always encode
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a string field, or null when it is absent, not a string or empty. */
    static @Nullable String string(JsonNode owner, String field) {
        JsonNode value = owner.get(field);
        return value != null && value.isTextual() && !value.textValue().isEmpty()
                ? value.textValue() : null;
    }

    /** Returns an integer field, or -1 when it is absent or not a non-negative integer. */
    static int index(JsonNode owner, String field) {
        JsonNode value = owner.get(field);
        return value != null && value.canConvertToInt() && value.isIntegralNumber()
                && value.intValue() >= 0 ? value.intValue() : -1;
    }
}
