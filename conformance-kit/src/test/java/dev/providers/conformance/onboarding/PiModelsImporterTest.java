package dev.providers.conformance.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiModelsImporterTest {

    static final Path SAMPLE = Path.of("src", "test", "resources", "onboarding",
            "pi-models.json");

    @TempDir
    Path dir;

    private static ImportedProvider provider(String id) throws ImportException {
        return PiModelsImporter.read(SAMPLE).stream().filter(p -> p.id().equals(id))
                .findFirst().orElseThrow();
    }

    @Test
    void carriesALocalOllamaEntryKeyByKeyWithItsOrigins() throws Exception {
        ImportedProvider ollama = provider("ollama");
        String expected = """
                # yaml-language-server: $schema=https://providers.dev/schemas/provider.schema.json
                #
                # Imported from pi's models.json (provider 'ollama') by `conformance import`.
                # Comments name the pi field each value came from. Check it with `conformance \
                validate` and
                # `conformance --provider ollama`.
                id: ollama
                # pi: api
                api: openai-completions
                # pi: baseUrl
                baseUrl: http://localhost:11434/v1
                compat:
                  # pi: compat.supportsDeveloperRole
                  supportsDeveloperRole: false
                models:
                  - id: llama3.1:8b
                    name: Llama 3.1 8B (Local)
                    reasoning: false
                    input: [text]
                    # USD per 1M tokens, from pi's cost
                    cost:
                      input: 0
                      output: 0
                      cacheRead: 0
                      cacheWrite: 0
                    contextWindow: 128000
                    maxTokens: 32000
                  - id: qwen3:8b
                    reasoning: true
                    # pi: thinkingLevelMap
                    thinkingLevelMap:
                      "off": none
                      minimal: null
                      xhigh: null
                    compat:
                      # pi: compat.thinkingFormat
                      thinkingFormat: qwen
                """;
        assertEquals(expected, ollama.draft().toYaml());
        LoadResult loaded = ProviderLoader.create().load(List.of(ollama.draft().writeTo(dir,
                false)));
        assertEquals(List.of(), loaded.diagnostics());
        assertEquals(List.of(), ollama.actions());
    }

    @Test
    void everyOpenAiCompletionsEntryLoadsWithoutErrors() throws Exception {
        for (ImportedProvider imported : PiModelsImporter.read(SAMPLE)) {
            if (imported.draft() == null
                    || !imported.draft().toYaml().contains("\napi: openai-completions\n")) {
                continue;
            }
            Path file = imported.draft().writeTo(dir, false);
            LoadResult loaded = ProviderLoader.create().load(List.of(file));
            assertEquals(List.of(), loaded.diagnostics(), imported.id());
        }
        assertTrue(Files.exists(dir.resolve("llama-server.yaml")));
    }

    @Test
    void aProviderWithAnUnknownApiIsNotImported() throws Exception {
        ImportedProvider bedrock = provider("bedrock");
        assertNull(bedrock.draft());
        assertEquals("api", bedrock.omissions().get(0).field());
    }

    @Test
    void readsPisThreeValueForms() {
        assertEquals(ConfigValue.Kind.ENV, ConfigValue.of("MY_API_KEY").kind());
        assertEquals("MY_API_KEY", ConfigValue.of("${MY_API_KEY}").envName());
        assertEquals("MY_API_KEY", ConfigValue.of("$MY_API_KEY").envName());
        assertEquals(ConfigValue.Kind.COMMAND, ConfigValue.of("!op read x").kind());
        assertEquals(ConfigValue.Kind.LITERAL, ConfigValue.of("sk-abc").kind());
        assertEquals(ConfigValue.Kind.LITERAL, ConfigValue.of("my_key").kind());
        assertTrue(PiModelsImporter.isLoopback("http://[::1]:8080/v1"));
        assertTrue(ConfigValue.mayBeSecret("X-Api-Key", "abc"));
        assertTrue(ConfigValue.mayBeSecret("X-Whatever", "Bearer abc"));
        assertTrue(!ConfigValue.mayBeSecret("X-Title", "my app"));
    }

    @Test
    void rejectsAnInputThatIsNotPisFormat() throws Exception {
        Path other = Files.writeString(dir.resolve("x.json"), "[1, 2]");
        ImportException e = assertThrows(ImportException.class,
                () -> PiModelsImporter.read(other));
        assertEquals(other + ":1:1: expected a JSON object", e.getMessage());
    }
}
