package dev.providers.engine.config;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pi's override rules: redirect a built-in, replace its models, restore it on removal. */
class OverrideRulesTest {

    private static final ProviderLoader LOADER = ProviderLoader.create();

    @TempDir
    Path dir;

    private static ProviderSpec builtin(String id) {
        return LOADER.builtinProviders().get(id);
    }

    @Test
    void aFileWithOnlyBaseUrlRedirectsABuiltinAndKeepsItsModels() {
        ProviderSpec ollama = builtin("ollama");
        write(dir, "ollama.yaml", "id: ollama\nbaseUrl: http://gpu-box:11434/v1\n");
        LoadResult result = LOADER.load(dir);
        assertEquals(List.of(), result.diagnostics());
        ProviderSpec effective = result.registry().provider("ollama").orElseThrow();
        assertEquals("http://gpu-box:11434/v1", effective.baseUrl().toString());
        assertEquals(ollama.models(), effective.models());
        assertEquals(ollama.compat(), effective.compat());
        assertEquals(dir.resolve("ollama.yaml") + ":1:1", effective.origin().toString());
        assertEquals(ollama.origin(), effective.overrides());
        assertTrue(effective.models().get(0).origin().isBuiltin());
    }

    @Test
    void aFileWithHeadersAddsThemToTheBuiltinsHeaders() {
        write(dir, "openai.yaml", "id: openai\nheaders:\n  OpenAI-Organization: ${ORG}\n");
        ProviderSpec effective = LOADER.load(dir).registry().provider("openai").orElseThrow();
        assertEquals(SecretRef.env("ORG"), effective.headers().get("OpenAI-Organization"));
        assertEquals(builtin("openai").apiKey(), effective.apiKey());
        assertEquals(builtin("openai").baseUrl(), effective.baseUrl());
        assertEquals(builtin("openai").models(), effective.models());
    }

    @Test
    void aFileWithModelsReplacesTheBuiltinsModels() {
        write(dir, "ollama.yaml", """
                id: ollama
                models:
                  - id: qwen3:32b
                    contextWindow: 40960
                """);
        ProviderSpec effective = LOADER.load(dir).registry().provider("ollama").orElseThrow();
        assertEquals(List.of("qwen3:32b"), effective.models().stream().map(ModelSpec::id)
                .toList());
        assertEquals(builtin("ollama").baseUrl(), effective.baseUrl());
        assertFalse(effective.models().get(0).origin().isBuiltin());
    }

    @Test
    void removingTheOverrideRestoresTheBuiltin() throws Exception {
        Path file = write(dir, "ollama.yaml", "id: ollama\nbaseUrl: http://elsewhere:1/v1\n");
        assertEquals("http://elsewhere:1/v1", LOADER.load(dir).registry().provider("ollama")
                .orElseThrow().baseUrl().toString());
        Files.delete(file);
        assertEquals(builtin("ollama"), LOADER.load(dir).registry().provider("ollama")
                .orElseThrow());
    }

