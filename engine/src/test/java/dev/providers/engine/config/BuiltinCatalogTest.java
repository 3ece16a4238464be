package dev.providers.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The shipped providers.d is valid, clean and identical to the catalog bundled in the JAR. */
class BuiltinCatalogTest {

    private static final Path SHIPPED = Path.of("..", "providers.d");

    @Test
    void theShippedDirectoryValidatesWithoutAnyDiagnostic() {
        LoadResult result = ProviderLoader.create().load(SHIPPED);
        assertEquals(List.of(), result.diagnostics());
        assertEquals(ProviderLoader.providerFiles(SHIPPED).size(), result.files().size());
    }

    @Test
    void theJarBundlesEveryShippedFile() {
        Set<String> shipped = new TreeSet<>();
        for (Path file : ProviderLoader.providerFiles(SHIPPED)) {
            shipped.add(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        }
        assertEquals(shipped, new TreeSet<>(ProviderLoader.create().builtinProviders().keySet()));
    }

    @Test
    void coversTheLocalServersAndHostedProvidersOfTheSeedDocumentsAndIssue15() {
        Set<String> ids = ProviderLoader.create().builtinProviders().keySet();
        for (String id : List.of("ollama", "vllm", "llama-cpp", "lm-studio", "localai", "tgi",
                "jan", "openai", "deepseek", "groq", "openrouter", "mistral", "together", "xai",
                "azure-openai", "litellm", "text-generation-webui", "sglang", "cerebras",
                "fireworks", "gemini-openai", "cloudflare-workers-ai")) {
            assertTrue(ids.contains(id), id);
        }
    }

    @Test
    void everyBuiltinModelResolvesWithItsCompatFlags() {
        ProviderRegistry registry = ProviderLoader.create().assemble(List.of(), 1).registry();
        int models = 0;
        for (ProviderSpec provider : registry.providers()) {
            assertTrue(provider.isBuiltin(), provider.id());
            assertFalse(provider.models().isEmpty(), provider.id());
            for (ModelSpec model : provider.models()) {
                ResolvedModel resolved = registry.model(
                        dev.providers.engine.ModelRef.of(provider.id(), model.id()));
                assertNotNull(resolved.baseUrl());
                assertEquals(resolved.api(), resolved.compat().api());
                models++;
            }
        }
        assertEquals(registry.modelCount(), models);
    }

    @Test
    void builtinsCarryNoLiteralSecrets() {
        for (ProviderSpec provider : ProviderLoader.create().builtinProviders().values()) {
            if (provider.apiKey() != null && provider.authHeader()) {
                assertFalse(provider.apiKey().envNames().isEmpty(),
                        provider.id() + " ships a literal apiKey");
            }
        }
    }
}
