package dev.providers.engine.internal.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code GET {baseUrl}/models} ({@code docs/dialects/google-generative-ai.md} §7):
 * {@code {"models": [{"name": "models/…", "inputTokenLimit", "outputTokenLimit",
 * "supportedGenerationMethods", …}], "nextPageToken"}}. Ids are the names without
 * {@code models/}; the next page is asked for with {@code pageToken}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param models the models of the page
 * @param nextPageToken the token of the next page, or null on the last page
 */
record ModelList(List<Entry> models, @Nullable String nextPageToken) {

    /**
     * One listed model.
     *
     * @param id the id a provider file declares ({@code gemini-2.5-flash})
     * @param inputTokenLimit the context window the server reports, or null
     * @param outputTokenLimit the output limit the server reports, or null
     * @param methods the generation methods it supports ({@code generateContent}, …)
     */
    record Entry(String id, @Nullable Integer inputTokenLimit, @Nullable Integer outputTokenLimit,
            List<String> methods) {

        /** Copies the methods. */
        Entry {
            methods = List.copyOf(methods);
        }
    }

    /** Copies the models. */
    ModelList {
        models = List.copyOf(models);
    }

    /**
     * Reads a page.
     *
     * @throws IOException if the body is not JSON with a {@code models} array (an empty page may
     *     leave the array out)
     */
    static ModelList parse(byte[] body) throws IOException {
        JsonNode root = GeminiJson.MAPPER.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        JsonNode models = root.path("models");
        if (!models.isMissingNode() && !models.isArray()) {
            throw new IOException("'models' is not an array");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode model : models) {
            String name = model.path("name").asText("");
            if (name.isEmpty()) {
                continue;
            }
            List<String> methods = new ArrayList<>();
            model.path("supportedGenerationMethods").forEach(m -> methods.add(m.asText()));
            entries.add(new Entry(name.startsWith("models/") ? name.substring(7) : name,
                    limit(model.path("inputTokenLimit")), limit(model.path("outputTokenLimit")),
                    methods));
        }
        String token = root.path("nextPageToken").asText("");
        return new ModelList(entries, token.isEmpty() ? null : token);
    }

    /** Returns the ids of the models on the page. */
    List<String> ids() {
        return models.stream().map(Entry::id).toList();
    }

    /** Returns the query of the next page, or an empty map on the last one. */
    Map<String, String> nextPage() {
        return nextPageToken == null ? Map.of() : Map.of("pageToken", nextPageToken);
    }

    private static @Nullable Integer limit(JsonNode value) {
        return value.canConvertToInt() ? value.intValue() : null;
    }
}
