package dev.providers.examples.llamacpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads llama-server's {@code GET /models}: its own {@code models} array, whose entries name the
 * served model (its {@code --alias}) in {@code model}, beside an OpenAI-style {@code data}
 * array whose entries carry it in {@code id}; either one is enough.
 *
 * <p>Thread-safety: stateless.
 */
final class ModelList {

    /** The path under the base URL. */
    static final String PATH = "models";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelList() { }

    /**
     * Returns the served model ids, in the server's order, each once.
     *
     * @throws IOException if the body is not JSON with a {@code models} or {@code data} array
     */
    static List<String> parse(byte[] body) throws IOException {
        JsonNode root = MAPPER.readTree(body);
        JsonNode models = root == null ? null : root.get("models");
        JsonNode data = root == null ? null : root.get("data");
        boolean ownList = models != null && models.isArray();
        boolean openAiList = data != null && data.isArray();
        if (!ownList && !openAiList) {
            throw new IOException("no 'models' or 'data' array in the model list");
        }
        Set<String> ids = new LinkedHashSet<>();
        if (ownList) {
            for (JsonNode model : models) {
                String id = model.path("model").asText(model.path("name").asText(""));
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        if (openAiList) {
            for (JsonNode model : data) {
                String id = model.path("id").asText("");
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return new ArrayList<>(ids);
    }
}
