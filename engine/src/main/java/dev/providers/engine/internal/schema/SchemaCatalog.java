package dev.providers.engine.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The provider-file JSON Schemas, loaded once from the classpath (they are packaged into the
 * engine JAR, so validation never touches the network).
 *
 * <p>Besides the compiled validator it keeps the raw schema documents. The compat schema of
 * each registered dialect (its {@link Dialect#compatSchema()}) is compiled on first use and
 * kept: compat defaults and descriptions are read from it, so each dialect's schema stays the
 * single source of truth for its flags.
 *
 * <p>Thread-safety: thread-safe; {@link #get()} is shared.
 */
public final class SchemaCatalog {

    /** The common prefix of every schema {@code $id}. */
    public static final String ID_PREFIX = "https://providers.dev/schemas/";
    /** The classpath folder holding the schema files. */
    public static final String RESOURCE_DIR = "dev/providers/engine/schemas/";
    /** The schema of one provider file. */
    public static final String PROVIDER_SCHEMA = "provider.schema.json";
    /** The compat flags of the openai-completions dialect, bundled beside the provider schema. */
    public static final String OPENAI_COMPAT_SCHEMA = "compat-openai-completions.schema.json";

    private static final String[] FILES = {PROVIDER_SCHEMA, OPENAI_COMPAT_SCHEMA};

    private final Map<String, JsonNode> documents;
    private final Schema providerSchema;
    private final Map<String, Compiled> compat = new ConcurrentHashMap<>();

    private SchemaCatalog() {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        for (String file : FILES) {
            String text = readResource(RESOURCE_DIR + file);
            texts.put(ID_PREFIX + file, text);
            try {
                docs.put(ID_PREFIX + file, mapper.readTree(text));
            } catch (IOException e) {
                throw new IllegalStateException("bundled schema " + file + " is not JSON", e);
            }
        }
        this.documents = Map.copyOf(docs);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(false)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(texts).schemaRegistryConfig(config));
        this.providerSchema = registry.getSchema(SchemaLocation.of(ID_PREFIX + PROVIDER_SCHEMA));
        this.providerSchema.initializeValidators();
    }

    /** Returns the shared catalog. */
    public static SchemaCatalog get() {
        return Holder.INSTANCE;
    }

    /** Returns the compiled provider-file schema. */
    public Schema providerSchema() {
        return providerSchema;
    }

    /** Returns the raw schema document with this file name. */
    public JsonNode document(String file) {
        JsonNode doc = documents.get(ID_PREFIX + file);
        if (doc == null) {
            throw new IllegalArgumentException("no bundled schema " + file);
        }
        return doc;
    }

    /**
     * Returns the schema node at a location such as {@code <id>#/$defs/price/minimum}, or a
     * missing node.
     */
    public JsonNode nodeAt(String location) {
        int hash = location.indexOf('#');
        String id = hash < 0 ? location : location.substring(0, hash);
        JsonNode doc = documents.get(id);
        if (doc == null) {
            return MissingNode.getInstance();
        }
        return hash < 0 ? doc : doc.at(location.substring(hash + 1));
    }

    /**
     * Returns the compat flags of a registered dialect with their schema nodes, in schema order.
     *
     * @throws IllegalArgumentException if no dialect has that id or its schema is unusable
     */
    public Map<String, JsonNode> compatFlags(String api) {
        return compatSchema(api).flags();
    }

    /**
     * Returns the compiled compat schema of a registered dialect, compiled on first use.
     *
     * @throws IllegalArgumentException if no dialect has that id, or, saying why, if its schema
     *     cannot be used
     */
    public CompatSchema compatSchema(String api) {
        Dialect dialect = Dialects.require(api);
        Compiled compiled = compat.get(api);
        if (compiled == null || compiled.dialect() != dialect) {
            // a dialect is never replaced under its id; compiling twice in a race is harmless
            compiled = compile(dialect);
            compat.put(api, compiled);
        }
        if (compiled.schema() == null) {
            throw new IllegalArgumentException("the compat schema of dialect '" + api + "' ("
                    + dialect.getClass().getName() + ") " + compiled.problem());
        }
        return compiled.schema();
    }

    private static Compiled compile(Dialect dialect) {
        try {
            return new Compiled(dialect, CompatSchema.compile(dialect.api(),
                    dialect.compatSchema()), null);
        } catch (IllegalArgumentException e) {
            return new Compiled(dialect, null, e.getMessage());
        } catch (RuntimeException e) {
            // dialect code: its failure is its own, reported like an unusable schema
            return new Compiled(dialect, null, "could not be read: " + e);
        }
    }

    /** A dialect's compat schema, or why it cannot be used. */
    private record Compiled(Dialect dialect, @Nullable CompatSchema schema,
            @Nullable String problem) { }

    /** Returns the schema text with this file name, as bundled. */
    public static String schemaText(String file) {
        return readResource(RESOURCE_DIR + file);
    }

    private static String readResource(String name) {
        try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the engine JAR lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Holder {
        static final SchemaCatalog INSTANCE = new SchemaCatalog();
    }
}
