package dev.providers.conformance.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Imports pi's {@code models.json} (the same shape as {@code registerProvider} configs): one
 * {@link ImportedProvider} per entry of {@code providers}, with baseUrl, api, apiKey, headers,
 * authHeader, compat and the models (name, api, baseUrl, reasoning, input, cost,
 * contextWindow, maxTokens, headers, thinkingLevelMap, compat) carried over.
 *
 * <p>Secrets: an apiKey that names an environment variable becomes {@code ${NAME}}; a literal key
 * or a {@code !command} is never written: the file reads {@code ${<ID>_API_KEY}} and the report
 * says to export it, except a placeholder such as "ollama" at a loopback address, which is
 * dropped (a local server that ignores keys needs none here).
 *
 * <p>Thread-safety: stateless.
 */
public final class PiModelsImporter {

    private static final String SOURCE = "pi";
    private static final Set<String> PROVIDER_KEYS = Set.of("name", "baseUrl", "api", "apiKey",
            "headers", "authHeader", "compat", "models", "modelOverrides");
    private static final Set<String> MODEL_KEYS = Set.of("id", "name", "api", "baseUrl",
            "reasoning", "thinkingLevelMap", "input", "cost", "contextWindow", "maxTokens",
            "headers", "compat");

    private PiModelsImporter() { }

