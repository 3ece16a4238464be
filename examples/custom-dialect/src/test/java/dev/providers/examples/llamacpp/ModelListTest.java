package dev.providers.examples.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModelListTest {

    /** llama-server's GET /models for the tiny model, as sent (meta shortened). */
    private static final String SERVED = "{\"models\":[{\"name\":\"tiny-llama\","
            + "\"model\":\"tiny-llama\",\"modified_at\":\"\",\"size\":\"\",\"digest\":\"\","
            + "\"type\":\"model\",\"description\":\"\",\"tags\":[\"\"],"
            + "\"capabilities\":[\"completion\"],\"parameters\":\"\",\"details\":{"
            + "\"parent_model\":\"\",\"format\":\"gguf\"}}],\"object\":\"list\",\"data\":[{"
            + "\"id\":\"tiny-llama\",\"aliases\":[\"tiny-llama\"],\"tags\":[],"
            + "\"object\":\"model\",\"created\":1796648259,\"owned_by\":\"llamacpp\","
            + "\"meta\":{\"n_ctx\":4096}}]}";

    private static List<String> parse(String json) throws IOException {
        return ModelList.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the served alias, once, from both arrays")
    void served() throws IOException {
        assertEquals(List.of("tiny-llama"), parse(SERVED));
    }

    @Test
    @DisplayName("either array alone is enough; a name stands in for a missing model")
    void eitherArray() throws IOException {
        assertEquals(List.of("a", "b"), parse("{\"models\":[{\"model\":\"a\"},{\"name\":\"b\"},"
                + "{}]}"));
        assertEquals(List.of("c"), parse("{\"data\":[{\"id\":\"c\"}]}"));
    }

    @Test
    @DisplayName("a body without a list is an IOException")
    void notAList() {
        assertEquals("no 'models' or 'data' array in the model list",
                assertThrows(IOException.class, () -> parse("{\"models\":{}}")).getMessage());
        assertThrows(IOException.class, () -> parse("not json"));
    }
}
