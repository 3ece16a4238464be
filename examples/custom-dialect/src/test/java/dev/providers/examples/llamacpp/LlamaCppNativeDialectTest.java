package dev.providers.examples.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.engine.spec.EffectiveCompat;
import dev.providers.engine.spec.EffectiveCompat.Source;
import dev.providers.engine.spec.EffectiveCompat.Value;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.Dialects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LlamaCppNativeDialectTest {

    @Test
    @DisplayName("the service file makes the dialect known to the engine by its api id")
    void discovered() {
        Dialect dialect = Dialects.require("llama-cpp-native");
        assertEquals(LlamaCppNativeDialect.class, dialect.getClass());
        assertTrue(Dialects.ids().contains("llama-cpp-native"), Dialects.ids()::toString);
        assertSame(dialect, Dialects.require(LlamaCppNativeDialect.API), "one instance per JVM");
        List<String> services = ServiceLoader.load(Dialect.class).stream()
                .map(provider -> provider.type().getName()).toList();
        assertTrue(services.contains(LlamaCppNativeDialect.class.getName()),
                services::toString);
    }

    @Test
    @DisplayName("the compat schema: two flags, each with a type, a default and a description")
    void compatSchema() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(new LlamaCppNativeDialect().compatSchema());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema")
                .asText());
        assertEquals("object", schema.path("type").asText());
        assertFalse(schema.path("additionalProperties").asBoolean(true));
        List<String> flags = new ArrayList<>();
        for (Map.Entry<String, JsonNode> flag : schema.path("properties").properties()) {
            flags.add(flag.getKey());
            assertTrue(flag.getValue().has("default"), flag::toString);
            assertTrue(flag.getValue().path("description").asText().length() > 40,
                    flag::toString);
            assertTrue(flag.getValue().has("type"), flag::toString);
        }
        assertEquals(List.of("promptTemplate", "cachePrompt"), flags);
        assertEquals("chatml", schema.at("/properties/promptTemplate/default").asText());
        List<String> choices = new ArrayList<>();
        schema.at("/properties/promptTemplate/enum").forEach(v -> choices.add(v.asText()));
        assertEquals(List.of("chatml", "llama3", "plain"), choices);
        for (String choice : choices) {
            assertNotNull(PromptTemplate.of(choice), "every choice names a template");
        }
        assertTrue(schema.at("/properties/cachePrompt/default").asBoolean(false));
    }

    @Test
    @DisplayName("the resolved flags are read once into the model's settings")
    void flags() {
        Map<String, Value> values = new LinkedHashMap<>();
        values.put("promptTemplate", new Value("llama3", Source.MODEL, null));
        values.put("cachePrompt", new Value(false, Source.PROVIDER, null));
        assertEquals(new NativeCompat(PromptTemplate.LLAMA3, false),
                NativeCompat.of(new EffectiveCompat("llama-cpp-native", values)));
        Map<String, Value> defaults = new LinkedHashMap<>();
        defaults.put("promptTemplate", new Value("chatml", Source.DEFAULT, null));
        defaults.put("cachePrompt", new Value(true, Source.DEFAULT, null));
        assertEquals(NativeCompat.DEFAULTS,
                NativeCompat.of(new EffectiveCompat("llama-cpp-native", defaults)));
    }

    @Test
    @DisplayName("the key goes in a bearer header; models are listed at GET /models")
    void authAndModels() {
        LlamaCppNativeDialect dialect = new LlamaCppNativeDialect();
        assertEquals(Map.of("Authorization", "Bearer sk-123"), dialect.authHeaders("sk-123"));
        assertEquals("models", dialect.modelsPath());
    }
}
