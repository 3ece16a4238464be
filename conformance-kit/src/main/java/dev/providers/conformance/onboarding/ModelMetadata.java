package dev.providers.conformance.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a server tells about its models, from the model list already fetched and, for
 * local servers, from their own endpoints: llama.cpp {@code GET /props}, LM Studio
 * {@code GET /api/v0/models}, Ollama {@code POST /api/show}. Every value carries a comment
 * naming its source. What a server does not answer is skipped.
 */
final class ModelMetadata {

    /** How many models {@code /api/show} is asked about; the rest keep the list's facts. */
    static final int MAX_SHOW = 20;

    private ModelMetadata() { }

    /** Returns the kind the model list alone reveals, or UNKNOWN. */
    static ServerKind kindFromList(JsonNode list, URI base) {
        String host = base.getHost() == null ? "" : base.getHost();
        if (list.has("models") && !list.has("data")) {
            return ServerKind.GEMINI;
        }
        JsonNode first = list.path("data").path(0);
        if (host.contains("openrouter") || first.has("pricing")
                && first.has("context_length")) {
            return ServerKind.OPENROUTER;
        }
        if (first.has("max_model_len")) {
            return ServerKind.VLLM;
        }
        if ("model".equals(first.path("type").asText()) && first.has("display_name")) {
            return ServerKind.ANTHROPIC;
        }
        if ("llamacpp".equals(first.path("owned_by").asText())) {
            return ServerKind.LLAMA_CPP;
        }
        return ServerKind.UNKNOWN;
    }

    /** Returns the model ids of a model list (OpenAI's data[].id or Gemini's models[].name). */
    static List<String> ids(JsonNode list) {
        if (list.path("data").isArray()) {
            return stream(list.path("data")).map(m -> m.path("id").asText(""))
                    .filter(id -> !id.isBlank() && !id.matches(".*\\s.*")).distinct().toList();
        }
        return stream(list.path("models"))
                .filter(m -> !m.has("supportedGenerationMethods")
                        || contains(m.path("supportedGenerationMethods"), "generateContent"))
                .map(m -> m.path("name").asText("").replaceFirst("^models/", ""))
                .filter(id -> !id.isBlank() && !id.matches(".*\\s.*")).distinct().toList();
    }

    /** Sets the facts the model list itself carries (vLLM, OpenRouter, Anthropic, Gemini). */
    static void fromList(JsonNode list, String path, Map<String, ModelFacts> models) {
        String source = "from GET " + path;
        for (JsonNode entry : (Iterable<JsonNode>) () -> iterator(list.path("data"))) {
            ModelFacts facts = models.get(entry.path("id").asText(""));
            if (facts == null) {
                continue;
            }
            if (entry.has("max_model_len")) {
                facts.contextWindow(entry.path("max_model_len").asLong(), source
                        + ": max_model_len");
            }
            if (entry.has("context_length")) {
                facts.contextWindow(entry.path("context_length").asLong(), source
                        + ": context_length");
            }
            if (entry.path("top_provider").has("max_completion_tokens")) {
                facts.maxTokens(entry.path("top_provider").path("max_completion_tokens")
                        .asLong(), source + ": top_provider.max_completion_tokens");
            }
            JsonNode pricing = entry.path("pricing");
            if (pricing.has("prompt") && pricing.has("completion")) {
                facts.prices(perMillion(pricing.path("prompt")),
                        perMillion(pricing.path("completion")),
                        source + ": pricing.prompt/completion (USD per token) x 1e6");
            }
            JsonNode modalities = entry.path("architecture").path("input_modalities");
            if (modalities.isArray()) {
                facts.image(contains(modalities, "image"), source
                        + ": architecture.input_modalities");
            }
            if (entry.path("supported_parameters").isArray()) {
                facts.reasoning(contains(entry.path("supported_parameters"), "reasoning"),
                        source + ": supported_parameters");
            }
            if (entry.has("display_name")) {
                facts.name(entry.path("display_name").asText(""), source + ": display_name");
            } else if (entry.has("name") && entry.path("name").isTextual()
                    && entry.has("context_length")) {
                facts.name(entry.path("name").asText(""), source + ": name");
            }
        }
        // Gemini's list; llama.cpp adds an Ollama-style "models" next to "data", which is not
        for (JsonNode entry : (Iterable<JsonNode>) () -> iterator(list.has("data") ? null
                : list.path("models"))) {
            ModelFacts facts = models.get(entry.path("name").asText("")
                    .replaceFirst("^models/", ""));
            if (facts == null) {
                continue;
            }
            facts.name(entry.path("displayName").asText(""), source + ": displayName");
            if (entry.has("inputTokenLimit")) {
                facts.contextWindow(entry.path("inputTokenLimit").asLong(), source
                        + ": inputTokenLimit");
            }
            if (entry.has("outputTokenLimit")) {
                facts.maxTokens(entry.path("outputTokenLimit").asLong(), source
                        + ": outputTokenLimit");
            }
            facts.reasoning(entry.path("thinking").asBoolean(false), source + ": thinking");
        }
    }

