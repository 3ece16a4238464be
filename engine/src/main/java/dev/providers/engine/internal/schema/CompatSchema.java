package dev.providers.engine.internal.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.providers.engine.internal.yaml.YamlTreeReader;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The compat schema of one dialect, compiled: its flags with their schema nodes (the source of
 * defaults and descriptions) and a validator for a {@code compat} object. A dialect that has no
 * schema has no flags, and its {@code compat} must be empty.
 *
 * <p>Schemas come from dialect code, not from users, but they are still bounded: at most
 * {@link #MAX_CHARS} characters, nested at most as deep as a provider file, no references the
 * document does not hold (nothing is fetched from the network).
 *
 * <p>Thread-safety: immutable.
 */
public final class CompatSchema {

    /** The longest compat schema accepted, in characters. */
    public static final int MAX_CHARS = 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String api;
    private final String id;
    private final JsonNode document;
    private final @Nullable Schema schema;
    private final Map<String, JsonNode> flags;

    private CompatSchema(String api, String id, JsonNode document, @Nullable Schema schema,
            Map<String, JsonNode> flags) {
        this.api = api;
        this.id = id;
        this.document = document;
        this.schema = schema;
        this.flags = flags;
    }

    /**
     * Compiles the schema text a dialect gave (null: no flags).
     *
     * @throws IllegalArgumentException saying why the text cannot serve as a compat schema
     */
    public static CompatSchema compile(String api, @Nullable String text) {
        String fallbackId = SchemaCatalog.ID_PREFIX + "compat-" + api + ".schema.json";
        if (text == null) {
            return new CompatSchema(api, fallbackId, MissingNode.getInstance(), null, Map.of());
        }
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("is larger than 1 MiB");
        }
        JsonNode document;
        try {
            document = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not JSON: " + e.getOriginalMessage(), e);
        }
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("is not a JSON object");
        }
        if (TreeDepth.exceeds(document, YamlTreeReader.MAX_DEPTH)) {
            throw new IllegalArgumentException("nests deeper than " + YamlTreeReader.MAX_DEPTH
                    + " levels");
        }
        JsonNode properties = document.path("properties");
        if (!properties.isMissingNode() && !properties.isObject()) {
            throw new IllegalArgumentException("has 'properties' that is not an object");
        }
        JsonNode declaredId = document.get("$id");
        String id = declaredId != null && declaredId.isTextual()
                && declaredId.asText().contains(":") ? declaredId.asText() : fallbackId;
        Schema schema;
        try {
            schema = registry(id, text).getSchema(SchemaLocation.of(id));
            // resolves every reference now, so that a bad one fails here and not per file
            schema.initializeValidators();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot be compiled: " + e.getMessage(), e);
        }
        Map<String, JsonNode> flags = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            flags.put(e.getKey(), e.getValue());
        }
        return new CompatSchema(api, id, document, schema, Collections.unmodifiableMap(flags));
    }

    private static SchemaRegistry registry(String id, String text) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(false)
                .build();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(id, text)).schemaRegistryConfig(config)
                        .schemaLoader(loader -> loader.fetchRemoteResources(false)));
    }

    /** Returns the dialect this schema belongs to. */
    public String api() {
        return api;
    }

    /** Returns the base IRI of the schema's locations (its {@code $id}, or one made up). */
    public String id() {
        return id;
    }

    /** Returns the flags by name, each with its schema node, in schema order. */
    public Map<String, JsonNode> flags() {
        return flags;
    }

    /** Returns whether the dialect has a compat schema; without one, {@code compat} is empty. */
    public boolean hasSchema() {
        return schema != null;
    }

    /** Returns whether the dialect declares this flag. */
    public boolean declares(String flag) {
        return flags.containsKey(flag);
    }

    /** Returns the violations of a {@code compat} object, located relative to it. */
    List<Error> validate(JsonNode compat) {
        return schema == null ? List.of() : schema.validate(compat);
    }

    /**
     * Returns the node at a schema location such as {@code <id>#/properties/x/type}, or a
     * missing node; every location a validation reports lies in this one document.
     */
    JsonNode nodeAt(String location) {
        int hash = location.indexOf('#');
        return hash < 0 ? document : document.at(location.substring(hash + 1));
    }

    @Override
    public String toString() {
        return "CompatSchema[" + api + ", " + flags.size() + " flags]";
    }
}
