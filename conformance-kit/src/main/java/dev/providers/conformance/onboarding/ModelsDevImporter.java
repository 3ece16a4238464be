package dev.providers.conformance.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.config.ProviderLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports providers from a downloaded copy of models.dev's catalog ({@code api.json}: an object
 * keyed by provider id, each with {@code name}, {@code api} (the base URL), {@code env},
 * {@code npm}, {@code doc} and {@code models}). The {@code npm} package decides the dialect
 * ({@link SdkPackage}); {@code env[0]} becomes the key's variable; each model carries
 * {@code name}, {@code reasoning}, {@code modalities.input}, {@code cost} and {@code limit}.
 *
 * <p>Thread-safety: immutable after {@link #read(Path)}.
 */
public final class ModelsDevImporter {

    private static final String SOURCE = "models.dev";
    private static final Map<String, String> COST_PARTS = Map.of("input", "input", "output",
            "output", "cache_read", "cacheRead", "cache_write", "cacheWrite");

    private final Path file;
    private final Map<String, JsonNode> providers;

    private ModelsDevImporter(Path file, Map<String, JsonNode> providers) {
        this.file = file;
        this.providers = providers;
    }

    /**
     * Reads the catalog (the object of providers itself, or one under {@code "providers"}).
     *
     * @throws ImportException if the file cannot be read or holds no provider entries
     */
    public static ModelsDevImporter read(Path file) throws ImportException {
        ObjectNode root = ImportInput.read(file);
        JsonNode top = root.has("providers") && root.get("providers").isObject()
                && !root.get("providers").has("models") ? root.get("providers") : root;
        Map<String, JsonNode> providers = new LinkedHashMap<>();
        top.fields().forEachRemaining(e -> {
            if (e.getValue().isObject() && e.getValue().has("models")) {
                providers.put(e.getKey(), e.getValue());
            }
        });
        if (providers.isEmpty()) {
            throw new ImportException(file + ": expected models.dev's api.json, an object of "
                    + "providers that each have \"models\"");
        }
        return new ModelsDevImporter(file, providers);
    }

    /** Returns the catalog's provider ids with their names and model counts, in file order. */
    public List<String> listing() {
        List<String> lines = new ArrayList<>();
        providers.forEach((id, node) -> lines.add(id + "  " + node.path("name").asText(id)
                + " (" + node.path("models").size() + " models, npm "
                + node.path("npm").asText("?") + ")"));
        return lines;
    }

    /** Returns the catalog's provider ids, in file order. */
    public List<String> providerIds() {
        return List.copyOf(providers.keySet());
    }

    /**
     * Imports the named providers, in the order named; {@code all} alone imports every one.
     *
     * @throws ImportException naming the ids the catalog does not have
     */
    public List<ImportedProvider> importProviders(List<String> only) throws ImportException {
        List<String> ids = only.equals(List.of("all")) ? providerIds() : only;
        List<String> unknown = ids.stream().filter(id -> !providers.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new ImportException(file + ": no provider " + String.join(", ", unknown)
                    + " in this catalog; `conformance import models.dev " + file
                    + "` lists them");
        }
        Set<String> builtins = ProviderLoader.create().builtinProviders().keySet();
        List<ImportedProvider> imported = new ArrayList<>();
        for (String id : ids) {
            imported.add(provider(id, providers.get(id), builtins));
        }
        return imported;
    }

    private static ImportedProvider provider(String key, JsonNode node, Set<String> builtins) {
        String id = ProviderFileDraft.idFrom(key);
        Carry carry = new Carry(id, SOURCE);
        ProviderFileDraft.Builder draft = ProviderFileDraft.builder(id);
        StringBuilder description = new StringBuilder("Imported from models.dev's api.json "
                + "(provider '" + key + "') by `conformance import`.");
        PiModelsImporter.text(node, "doc").ifPresent(doc -> description.append("\nDocs: ")
                .append(doc));
        if (builtins.contains(id)) {
            description.append("\nThis file overrides the built-in provider '").append(id)
                    .append("': its compat flags are kept, its models are replaced by these.");
        }
        description.append("\nPrices and limits are models.dev's; check them before relying "
                + "on cost reports.");
        draft.description(description.toString());
        if (!id.equals(key)) {
            carry.omit(id, "(provider id)", key, "not a valid provider id; written as '" + id
                    + "'");
        }
        PiModelsImporter.text(node, "name").ifPresent(n -> draft.name(n, null));
        String npm = PiModelsImporter.text(node, "npm").orElse("");
        Optional<SdkPackage> sdk = SdkPackage.of(npm);
        if (sdk.isEmpty()) {
            carry.omit(id, "npm", npm, "no dialect in this engine for this AI SDK package; "
                    + "provider not imported");
            return new ImportedProvider(id, null, carry.omissions, carry.actions);
        }
        String api = sdk.get().api();
        draft.api(api, carry.from("npm " + npm));
        String baseUrl = PiModelsImporter.text(node, "api").orElse(null);
        if (baseUrl != null) {
            draft.baseUrl(baseUrl, carry.from("api"));
        } else if (sdk.get().defaultBaseUrl() != null && !builtins.contains(id)) {
            draft.baseUrl(sdk.get().defaultBaseUrl(), "the default base URL of " + npm
                    + " (models.dev names none)");
        } else if (!builtins.contains(id)) {
            carry.omit(id, "api", "", "no base URL; set baseUrl in the file");
        }
        JsonNode env = node.path("env");
        if (env.isArray() && env.size() > 0) {
            String variable = env.get(0).asText();
            if (Secrets.ENV_NAME.matcher(variable).matches()) {
                draft.apiKeyFromEnv(variable, carry.from("env[0]"));
                if (KnownDialects.usesBearer(api)) {
                    draft.authHeader(true, api + " sends the key as 'Authorization: Bearer'");
                }
            } else {
                carry.omit(id, "env[0]", variable, "not an environment variable name");
            }
            for (int i = 1; i < env.size(); i++) {
                carry.omit(id, "env[" + i + "]", env.get(i).asText(), "a provider file reads "
                        + "one key; other settings this variable holds go into baseUrl or "
                        + "headers by hand");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> models = node.path("models").fields();
        while (models.hasNext()) {
            Map.Entry<String, JsonNode> model = models.next();
            model(model.getKey(), model.getValue(), api, draft, carry);
        }
        return new ImportedProvider(id, draft.build(), carry.omissions, carry.actions);
    }

    private static void model(String key, JsonNode node, String providerApi,
            ProviderFileDraft.Builder draft, Carry carry) {
        String modelId = PiModelsImporter.text(node, "id").orElse(key);
        String subject = carry.providerId() + "/" + modelId;
        if (modelId.isBlank() || modelId.codePoints().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c) || Character.isSpaceChar(c))) {
            carry.omit(subject, "id", modelId, "not a valid model id (no whitespace); model "
                    + "not imported");
            return;
        }
        ModelDraft.Builder model = ModelDraft.builder(modelId);
        JsonNode override = node.path("provider");
        if (override.isObject()) {
            String npm = override.path("npm").asText("");
            if (!npm.isEmpty()) {
                Optional<SdkPackage> sdk = SdkPackage.of(npm);
                if (sdk.isEmpty()) {
                    carry.omit(subject, "provider.npm", npm, "no dialect in this engine for "
                            + "this AI SDK package; model not imported");
                    return;
                }
                if (!sdk.get().api().equals(providerApi)) {
                    model.api(sdk.get().api(), carry.from("provider.npm " + npm));
                }
            }
            PiModelsImporter.text(override, "api")
                    .ifPresent(url -> model.baseUrl(url, carry.from("provider.api")));
        }
        PiModelsImporter.text(node, "name").ifPresent(n -> model.name(n, null));
        JsonNode reasoning = node.get("reasoning");
        if (reasoning != null && reasoning.isBoolean()) {
            model.reasoning(reasoning.asBoolean(), null);
        }
        input(node, subject, model, carry);
        cost(node.path("cost"), subject, model, carry);
        JsonNode limit = node.path("limit");
        PiModelsImporter.tokens(limit, "context", "limit.context", subject, carry)
                .ifPresent(t -> model.contextWindow(t, carry.from("limit.context")));
        PiModelsImporter.tokens(limit, "output", "limit.output", subject, carry)
                .ifPresent(t -> model.maxTokens(t, carry.from("limit.output")));
        if (limit.has("input")) {
            carry.omit(subject, "limit.input", Carry.show(limit.get("input")), "a provider "
                    + "file has contextWindow (limit.context) and maxTokens only");
        }
        if (node.path("tool_call").isBoolean() && !node.path("tool_call").asBoolean()) {
            carry.omit(subject, "tool_call", "false", "a provider file cannot mark a model "
                    + "without tools; requests with tools will fail on it");
        }
        if (node.path("interleaved").isObject() || node.path("interleaved").asBoolean()) {
            carry.omit(subject, "interleaved", Carry.show(node.get("interleaved")), "the field "
                    + "earlier thinking is replayed in is a compat flag here "
                    + "(reasoningReplayField); set it if the server needs it");
        }
        PiModelsImporter.text(node, "status").ifPresent(status -> carry.omit(subject, "status",
                status, "imported anyway; remove the model if the provider has retired it"));
        draft.model(model.build());
    }

    private static void input(JsonNode node, String subject, ModelDraft.Builder model,
            Carry carry) {
        JsonNode modalities = node.path("modalities").path("input");
        if (!modalities.isArray()) {
            if (node.path("attachment").asBoolean(false)) {
                carry.omit(subject, "attachment", "true", "without modalities.input the "
                        + "model is imported as text-only");
            }
            return;
        }
        List<String> kept = new ArrayList<>();
        for (JsonNode item : modalities) {
            String kind = item.asText();
            if (kind.equals("text") || kind.equals("image")) {
                kept.add(kind);
            } else {
                carry.omit(subject, "modalities.input", kind, "a provider file knows text and "
                        + "image inputs only");
            }
        }
        if (!kept.isEmpty()) {
            model.input(kept, kept.contains("image") ? carry.from("modalities.input") : null);
        }
    }

    private static void cost(JsonNode cost, String subject, ModelDraft.Builder model,
            Carry carry) {
        if (!cost.isObject()) {
            return;
        }
        boolean first = true;
        for (String part : List.of("input", "output", "cache_read", "cache_write")) {
            JsonNode price = cost.get(part);
            if (price == null) {
                continue;
            }
            if (!price.isNumber() || !(price.asDouble() >= 0)
                    || Double.isInfinite(price.asDouble())) {
                carry.omit(subject, "cost." + part, Carry.show(price), "not a price >= 0");
                continue;
            }
            model.cost(COST_PARTS.get(part), price.asDouble(),
                    first ? "USD per 1M tokens, from models.dev: cost" : null);
            first = false;
        }
        cost.fieldNames().forEachRemaining(part -> {
            if (!COST_PARTS.containsKey(part)) {
                carry.omit(subject, "cost." + part, Carry.show(cost.get(part)), "a provider "
                        + "file has flat prices only (input, output, cacheRead, cacheWrite)");
            }
        });
    }

    @Override
    public String toString() {
        return "ModelsDevImporter[" + file + ", " + providers.size() + " providers]";
    }
}