    /**
     * Asks llama.cpp's {@code GET /props}; returns whether it answered as llama.cpp does. The
     * context size and alias apply to the loaded model (the list's only one, or the alias).
     */
    static boolean fromLlamaProps(ProbeClient client, URI origin, Map<String, String> headers,
            Map<String, ModelFacts> models) {
        ProbeClient.Answer answer = client.get(origin.resolve("/props"), headers);
        JsonNode props = answer.json();
        if (props == null || !props.path("default_generation_settings").has("n_ctx")) {
            return false;
        }
        String alias = props.path("model_alias").asText("");
        ModelFacts facts = models.containsKey(alias) ? models.get(alias)
                : models.size() == 1 ? models.values().iterator().next() : null;
        long nCtx = props.path("default_generation_settings").path("n_ctx").asLong();
        client.annotate(answer, "llama.cpp, n_ctx " + nCtx);
        if (facts == null) {
            return true;
        }
        facts.contextWindow(nCtx, "from GET /props: default_generation_settings.n_ctx");
        if (props.path("modalities").has("vision")) {
            facts.image(props.path("modalities").path("vision").asBoolean(),
                    "from GET /props: modalities.vision");
        }
        String path = props.path("model_path").asText("");
        if (!path.isBlank()) {
            facts.note("llama-server serves " + path.replaceFirst(".*[/\\\\]", "")
                    + " (GET /props: model_path)");
        }
        return true;
    }

    /** Asks LM Studio's {@code GET /api/v0/models}; returns whether it answered. */
    static boolean fromLmStudio(ProbeClient client, URI origin, Map<String, String> headers,
            Map<String, ModelFacts> models) {
        ProbeClient.Answer answer = client.get(origin.resolve("/api/v0/models"), headers);
        JsonNode list = answer.json();
        if (list == null || !list.path("data").isArray()
                || !stream(list.path("data")).anyMatch(m -> m.has("max_context_length"))) {
            return false;
        }
        client.annotate(answer, "LM Studio");
        String source = "from GET /api/v0/models";
        for (JsonNode entry : (Iterable<JsonNode>) () -> iterator(list.path("data"))) {
            ModelFacts facts = models.get(entry.path("id").asText(""));
            if (facts == null) {
                continue;
            }
            facts.contextWindow(entry.path("max_context_length").asLong(), source
                    + ": max_context_length");
            if (entry.has("type")) {
                facts.image("vlm".equals(entry.path("type").asText()), source + ": type "
                        + entry.path("type").asText());
            }
            if (entry.path("capabilities").isArray()) {
                facts.note("LM Studio capabilities: " + String.join(", ",
                        stream(entry.path("capabilities")).map(JsonNode::asText).toList()));
            }
        }
        return true;
    }

    /**
     * Asks Ollama: {@code GET /api/version} tells it is Ollama, then {@code POST /api/show}
     * per model (at most {@link #MAX_SHOW}); returns whether it is Ollama.
     */
    static boolean fromOllama(ProbeClient client, URI origin, Map<String, String> headers,
            Map<String, ModelFacts> models) {
        ProbeClient.Answer version = client.get(origin.resolve("/api/version"), headers);
        JsonNode versionJson = version.json();
        if (versionJson == null || !versionJson.has("version")) {
            return false;
        }
        client.annotate(version, "Ollama " + versionJson.path("version").asText());
        int asked = 0;
        for (ModelFacts facts : models.values()) {
            if (asked++ >= MAX_SHOW || !client.hasTime()) {
                break;
            }
            String body = JsonNodeFactory.instance.objectNode().put("model", facts.id())
                    .toString();
            JsonNode show = client.post(origin.resolve("/api/show"), headers, body).json();
            if (show == null) {
                continue;
            }
            String source = "from POST /api/show";
            for (Iterator<Map.Entry<String, JsonNode>> it = show.path("model_info").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().endsWith(".context_length")) {
                    facts.contextWindow(field.getValue().asLong(), source + ": model_info."
                            + field.getKey());
                }
            }
            JsonNode capabilities = show.path("capabilities");
            if (capabilities.isArray()) {
                facts.image(contains(capabilities, "vision"), source + ": capabilities");
                facts.reasoning(contains(capabilities, "thinking"), source + ": capabilities");
                if (!contains(capabilities, "tools")) {
                    facts.note("Ollama lists no 'tools' capability for this model: tool calls "
                            + "will fail");
                }
            }
        }
        return true;
    }

    static Map<String, ModelFacts> factsFor(List<String> ids) {
        Map<String, ModelFacts> models = new LinkedHashMap<>();
        ids.forEach(id -> models.put(id, new ModelFacts(id)));
        return models;
    }

    private static double perMillion(JsonNode perToken) {
        try {
            // round away binary noise such as 0.15000000000000002
            return Math.round(Double.parseDouble(perToken.asText()) * 1e6 * 1e6) / 1e6;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean contains(JsonNode array, String value) {
        return stream(array).anyMatch(v -> value.equals(v.asText()));
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static Iterator<JsonNode> iterator(@Nullable JsonNode array) {
        return array == null || !array.isArray() ? java.util.Collections.emptyIterator()
                : array.elements();
    }
}
