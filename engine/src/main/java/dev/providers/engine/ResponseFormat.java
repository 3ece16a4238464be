package dev.providers.engine;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The shape the answer must take.
 *
 * @param type text, any JSON object, or JSON matching a schema
 * @param name the schema's name (JSON_SCHEMA only)
 * @param schema the JSON Schema (JSON_SCHEMA only)
 * @param strict whether the schema must be followed exactly (JSON_SCHEMA only)
 */
public record ResponseFormat(Type type, @Nullable String name,
        @Nullable Map<String, Object> schema, boolean strict) {

    /** The kinds of format. */
    public enum Type { TEXT, JSON_OBJECT, JSON_SCHEMA }

    /** Plain text. */
    public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, false);
    /** Any JSON object. */
    public static final ResponseFormat JSON_OBJECT =
            new ResponseFormat(Type.JSON_OBJECT, null, null, false);

    /** Checks that a schema comes with JSON_SCHEMA and only with it. */
    public ResponseFormat {
        Objects.requireNonNull(type, "type");
        if ((type == Type.JSON_SCHEMA) != (schema != null && name != null)) {
            throw new IllegalArgumentException("a name and schema go with JSON_SCHEMA only");
        }
    }

    /** Returns a format that requires JSON matching a schema. */
    public static ResponseFormat jsonSchema(String name, Map<String, Object> schema,
            boolean strict) {
        return new ResponseFormat(Type.JSON_SCHEMA, name, schema, strict);
    }
}
