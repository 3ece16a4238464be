package dev.providers.engine.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.internal.yaml.SourceMap;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spec.SecretRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of one provider file that JSON Schema cannot express: well-formed base URLs and
 * secret templates, unique model ids, plus warnings for settings that have no effect. The rules
 * of the credential are {@link AuthChecks}; those that depend on the dialects are
 * {@link DialectChecks}.
 *
 * <p>Runs on every composed tree, valid or not, so that one run reports every problem; values of
 * the wrong type are left to the schema's errors. Messages name keys, never secret values (a
 * bare upper-case value is named: pi's rule reads it as a variable's name).
 */
final class SemanticChecks {

    /** The schema's own baseUrl pattern, which means the same in Java as in ECMA-262. */
    private static final Pattern BASE_URL = Pattern.compile(SchemaCatalog.get()
            .document(SchemaCatalog.PROVIDER_SCHEMA).at("/$defs/baseUrl/pattern").asText());

    /** Endpoints the dialects append to the base URL, longest first. */
    private static final List<String> ENDPOINT_SUFFIXES = List.of("/chat/completions",
            "/completions", "/responses", "/messages", ":streamGenerateContent",
            ":generateContent");

    private final SourceMap map;
    private final List<Diagnostic> out;

    private SemanticChecks(SourceMap map, List<Diagnostic> out) {
        this.map = map;
        this.out = out;
    }

    /** Appends the problems of {@code root} to {@code out}. */
    static void check(JsonNode root, SourceMap map, String fileName, List<Diagnostic> out) {
        new SemanticChecks(map, out).run(root, fileName);
    }

    private void run(JsonNode root, String fileName) {
        checkFileName(root, fileName);
        checkBaseUrl(root, "");
        checkSecret(root.get("apiKey"), "/apiKey");
        checkBareName(root.get("apiKey"), "/apiKey", "apiKey");
        JsonNode apiKeys = root.get("apiKeys");
        if (apiKeys != null && apiKeys.isArray()) {
            for (int i = 0; i < apiKeys.size(); i++) {
                checkBareName(apiKeys.get(i), SourceMap.child("/apiKeys", i),
                        "apiKeys #" + (i + 1));
            }
        }
        AuthChecks.check(root, map, out);
        checkSecrets(root.get("headers"), "/headers");
        checkBareNames(root.get("headers"), "/headers");
        checkSecrets(root.get("queryParams"), "/queryParams");
        JsonNode models = root.get("models");
        if (models == null || !models.isArray()) {
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < models.size(); i++) {
            JsonNode model = models.get(i);
            if (!model.isObject()) {
                continue;
            }
            String pointer = SourceMap.child("/models", i);
            JsonNode idNode = model.path("id");
            Integer first = idNode.isTextual() ? seen.putIfAbsent(idNode.asText(), i) : null;
            if (first != null) {
                String id = idNode.asText();
                error(pointer + "/id", map.valueAt(pointer + "/id"), "duplicate model id '" + id
                        + "' (first declared at line "
                        + map.valueAt("/models/" + first + "/id").line() + ")");
            }
            checkBaseUrl(model, pointer);
            checkSecrets(model.get("headers"), pointer + "/headers");
            checkBareNames(model.get("headers"), pointer + "/headers");
            checkModelWarnings(model, pointer);
        }
    }

    private void checkFileName(JsonNode root, String fileName) {
        if (!root.path("id").isTextual()) {
            return;
        }
        String id = root.path("id").asText();
        String stem = fileName.replaceFirst("\\.(yaml|yml)$", "");
        if (!stem.isEmpty() && !stem.equals(id)) {
            warn("/id", map.valueAt("/id"), "the id '" + id + "' differs from the file name '"
                    + fileName + "'; naming the file '" + id + ".yaml' keeps providers easy "
                    + "to find");
        }
    }