    @Test
    void anOverrideCanSwitchABuiltinOff() {
        write(dir, "groq.yaml", "id: groq\nenabled: false\n");
        LoadResult result = LOADER.load(dir);
        ProviderSpec groq = result.registry().provider("groq").orElseThrow();
        assertFalse(groq.enabled());
        String model = groq.models().get(0).id();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> result.registry().model(ModelRef.of("groq", model)));
        assertTrue(e.getMessage().startsWith("provider 'groq' is disabled ("), e.getMessage());
    }

    @Test
    void compatFlagsMergePerFlagOverTheBuiltins() {
        write(dir, "deepseek.yaml", "id: deepseek\ncompat:\n  supportsUsageInStreaming: false\n");
        ProviderSpec base = builtin("deepseek");
        ProviderSpec effective = LOADER.load(dir).registry().provider("deepseek").orElseThrow();
        assertEquals(false, effective.compat().get("supportsUsageInStreaming"));
        base.compat().values().forEach((flag, value) -> {
            if (!flag.equals("supportsUsageInStreaming")) {
                assertEquals(value, effective.compat().get(flag), flag);
            }
        });
        assertEquals(dir.resolve("deepseek.yaml") + ":3:3",
                effective.compat().origins().get("supportsUsageInStreaming").toString());
    }

    @Test
    void twoUserFilesWithOneIdAreAnErrorNamingBoth() {
        write(dir, "a.yaml", "id: shared\nbaseUrl: http://a:1/v1\nmodels: [{id: m}]\n");
        write(dir, "b.yaml", "id: shared\nbaseUrl: http://b:1/v1\nmodels: [{id: m}]\n");
        LoadResult result = LOADER.load(dir);
        List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError)
                .toList();
        assertEquals(1, errors.size());
        assertEquals(dir.resolve("b.yaml") + ":1:1: error: /id: provider id 'shared' is also "
                + "declared in " + dir.resolve("a.yaml") + "; each provider lives in exactly one "
                + "file", errors.get(0).format());
        assertEquals("http://a:1/v1", result.registry().provider("shared").orElseThrow()
                .baseUrl().toString());
    }

    @Test
    void twoOverridesOfOneBuiltinAreAlsoAnError() {
        write(dir, "ollama.yaml", "id: ollama\nbaseUrl: http://a:1/v1\n");
        write(dir, "ollama-2.yaml", "id: ollama\nbaseUrl: http://b:1/v1\n");
        assertEquals(1, LOADER.load(dir).errorCount());
    }

    @Test
    void aNewProviderNeedsModelsAndABaseUrl() {
        write(dir, "lonely.yaml", "id: lonely\nbaseUrl: http://x:1/v1\n");
        write(dir, "nowhere.yaml", "id: nowhere\nmodels: [{id: m}]\n");
        write(dir, "partly.yaml", "id: partly\nmodels:\n  - id: a\n    baseUrl: http://x:1/v1\n"
                + "  - id: b\n");
        write(dir, "everywhere.yaml", "id: everywhere\nmodels:\n  - id: a\n"
                + "    baseUrl: http://x:1/v1\n");
        LoadResult result = LOADER.load(dir);
        assertEquals(List.of(
                dir.resolve("lonely.yaml") + ":1:1: error: /id: provider 'lonely' declares no "
                        + "models, and no built-in provider has that id to take them from",
                dir.resolve("nowhere.yaml") + ":1:1: error: /id: no baseUrl for model 'm': set "
                        + "baseUrl on the provider or on every model",
                dir.resolve("partly.yaml") + ":1:1: error: /id: no baseUrl for model 'b': set "
                        + "baseUrl on the provider or on every model"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
        assertTrue(result.registry().provider("everywhere").isPresent());
        assertNull(result.registry().provider("everywhere").orElseThrow().baseUrl());
        assertEquals("http://x:1/v1", result.registry().model(ModelRef.of("everywhere", "a"))
                .baseUrl().toString());
    }

    @Test
    void authHeaderWithoutAKeyIsAnErrorAndAKeyThatIsNeverSentAWarning() {
        write(dir, "nokey.yaml", "id: nokey\nbaseUrl: http://x:1/v1\nauthHeader: true\n"
                + "models: [{id: m}]\n");
        write(dir, "unsent.yaml", "id: unsent\nbaseUrl: http://x:1/v1\napiKey: ${K}\n"
                + "authHeader: false\nmodels: [{id: m}]\n");
        LoadResult result = LOADER.load(dir);
        assertEquals(List.of(
                dir.resolve("nokey.yaml") + ":3:1: error: /authHeader: authHeader is true but no "
                        + "apiKey, apiKeys or auth is set",
                dir.resolve("unsent.yaml") + ":3:1: warning: /apiKey: apiKey is never sent "
                        + "because authHeader is false and no header carries it; drop "
                        + "'authHeader: false' or pass the key in headers"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
        assertFalse(result.registry().provider("nokey").isPresent());
        assertTrue(result.registry().provider("unsent").isPresent());
    }

    @Test
    void aRejectedOverrideLeavesTheBuiltinInPlace() {
        write(dir, "ollama.yaml", "id: ollama\nbaseUrl: not a url\n");
        LoadResult result = LOADER.load(dir);
        assertTrue(result.hasErrors());
        assertEquals(builtin("ollama"), result.registry().provider("ollama").orElseThrow());
    }
}
