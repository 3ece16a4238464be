package dev.providers.engine.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.internal.yaml.SourceMap;
import dev.providers.engine.internal.yaml.YamlTreeReader;
import dev.providers.engine.spec.Origin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates a composed provider file against the schema, and its {@code compat} objects against
 * their dialects' compat schemas, and turns each networknt error into a located
 * {@link Diagnostic} with a plain message.
 *
 * <p>Unknown and misnamed keys point at the key and carry "did you mean" suggestions; other
 * errors point at the value. Messages never quote values of secret-capable keys: only enum
 * mismatches quote the value, and no secret-capable key has an enum.
 *
 * <p>Thread-safety: immutable; shared.
 */
public final class SchemaValidator {

    private final SchemaCatalog catalog;

    /** Creates a validator over the bundled schemas. */
    public SchemaValidator(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    /** Returns every schema violation of {@code root}, sorted by position. */
    public List<Diagnostic> validate(JsonNode root, SourceMap map) {
        // the validator recurses once per level; the YAML reader already stops deeper files
        if (TreeDepth.exceeds(root, YamlTreeReader.MAX_DEPTH)) {
            Origin at = map.valueAt("");
            return List.of(Diagnostic.error(at.source(), at.line(), at.column(), "",
                    "collections nest deeper than " + YamlTreeReader.MAX_DEPTH + " levels"));
        }
        return diagnostics(catalog.providerSchema().validate(root), "", catalog::nodeAt, map);
    }

    /**
     * Returns every violation of a {@code compat} object at {@code pointer} (such as
     * {@code /models/0/compat}) of the schema of its dialect, located in the file.
     */
    public List<Diagnostic> validateCompat(JsonNode compat, String pointer, CompatSchema schema,
            SourceMap map) {
        if (TreeDepth.exceeds(compat, YamlTreeReader.MAX_DEPTH)) {
            return List.of(); // the whole file was rejected for its depth already
        }
        return diagnostics(schema.validate(compat), pointer, schema::nodeAt, map);
    }

    private static List<Diagnostic> diagnostics(List<Error> errors, String prefix,
            Function<String, JsonNode> schemaNodes, SourceMap map) {
        if (errors.isEmpty()) {
            return List.of();
        }
        // a value of the wrong type also fails its enum/pattern; the type error says it all
        Set<String> typeFailures = new HashSet<>();
        for (Error e : errors) {
            if ("type".equals(e.getKeyword())) {
                typeFailures.add(pointer(e));
            }
        }
        Set<Diagnostic> out = new LinkedHashSet<>();
        for (Error e : errors) {
            if (!"type".equals(e.getKeyword()) && typeFailures.contains(pointer(e))) {
                continue;
            }
            out.add(toDiagnostic(e, prefix, schemaNodes, map));
        }
        List<Diagnostic> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return sorted;
    }

    private static Diagnostic toDiagnostic(Error e, String prefix,
            Function<String, JsonNode> schemaNodes, SourceMap map) {
        String pointer = prefix + pointer(e);
        String keyword = String.valueOf(e.getKeyword());
        String location = shortLocation(e);
        JsonNode keywordNode = schemaNodes.apply(String.valueOf(e.getSchemaLocation()));
        JsonNode owner = ownerOf(e, schemaNodes);
        switch (keyword) {
            case "additionalProperties", "unevaluatedProperties" -> {
                String property = String.valueOf(e.getProperty());
                String child = SourceMap.child(pointer, property);
                List<String> suggestions = Suggestions.forInput(property,
                        propertyNames(owner.path("properties")));
                return located(map.keyAt(child), pointer, "unknown property '" + property + "'",
                        location, suggestions);
            }
            case "propertyNames" -> {
                String property = String.valueOf(e.getProperty());
                String reason = PatternMessages.at(location, "is not an allowed name");
                return located(map.keyAt(SourceMap.child(pointer, property)), pointer,
                        "'" + property + "' " + reason, location, List.of());
            }
            case "required" -> {
                String property = String.valueOf(e.getProperty());
                return located(map.keyAt(pointer), pointer,
                        "missing required property '" + property + "'", location, List.of());
            }
            case "type" -> {
                return located(map.valueAt(pointer), pointer, "expected " + expectedTypes(
                        keywordNode) + ", found " + jsonType(e.getInstanceNode()), location,
                        List.of());
            }
            case "enum", "const" -> {
                List<String> allowed = new ArrayList<>();
                keywordNode.forEach(v -> allowed.add(v.asText()));
                if (keywordNode.isValueNode()) {
                    allowed.add(keywordNode.asText());
                }
                JsonNode instance = e.getInstanceNode();
                String found = instance != null && instance.isTextual() ? instance.asText()
                        : String.valueOf(instance);
                return located(map.valueAt(pointer), pointer, "'" + found + "' is not one of: "
                        + String.join(", ", allowed), location,
                        Suggestions.forInput(found, allowed));
            }
            default -> {
                return located(map.valueAt(pointer), pointer, message(keyword, location,
                        keywordNode, e), location, List.of());
            }
        }
    }

    private static String message(String keyword, String location, JsonNode keywordNode,
            Error e) {
        JsonNode instance = e.getInstanceNode();
        return switch (keyword) {
            case "pattern" -> PatternMessages.at(location.substring(0,
                    Math.max(0, location.lastIndexOf('/'))), "does not have the required form");
            case "minimum" -> "must be >= " + keywordNode.asText() + ", found " + instance;
            case "maximum" -> "must be <= " + keywordNode.asText() + ", found " + instance;
            case "exclusiveMinimum" -> "must be > " + keywordNode.asText() + ", found " + instance;
            case "minLength" -> keywordNode.asInt() == 1 ? "must not be empty"
                    : "must be at least " + keywordNode.asInt() + " characters long";
            case "maxLength" -> "must be at most " + keywordNode.asInt() + " characters long";
            case "minItems" -> "must have at least " + keywordNode.asInt()
                    + (keywordNode.asInt() == 1 ? " item" : " items");
            case "maxItems" -> "must have at most " + keywordNode.asInt() + " items";
            case "uniqueItems" -> "must not repeat items";
            case "false" -> "is not allowed here";
            default -> String.valueOf(e.getMessage());
        };
    }

    private static Diagnostic located(Origin at, String pointer, String message,
            String schemaLocation, List<String> suggestions) {
        return new Diagnostic(Diagnostic.Severity.ERROR, at.source(), at.line(), at.column(),
                pointer, message, schemaLocation, suggestions);
    }

    /** Returns the schema object that holds the failing keyword. */
    private static JsonNode ownerOf(Error e, Function<String, JsonNode> schemaNodes) {
        String location = String.valueOf(e.getSchemaLocation());
        int slash = location.lastIndexOf('/');
        return schemaNodes.apply(slash < 0 ? location : location.substring(0, slash));
    }

    private static String pointer(Error e) {
        String p = String.valueOf(e.getInstanceLocation());
        return p.equals("/") ? "" : p;
    }

    private static String shortLocation(Error e) {
        String location = String.valueOf(e.getSchemaLocation());
        return location.startsWith(SchemaCatalog.ID_PREFIX)
                ? location.substring(SchemaCatalog.ID_PREFIX.length()) : location;
    }

    private static List<String> propertyNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String expectedTypes(JsonNode type) {
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(t.asText()));
            return String.join(" or ", names);
        }
        return type.asText();
    }

    static String jsonType(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isArray() ? "array" : "object";
    }
}