    private void checkBaseUrl(JsonNode owner, String pointer) {
        JsonNode node = owner.get("baseUrl");
        if (node == null || !node.isTextual() || !BASE_URL.matcher(node.asText()).matches()) {
            return; // the schema reports values that are not even http(s) URLs
        }
        String at = pointer + "/baseUrl";
        // ${VAR} references are resolved per request; the rest must be a URL already
        String written = BaseUrlTemplate.withPlaceholders(node.asText());
        URI uri;
        try {
            uri = new URI(written);
        } catch (URISyntaxException e) {
            error(at, map.valueAt(at), "is not a valid URL: " + e.getReason());
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            error(at, map.valueAt(at), "must be an absolute http:// or https:// URL");
        } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
            error(at, map.valueAt(at), "must name a host");
        } else if (uri.getRawUserInfo() != null) {
            error(at, map.valueAt(at), "must not carry credentials; put them in apiKey or "
                    + "headers, which are never printed");
        } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            error(at, map.valueAt(at), "must not carry a query or fragment; use queryParams");
        } else {
            checkEndpointSuffix(node.asText(), at);
        }
    }

    /**
     * Warns about a base URL that already ends in an endpoint the dialects append (copied from
     * a curl example), naming the base URL to use instead.
     */
    private void checkEndpointSuffix(String baseUrl, String at) {
        String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        for (String suffix : ENDPOINT_SUFFIXES) {
            if (!url.endsWith(suffix)) {
                continue;
            }
            String base = url.substring(0, url.length() - suffix.length());
            int models = base.lastIndexOf("/models/");
            if (suffix.startsWith(":") && models >= 0) {
                base = base.substring(0, models); // Gemini's .../models/{model}:stream...
            }
            warn(at, map.valueAt(at), "baseUrl ends in " + suffix + "; the engine appends "
                    + "that itself: use " + base);
            return;
        }
    }

    private void checkSecrets(JsonNode values, String pointer) {
        if (values == null || !values.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            checkSecret(e.getValue(), SourceMap.child(pointer, e.getKey()));
        }
    }

    private void checkSecret(JsonNode value, String pointer) {
        if (value == null || !value.isTextual()) {
            return;
        }
        try {
            SecretRef.parse(value.asText());
        } catch (IllegalArgumentException e) {
            error(pointer, map.valueAt(pointer), e.getMessage());
        }
    }

    private void checkBareNames(JsonNode headers, String pointer) {
        if (headers == null || !headers.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            checkBareName(e.getValue(), SourceMap.child(pointer, e.getKey()),
                    "header " + e.getKey());
        }
    }

    /**
     * Warns that a bare upper-case value is read from the environment variable it names, as pi
     * reads it; such a value is a variable's name by pi's rule, so naming it shows no secret.
     */
    private void checkBareName(JsonNode value, String pointer, String what) {
        if (value == null || !value.isTextual()) {
            return;
        }
        String name;
        try {
            name = SecretRef.parse(value.asText()).readingBareName().bareName();
        } catch (IllegalArgumentException malformed) {
            return; // reported by checkSecret
        }
        if (name == null) {
            return;
        }
        warn(pointer, map.valueAt(pointer), what + " " + name + " is read from the environment "
                + "variable " + name + " when that is set (as pi does), else sent as written; "
                + "write ${" + name + "} to say so");
    }

    private void checkModelWarnings(JsonNode model, String pointer) {
        JsonNode context = model.get("contextWindow");
        JsonNode max = model.get("maxTokens");
        if (context != null && max != null && context.isIntegralNumber()
                && max.isIntegralNumber() && max.asLong() > context.asLong()) {
            warn(pointer + "/maxTokens", map.valueAt(pointer + "/maxTokens"), "maxTokens "
                    + max.asLong() + " exceeds contextWindow " + context.asLong()
                    + "; requests are clamped to the context window");
        }
        boolean reasoning = model.path("reasoning").asBoolean(false);
        if (!reasoning && model.path("thinkingLevelMap").isObject()) {
            warn(pointer + "/thinkingLevelMap", map.keyAt(pointer + "/thinkingLevelMap"),
                    "thinkingLevelMap has no effect because the model does not declare "
                            + "'reasoning: true'");
        }
    }

    private void error(String pointer, Origin at, String message) {
        out.add(Diagnostic.error(at.source(), at.line(), at.column(), pointer, message));
    }

    private void warn(String pointer, Origin at, String message) {
        out.add(Diagnostic.warning(at.source(), at.line(), at.column(), pointer, message));
    }
}
