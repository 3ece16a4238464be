package dev.providers.conformance.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderFileDraftTest {

    @TempDir
    Path dir;

    private static ProviderFileDraft fullDraft() {
        return ProviderFileDraft.builder("my-llm")
                .description("Imported from pi's models.json.\nCheck the prices before relying "
                        + "on cost reports.")
                .name("My LLM", null)
                .api("openai-completions", "pi: api openai-completions")
                .baseUrl("http://127.0.0.1:8080/v1", "pi: baseUrl")
                .apiKeyFromEnv("MY_LLM_API_KEY", "pi: apiKey MY_LLM_API_KEY (an environment "
                        + "variable)")
                .authHeader(true, "pi: authHeader true")
                .headerFromEnv("X-Portkey-Api-Key", "PORTKEY_API_KEY", null)
                .header("X-Title", "costs ${not} a key", "not a secret")
                .compat("supportsDeveloperRole", false, "pi: compat.supportsDeveloperRole")
                .compat("omitFields", List.of("logprobs", "top_logprobs"), null)
                .compat("openRouterRouting", Map.of("only", List.of("anthropic")), null)
                .model(ModelDraft.builder("qwen3:8b")
                        .note("the first model")
                        .name("Qwen3 8B", null)
                        .reasoning(true, null)
                        .input(List.of("text", "image"), "from models.dev: modalities.input")
                        .maxTokens(8192, "from models.dev: limit.output")
                        .contextWindow(40960, "from models.dev: limit.context")
                        .cost("output", 0.59, null)
                        .cost("input", 0.29, "USD per 1M tokens")
                        .cost("cacheRead", 0.1, null)
                        .thinkingLevel("high", "high", null)
                        .thinkingLevel("off", "none", "pi: thinkingLevelMap")
                        .thinkingLevel("minimal", null, null)
                        .compat("thinkingFormat", "qwen-chat-template", null)
                        .build())
                .model(ModelDraft.builder("2024-model").build())
                .build();
    }

    @Test
    void rendersTheModelineCommentsAndKeysInTheSchemasOrder() {
        String expected = """
                # yaml-language-server: $schema=https://providers.dev/schemas/provider.schema.json
                #
                # Imported from pi's models.json.
                # Check the prices before relying on cost reports.
                id: my-llm
                name: My LLM
                # pi: api openai-completions
                api: openai-completions
                # pi: baseUrl
                baseUrl: http://127.0.0.1:8080/v1
                # pi: apiKey MY_LLM_API_KEY (an environment variable)
                apiKey: ${MY_LLM_API_KEY}
                # pi: authHeader true
                authHeader: true
                headers:
                  X-Portkey-Api-Key: ${PORTKEY_API_KEY}
                  # not a secret
                  X-Title: "costs $${not} a key"
                compat:
                  # pi: compat.supportsDeveloperRole
                  supportsDeveloperRole: false
                  omitFields: [logprobs, top_logprobs]
                  openRouterRouting: {only: [anthropic]}
                models:
                  # the first model
                  - id: qwen3:8b
                    name: Qwen3 8B
                    reasoning: true
                    # from models.dev: modalities.input
                    input: [text, image]
                    # USD per 1M tokens
                    cost:
                      input: 0.29
                      output: 0.59
                      cacheRead: 0.1
                    # from models.dev: limit.context
                    contextWindow: 40960
                    # from models.dev: limit.output
                    maxTokens: 8192
                    # pi: thinkingLevelMap
                    thinkingLevelMap:
                      "off": none
                      minimal: null
                      high: high
                    compat:
                      thinkingFormat: qwen-chat-template
                  - id: "2024-model"
                """;
        assertEquals(expected, fullDraft().toYaml());
    }

    @Test
    void aWrittenDraftLoadsWithoutAnyDiagnostic() throws Exception {
        Path file = fullDraft().writeTo(dir, false);
        assertEquals(dir.resolve("my-llm.yaml"), file);
        LoadResult result = ProviderLoader.create().load(List.of(file));
        assertEquals(List.of(), result.diagnostics());
        ProviderSpec provider = result.registry().provider("my-llm").orElseThrow();
        assertEquals("http://127.0.0.1:8080/v1", provider.baseUrl().toString());
        assertEquals(java.util.Set.of("MY_LLM_API_KEY"), provider.apiKey().envNames());
        ModelSpec model = provider.models().get(0);
        assertEquals("qwen3:8b", model.id());
        assertEquals(Integer.valueOf(40960), model.contextWindow());
    }

    @Test
    void neverOverwritesAnExistingFileUnlessAsked() throws Exception {
        Files.writeString(dir.resolve("my-llm.yaml"), "id: mine\n");
        assertThrows(FileAlreadyExistsException.class, () -> fullDraft().writeTo(dir, false));
        assertEquals("id: mine\n", Files.readString(dir.resolve("my-llm.yaml")));
        fullDraft().writeTo(dir, true);
        assertTrue(Files.readString(dir.resolve("my-llm.yaml")).startsWith("# yaml-language"));
    }

    @Test
    void theModelinePointsAtTheSchemasId() throws Exception {
        String id = new ObjectMapper().readTree(Path.of("..", "schemas",
                "provider.schema.json").toFile()).get("$id").asText();
        assertEquals(id, ProviderFileDraft.SCHEMA_URL);
    }

    @Test
    void aKeyCanOnlyBeAnEnvironmentReference() {
        ProviderFileDraft.Builder builder = ProviderFileDraft.builder("x");
        assertThrows(IllegalArgumentException.class,
                () -> builder.apiKeyFromEnv("sk-live-123", null));
        assertThrows(IllegalArgumentException.class,
                () -> builder.header("X-A", "line\nbreak", null));
        assertFalse(builder.build().toYaml().contains("sk-live-123"));
    }

    @Test
    void rejectsInvalidIdsAndValuesAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> ProviderFileDraft.builder("My LLM"));
        assertEquals("my-llm", ProviderFileDraft.idFrom("My LLM!"));
        assertEquals("provider", ProviderFileDraft.idFrom("???"));
        assertThrows(IllegalArgumentException.class, () -> ModelDraft.builder("a b"));
        assertThrows(IllegalArgumentException.class,
                () -> ModelDraft.builder("m").contextWindow(0, null));
        assertThrows(IllegalArgumentException.class,
                () -> ModelDraft.builder("m").thinkingLevel("ultra", "x", null));
        assertThrows(IllegalArgumentException.class,
                () -> ModelDraft.builder("m").input(List.of("audio"), null));
        assertEquals("MY_LLM_V2_API_KEY", ProviderFileDraft.keyVariable("my-llm.v2"));
    }

    @Test
    void quotesWhatYamlWouldReadAsAnotherType() {
        String yaml = ProviderFileDraft.builder("y").name("yes", null).name("no", null)
                .compat("x", List.of("on", "1.5", "a: b", "#c", "k:v"), null)
                .model(ModelDraft.builder("m").name("a #b", null).build()).build().toYaml();
        assertTrue(yaml.contains("name: \"no\"\n"), yaml);
        assertTrue(yaml.contains("x: [\"on\", \"1.5\", \"a: b\", \"#c\", \"k:v\"]"), yaml);
        assertTrue(yaml.contains("name: \"a #b\"\n"), yaml);
    }
}