    /**
     * Reads the file and returns one imported provider per entry of its {@code providers}, in
     * the file's order.
     *
     * @throws ImportException if the file cannot be read or is not pi's format
     */
    public static List<ImportedProvider> read(Path file) throws ImportException {
        ObjectNode root = ImportInput.read(file);
        JsonNode providers = root.get("providers");
        if (providers == null || !providers.isObject()) {
            String hint = root.size() > 0 && root.elements().next().has("npm")
                    ? " (this looks like models.dev's api.json: `conformance import models.dev "
                            + file + " --only ID,...`)"
                    : "";
            throw new ImportException(file + ": expected pi's models.json, an object with a "
                    + "\"providers\" object" + hint);
        }
        List<ImportedProvider> imported = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = providers.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            imported.add(provider(entry.getKey(), entry.getValue()));
        }
        return imported;
    }

    private static ImportedProvider provider(String name, JsonNode config) {
        String id = ProviderFileDraft.idFrom(name);
        Carry carry = new Carry(id, SOURCE);
        ProviderFileDraft.Builder draft = ProviderFileDraft.builder(id)
                .description("Imported from pi's models.json (provider '" + name + "') by "
                        + "`conformance import`.\nComments name the pi field each value came "
                        + "from. Check it with `conformance validate` and "
                        + "`conformance --provider " + id + "`.");
        if (!config.isObject()) {
            carry.omit(id, "(entry)", "", "not an object; nothing imported");
            return new ImportedProvider(id, null, carry.omissions, carry.actions);
        }
        if (!id.equals(name)) {
            carry.omit(id, "(provider name)", name, "not a valid provider id; written as '"
                    + id + "'");
        }
        config.fieldNames().forEachRemaining(key -> {
            if (!PROVIDER_KEYS.contains(key)) {
                carry.omit(id, key, Carry.show(config.get(key)), "no equivalent in a "
                        + "provider file");
            }
        });
        text(config, "name").ifPresent(n -> draft.name(n, carry.from("name")));
        String api = text(config, "api").orElse(null);
        if (api != null && !KnownDialects.KNOWN.contains(api)) {
            carry.omit(id, "api", api, "no such dialect in this engine (known: "
                    + String.join(", ", KnownDialects.KNOWN) + "); provider not imported");
            return new ImportedProvider(id, null, carry.omissions, carry.actions);
        }
        String providerApi = api != null ? api : "openai-completions";
        draft.api(providerApi, api != null ? carry.from("api")
                : "pi's models.json names no api for the provider; openai-completions is the "
                        + "default here");
        String baseUrl = text(config, "baseUrl").orElse(null);
        if (baseUrl != null) {
            draft.baseUrl(baseUrl, carry.from("baseUrl"));
        }
        boolean keyCarried = apiKey(config, id, baseUrl, draft, carry);
        JsonNode authHeader = config.get("authHeader");
        if (authHeader != null && authHeader.isBoolean()) {
            draft.authHeader(authHeader.asBoolean(), carry.from("authHeader "
                    + authHeader.asBoolean()));
        } else if (keyCarried && KnownDialects.usesBearer(providerApi)) {
            draft.authHeader(true, "pi sends the key as 'Authorization: Bearer' with "
                    + providerApi);
        }
        if (config.has("headers")) {
            carry.headers(id, config.get("headers"), new Carry.HeaderSink() {
                @Override
                public void fromEnv(String header, String envName, String comment) {
                    draft.headerFromEnv(header, envName, comment);
                }

                @Override
                public void literal(String header, String value, String comment) {
                    draft.header(header, value, comment);
                }
            });
        }
        if (config.has("compat")) {
            carry.compat(id, providerApi, config.get("compat"), draft::compat);
        }
        JsonNode overrides = config.get("modelOverrides");
        if (overrides != null && overrides.isObject()) {
            overrides.fieldNames().forEachRemaining(modelId -> carry.omit(id + "/" + modelId,
                    "modelOverrides", "", "patches a model of pi's built-in catalog; a "
                            + "provider file lists whole models: add it under models"));
        }
        JsonNode models = config.get("models");
        if (models != null && models.isArray()) {
            for (JsonNode model : models) {
                model(model, providerApi, draft, carry);
            }
        } else if (models != null) {
            carry.omit(id, "models", "", "not an array");
        }
        return new ImportedProvider(id, draft.build(), carry.omissions, carry.actions);
    }

    /** Carries the key by pi's rules; returns whether the file has a key. */
    private static boolean apiKey(JsonNode config, String id, @Nullable String baseUrl,
            ProviderFileDraft.Builder draft, Carry carry) {
        JsonNode node = config.get("apiKey");
        if (node != null && !node.isNull() && !node.isTextual()) {
            carry.omit(id, "apiKey", "(not shown)", "not a string");
            return false;
        }
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            return false;
        }
        String value = node.asText();
        String variable = ProviderFileDraft.keyVariable(id);
        ConfigValue kind = ConfigValue.of(value);
        switch (kind.kind()) {
            case ENV -> {
                draft.apiKeyFromEnv(kind.envName(), carry.from("apiKey " + kind.envName()
                        + ", an environment variable"));
                return true;
            }
            case COMMAND -> {
                draft.apiKeyFromEnv(variable, "pi ran a shell command for the key; export "
                        + "its output as " + variable);
                carry.omit(id, "apiKey", "(a shell command, not shown)", "provider files read "
                        + "keys from environment variables only; written as ${" + variable
                        + "}");
                carry.action("export " + variable + "=\"$(<the command from pi's apiKey>)\"");
                return true;
            }
            default -> {
                if (ConfigValue.isPlaceholder(value) && isLoopback(baseUrl)) {
                    carry.omit(id, "apiKey", "(a literal, not shown)", "a placeholder for a "
                            + "local server that ignores keys (pi requires one, this engine "
                            + "does not); no key is sent. If the server wants one, add "
                            + "apiKey: ${" + variable + "} and authHeader: true");
                    return false;
                }
                draft.apiKeyFromEnv(variable, "pi had a literal key here; keys are never "
                        + "written to files: export it as " + variable);
                carry.omit(id, "apiKey", "(a literal key, not shown)", "keys are never "
                        + "written to files; written as ${" + variable + "}");
                carry.action("export " + variable + "=<the key from pi's models.json>");
                return true;
            }
        }
    }

    private static void model(JsonNode node, String providerApi, ProviderFileDraft.Builder draft,
            Carry carry) {
        String id = carry.providerId();
        String modelId = text(node, "id").orElse(null);
        if (modelId == null || modelId.isBlank()
                || modelId.codePoints().anyMatch(c -> Character.isWhitespace(c)
                        || Character.isISOControl(c) || Character.isSpaceChar(c))) {
            carry.omit(id, "models[].id", modelId == null ? "" : modelId, "missing or not a "
                    + "valid model id (no whitespace); model not imported");
            return;
        }
        String subject = id + "/" + modelId;
        node.fieldNames().forEachRemaining(key -> {
            if (!MODEL_KEYS.contains(key)) {
                carry.omit(subject, key, Carry.show(node.get(key)), "no equivalent in a "
                        + "provider file");
            }
        });
        ModelDraft.Builder model = ModelDraft.builder(modelId);
        String api = text(node, "api").orElse(null);
        String modelApi = providerApi;
        if (api != null) {
            if (!KnownDialects.KNOWN.contains(api)) {
                carry.omit(subject, "api", api, "no such dialect in this engine (known: "
                        + String.join(", ", KnownDialects.KNOWN) + "); model not imported");
                return;
            }
            if (!api.equals(providerApi)) {
                model.api(api, carry.from("api"));
                modelApi = api;
            }
        }
        text(node, "name").ifPresent(n -> model.name(n, null));
        text(node, "baseUrl").ifPresent(u -> model.baseUrl(u, carry.from("baseUrl")));
        JsonNode reasoning = node.get("reasoning");
        if (reasoning != null && reasoning.isBoolean()) {
            model.reasoning(reasoning.asBoolean(), null);
        }
        input(node.get("input"), subject, model, carry);
        cost(node.get("cost"), subject, model, carry);
        tokens(node, "contextWindow", "contextWindow", subject, carry)
                .ifPresent(t -> model.contextWindow(t, null));
        tokens(node, "maxTokens", "maxTokens", subject, carry)
                .ifPresent(t -> model.maxTokens(t, null));
        if (node.has("headers")) {
            carry.headers(subject, node.get("headers"), new Carry.HeaderSink() {
                @Override
                public void fromEnv(String header, String envName, String comment) {
                    model.headerFromEnv(header, envName, comment);
                }

                @Override
                public void literal(String header, String value, String comment) {
                    model.header(header, value, comment);
                }
            });
        }
        thinking(node.get("thinkingLevelMap"), subject, model, carry);
        if (node.has("compat")) {
            carry.compat(subject, modelApi, node.get("compat"), model::compat);
        }
        draft.model(model.build());
    }

    private static void input(@Nullable JsonNode node, String subject,
            ModelDraft.Builder model, Carry carry) {
        if (node == null || !node.isArray()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (JsonNode item : node) {
            String kind = item.asText();
            if (kind.equals("text") || kind.equals("image")) {
                if (!kept.contains(kind)) {
                    kept.add(kind);
                }
            } else {
                carry.omit(subject, "input", Carry.show(item), "a provider file knows text "
                        + "and image inputs only");
            }
        }
        if (!kept.isEmpty()) {
            model.input(kept, null);
        }
    }

    private static void cost(@Nullable JsonNode node, String subject,
            ModelDraft.Builder model, Carry carry) {
        if (node == null || !node.isObject()) {
            return;
        }
        boolean first = true;
        for (String part : ModelDraft.COST_PARTS) {
            JsonNode price = node.get(part);
            if (price == null) {
                continue;
            }
            if (!price.isNumber() || !(price.asDouble() >= 0)
                    || Double.isInfinite(price.asDouble())) {
                carry.omit(subject, "cost." + part, Carry.show(price), "not a price >= 0");
                continue;
            }
            model.cost(part, price.asDouble(), first ? "USD per 1M tokens, from pi's cost"
                    : null);
            first = false;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!ModelDraft.COST_PARTS.contains(key)) {
                carry.omit(subject, "cost." + key, Carry.show(node.get(key)), "a provider "
                        + "file has flat prices only (input, output, cacheRead, cacheWrite)");
            }
        });
    }

    private static void thinking(@Nullable JsonNode node,
            String subject, ModelDraft.Builder model, Carry carry) {
        if (node == null || !node.isObject()) {
            return;
        }
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> level = it.next();
            String field = "thinkingLevelMap." + level.getKey();
            JsonNode value = level.getValue();
            if (!ModelDraft.THINKING_LEVELS.contains(level.getKey())) {
                carry.omit(subject, field, Carry.show(value), "not a thinking level here ("
                        + String.join(", ", ModelDraft.THINKING_LEVELS) + ")");
            } else if (value.isNull() || (value.isTextual() && !value.asText().isEmpty())) {
                model.thinkingLevel(level.getKey(), value.isNull() ? null : value.asText(),
                        first ? carry.from("thinkingLevelMap") : null);
                first = false;
            } else {
                carry.omit(subject, field, Carry.show(value), "a wire value is a non-empty "
                        + "string or null");
            }
        }
    }

    /** Returns the token count under field, or empty (reported as label) when invalid. */
    static Optional<Long> tokens(JsonNode node, String field, String label, String subject,
            Carry carry) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber() || value.asDouble() < 1 || value.asDouble() > Integer.MAX_VALUE) {
            carry.omit(subject, label, Carry.show(value), "a token count is 1 to 2147483647");
            return Optional.empty();
        }
        return Optional.of((long) Math.floor(value.asDouble()));
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Whether the URL's host is a loopback or unspecified address, where local servers run. */
    static boolean isLoopback(@Nullable String url) {
        if (url == null) {
            return false;
        }
        try {
            String host = URI.create(url).getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.")
                    || host.equals("[::1]") || host.equals("::1") || host.equals("0.0.0.0"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
