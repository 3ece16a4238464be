package dev.providers.engine.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.internal.schema.CompatSchema;
import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.internal.schema.SchemaValidator;
import dev.providers.engine.internal.yaml.SourceMap;
import dev.providers.engine.spec.Origin;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules of one provider file that depend on the registered dialects: each {@code api} names
 * one, and each {@code compat} object matches the compat schema of its dialect (the provider's
 * for the provider's compat, the model's own for a model that names another {@code api}).
 * Entries of a declared {@code overflowPatterns} flag must be ECMA-262 and RE2 alike.
 *
 * <p>Runs on every composed tree, valid or not; values the provider schema already rejected
 * (an {@code api} that is not an id, a {@code compat} that is not a mapping) are left to it.
 */
final class DialectChecks {

    /** The schema's own pattern for api ids, which means the same in Java as in ECMA-262. */
    private static final Pattern API_ID = Pattern.compile(SchemaCatalog.get()
            .document(SchemaCatalog.PROVIDER_SCHEMA).at("/$defs/api/pattern").asText());
    private static final String OVERFLOW_PATTERNS = "overflowPatterns";

    private final SourceMap map;
    private final SchemaValidator validator;
    private final List<Diagnostic> out;
    /** Each dialect's schema, or null after its failure was reported once for this file. */
    private final Map<String, @Nullable CompatSchema> schemas = new HashMap<>();

    private DialectChecks(SourceMap map, SchemaValidator validator, List<Diagnostic> out) {
        this.map = map;
        this.validator = validator;
        this.out = out;
    }

    /**
     * Appends the problems of {@code root} to {@code out}; {@code inheritedApi} is the api of
     * the built-in provider the file overrides, used when the file names none (null: none).
     */
    static void check(JsonNode root, SourceMap map, @Nullable String inheritedApi,
            SchemaValidator validator, List<Diagnostic> out) {
        new DialectChecks(map, validator, out).run(root, inheritedApi);
    }

    private void run(JsonNode root, @Nullable String inheritedApi) {
        String fallback = inheritedApi != null ? inheritedApi : ApiNames.DEFAULT;
        String providerApi = api(root, "", fallback);
        checkCompat(root.get("compat"), "/compat", providerApi);
        JsonNode models = root.get("models");
        if (models == null || !models.isArray()) {
            return;
        }
        for (int i = 0; i < models.size(); i++) {
            JsonNode model = models.get(i);
            if (!model.isObject()) {
                continue;
            }
            String pointer = SourceMap.child("/models", i);
            String modelApi = model.has("api") ? api(model, pointer, null) : providerApi;
            checkCompat(model.get("compat"), pointer + "/compat", modelApi);
        }
    }

    /**
     * Returns the registered dialect {@code owner} names, reporting an unknown one, or
     * {@code fallback} when it names none; null when its api cannot be used.
     */
    private @Nullable String api(JsonNode owner, String pointer, @Nullable String fallback) {
        JsonNode node = owner.get("api");
        if (node == null) {
            return fallback;
        }
        if (!node.isTextual() || !API_ID.matcher(node.asText()).matches()) {
            return null; // the provider schema reports it
        }
        String api = node.asText();
        if (!ApiNames.isKnown(api)) {
            String at = pointer + "/api";
            out.add(ApiNames.unknown(api, map.valueAt(at), at));
            return null;
        }
        return api;
    }

    private void checkCompat(@Nullable JsonNode compat, String pointer, @Nullable String api) {
        if (compat == null || !compat.isObject() || api == null) {
            return;
        }
        CompatSchema schema = schema(api, pointer);
        if (schema == null) {
            return;
        }
        if (!schema.hasSchema()) {
            for (Iterator<String> it = compat.fieldNames(); it.hasNext(); ) {
                String flag = it.next();
                String at = SourceMap.child(pointer, flag);
                error(at, map.keyAt(at), "unknown property '" + flag + "': dialect '" + api
                        + "' has no compat flags");
            }
            return;
        }
        out.addAll(validator.validateCompat(compat, pointer, schema, map));
        if (schema.declares(OVERFLOW_PATTERNS)) {
            checkOverflowPatterns(compat.get(OVERFLOW_PATTERNS),
                    pointer + "/" + OVERFLOW_PATTERNS);
        }
    }

    /** Returns the dialect's schema, or null after reporting (once) why it cannot be used. */
    private @Nullable CompatSchema schema(String api, String pointer) {
        if (schemas.containsKey(api)) {
            return schemas.get(api);
        }
        CompatSchema schema;
        try {
            schema = SchemaCatalog.get().compatSchema(api);
        } catch (IllegalArgumentException e) {
            schema = null;
            error(pointer, map.keyAt(pointer), "cannot be checked: " + e.getMessage()
                    + "; this is a bug in the dialect");
        }
        schemas.put(api, schema);
        return schema;
    }

    private void checkOverflowPatterns(@Nullable JsonNode patterns, String pointer) {
        if (patterns == null || !patterns.isArray()) {
            return;
        }
        for (int i = 0; i < patterns.size(); i++) {
            if (!patterns.get(i).isTextual()) {
                continue;
            }
            String at = SourceMap.child(pointer, i);
            String problem = OverflowPatterns.problem(patterns.get(i).asText());
            if (problem != null) {
                error(at, map.valueAt(at), problem);
            }
        }
    }

    private void error(String pointer, Origin at, String message) {
        out.add(Diagnostic.error(at.source(), at.line(), at.column(), pointer, message));
    }
}
