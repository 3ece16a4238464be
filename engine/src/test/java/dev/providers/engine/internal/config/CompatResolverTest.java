package dev.providers.engine.internal.config;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.providers.engine.ModelRef;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.spec.EffectiveCompat;
import dev.providers.engine.spec.EffectiveCompat.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model compat > provider compat > schema default, per flag (pi issues #2946, #6238). */
class CompatResolverTest {

    @TempDir
    Path dir;

    private EffectiveCompat resolve(String model) {
        write(dir, "gw.yaml", """
                id: gw
                baseUrl: http://gateway:4000/v1
                compat:
                  supportsDeveloperRole: true
                  maxTokensField: max_completion_tokens
                  chatTemplateKwargs: {enable_thinking: false, keep: 1}
                models:
                  - id: plain
                  - id: strict
                    compat:
                      supportsDeveloperRole: false
                      chatTemplateKwargs: {enable_thinking: true}
                """);
        LoadResult result = ProviderLoader.withoutBuiltins().load(dir);
        assertEquals(List.of(), result.diagnostics());
        return result.registry().model(ModelRef.of("gw", model)).compat();
    }

    @Test
    void anExplicitModelFalseBeatsAProviderTrue() {
        EffectiveCompat compat = resolve("strict");
        assertEquals(false, compat.get("supportsDeveloperRole"));
        assertEquals(Source.MODEL, compat.entry("supportsDeveloperRole").source());
        assertEquals(dir.resolve("gw.yaml") + ":11:7",
                compat.entry("supportsDeveloperRole").origin().toString());
    }

    @Test
    void providerValuesApplyWhereTheModelIsSilent() {
        EffectiveCompat compat = resolve("plain");
        assertEquals(true, compat.get("supportsDeveloperRole"));
        assertEquals(Source.PROVIDER, compat.entry("supportsDeveloperRole").source());
        assertEquals("max_completion_tokens", compat.string("maxTokensField"));
    }

    @Test
    void schemaDefaultsFillTheRest() {
        EffectiveCompat compat = resolve("plain");
        assertEquals(true, compat.get("supportsUsageInStreaming"));
        assertEquals("openai", compat.string("thinkingFormat"));
        assertEquals(Source.DEFAULT, compat.entry("thinkingFormat").source());
        assertNull(compat.entry("thinkingFormat").origin());
        assertNull(compat.get("cacheControlFormat"));
        assertEquals(CompatResolver.defaults("openai-completions").keySet(),
                compat.values().keySet());
    }

    @Test
    void objectValuesMergeOneLevelDeep() {
        assertEquals(Map.of("enable_thinking", true, "keep", 1L),
                resolve("strict").get("chatTemplateKwargs"));
        assertEquals(Map.of("enable_thinking", false, "keep", 1L),
                resolve("plain").get("chatTemplateKwargs"));
    }

    @Test
    void unknownFlagsAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> resolve("plain").get("noSuchFlag"));
    }
}
