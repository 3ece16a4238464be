package dev.providers.engine.internal.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Converts a JSON Schema to the OpenAPI 3.0 subset of Gemini's {@code Schema} object, for
 * {@code toolSchemaFormat: openapi} ({@code docs/dialects/google-generative-ai.md} §3.3):
 * <ul>
 *   <li>keywords Gemini does not know are dropped ({@code $schema}, {@code $id},
 *       {@code additionalProperties}, {@code patternProperties}, {@code not}, {@code examples},
 *       {@code $comment}, …);
 *   <li>a local {@code $ref} ({@code #/$defs/x}, {@code #/definitions/x}) is replaced by what it
 *       names, at most {@value #MAX_DEPTH} levels deep (a recursive schema is cut there);
 *   <li>{@code type: [T, "null"]} becomes {@code type: T, nullable: true}; {@code const: v}
 *       becomes {@code enum: [v]}; {@code oneOf} becomes {@code anyOf}; {@code allOf} of one
 *       schema becomes that schema;
 *   <li>an {@code enum} of anything but strings is dropped (Gemini's enums are strings).
 * </ul>
 *
 * <p>Thread-safety: stateless.
 */
final class OpenApiSchema {

    /** How deep schemas nest (and references are followed) before the rest is cut. */
    static final int MAX_DEPTH = 32;

    /** The keywords of Gemini's Schema object that are copied as they are. */
    private static final Set<String> PLAIN = Set.of("format", "title", "description",
            "nullable", "maxItems", "minItems", "minProperties", "maxProperties", "minLength",
            "maxLength", "pattern", "example", "default", "minimum", "maximum",
            "propertyOrdering");

    private OpenApiSchema() { }

    /** Returns the converted schema; the input is left as it is. */
    static ObjectNode convert(JsonNode schema) {
        return convert(schema, schema, 0);
    }

    private static ObjectNode convert(JsonNode node, JsonNode root, int depth) {
        ObjectNode out = GeminiJson.object();
        if (!node.isObject() || depth > MAX_DEPTH) {
            return out;
        }
        JsonNode schema = resolve(node, root, depth);
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            ObjectNode merged = convert(schema.get("allOf").get(0), root, depth + 1);
            copyInto(schema, root, depth, merged);
            return merged;
        }
        copyInto(schema, root, depth, out);
        return out;
    }

    private static void copyInto(JsonNode schema, JsonNode root, int depth, ObjectNode out) {
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "type" -> type(value, out);
                case "const" -> {
                    if (value.isTextual()) {
                        out.putArray("enum").add(value);
                    }
                }
                case "enum" -> {
                    boolean strings = value.isArray() && !value.isEmpty();
                    for (JsonNode item : value) {
                        strings &= item.isTextual();
                    }
                    if (strings) {
                        out.set("enum", value.deepCopy());
                    }
                }
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    for (Map.Entry<String, JsonNode> property : value.properties()) {
                        properties.set(property.getKey(), convert(property.getValue(), root,
                                depth + 1));
                    }
                }
                case "required" -> {
                    if (value.isArray()) {
                        out.set("required", value.deepCopy());
                    }
                }
                case "items" -> out.set("items", convert(value, root, depth + 1));
                case "anyOf", "oneOf" -> {
                    ArrayNode any = out.putArray("anyOf");
                    for (JsonNode item : value) {
                        any.add(convert(item, root, depth + 1));
                    }
                }
                default -> {
                    if (PLAIN.contains(key)) {
                        out.set(key, value.deepCopy());
                    }
                }
            }
        }
    }

    /** Sets {@code type}; a list with {@code "null"} becomes its other type plus nullable. */
    private static void type(JsonNode value, ObjectNode out) {
        if (value.isTextual()) {
            if (!value.textValue().equals("null")) {
                out.put("type", value.textValue());
            } else {
                out.put("nullable", true);
            }
            return;
        }
        String chosen = null;
        for (JsonNode item : value) {
            if (item.asText().equals("null")) {
                out.put("nullable", true);
            } else if (chosen == null) {
                chosen = item.asText();
            }
        }
        if (chosen != null) {
            out.put("type", chosen);
        }
    }

    /** Returns what a local {@code $ref} names, followed to a schema without one. */
    private static JsonNode resolve(JsonNode node, JsonNode root, int depth) {
        JsonNode current = node;
        for (int hops = depth; hops <= MAX_DEPTH && current.has("$ref"); hops++) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#")) {
                return current; // a remote reference cannot be followed here
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode() || !target.isObject()) {
                return current;
            }
            current = target;
        }
        return current;
    }
}
