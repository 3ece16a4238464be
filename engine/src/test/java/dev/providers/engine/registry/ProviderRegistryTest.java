package dev.providers.engine.registry;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.spec.SecretRef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderRegistryTest {

    @TempDir
    Path dir;

    private ProviderRegistry registry() {
        write(dir, "my-llm.yaml", """
                id: my-llm
                baseUrl: http://vllm:8000/v1
                headers: {X-Team: search, X-Override: provider}
                models:
                  - id: Qwen/Qwen3-8B
                    headers: {x-override: model}
                  - id: other
                    baseUrl: http://other:1/v1
                    api: openai-completions
                """);
        return ProviderLoader.withoutBuiltins().load(dir).requireValid();
    }

    @Test
    void resolvesModelIdsThatContainSlashes() {
        ResolvedModel model = registry().model(ModelRef.parse("my-llm/Qwen/Qwen3-8B"));
        assertEquals("Qwen/Qwen3-8B", model.model().id());
        assertEquals("http://vllm:8000/v1", model.baseUrl().toString());
        assertEquals("openai-completions", model.api());
        assertEquals(ModelRef.of("my-llm", "Qwen/Qwen3-8B"), model.ref());
    }

    @Test
    void modelHeadersOverrideProviderHeadersCaseInsensitively() {
        ResolvedModel model = registry().model(ModelRef.parse("my-llm/Qwen/Qwen3-8B"));
        assertEquals(List.of("X-Team", "x-override"), List.copyOf(model.headers().keySet()));
        assertEquals(SecretRef.parse("model"), model.headers().get("x-override"));
    }

    @Test
    void modelBaseUrlWins() {
        assertEquals("http://other:1/v1",
                registry().model(ModelRef.of("my-llm", "other")).baseUrl().toString());
    }

    @Test
    void anUnknownModelListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry().model(ModelRef.of("my-llm", "qwen3")));
        assertEquals("unknown model 'qwen3' for provider my-llm; known: Qwen/Qwen3-8B, other",
                e.getMessage());
    }

    @Test
    void anUnknownProviderSuggestsAndListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry().model(ModelRef.of("my-lm", "x")));
        assertEquals("unknown provider 'my-lm' (did you mean 'my-llm'?); known providers: my-llm",
                e.getMessage());
    }

    @Test
    void modelRefsParseAtTheFirstSlash() {
        assertEquals(ModelRef.of("openrouter", "anthropic/claude"),
                ModelRef.parse("openrouter/anthropic/claude"));
        assertThrows(IllegalArgumentException.class, () -> ModelRef.parse("no-slash"));
        assertThrows(IllegalArgumentException.class, () -> ModelRef.parse("/m"));
        assertThrows(IllegalArgumentException.class, () -> ModelRef.parse("p/"));
        assertTrue(registry().find(ModelRef.of("my-llm", "none")).isEmpty());
    }
}
