package dev.providers.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Readers of common model-list shapes, for {@link Dialect#parseModels}. */
public final class ModelLists {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelLists() { }

    /**
     * Reads OpenAI's shape, {@code {"data": [{"id": ...}]}} (also Anthropic's).
     *
     * @throws IOException if the body is not JSON of that shape
     */
    public static List<String> openAi(byte[] body) throws IOException {
        JsonNode root = MAPPER.readTree(body);
        JsonNode data = root == null ? null : root.path("data");
        if (data == null || !data.isArray()) {
            throw new IOException("no 'data' array");
        }
        List<String> ids = new ArrayList<>();
        data.forEach(model -> ids.add(model.path("id").asText()));
        return ids;
    }
}
