package dev.providers.examples.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.engine.ModelRef;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.Dialects;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The provider file the module's README tells users to start from. */
class SampleProviderFileTest {

    /** The sample, relative to the module. */
    static final Path SAMPLE = Path.of("providers.d", "llama-native.yaml");

    @BeforeEach
    void engineAcceptsTheProviderFile() throws Exception {
    }

    @Test
    @DisplayName("the sample loads without a diagnostic and binds to this dialect")
    void sampleLoads() {
        LoadResult loaded = ProviderLoader.withoutBuiltins().load(List.of(SAMPLE));
        assertEquals(List.of(), loaded.diagnostics());
        ProviderRegistry registry = loaded.requireValid();
        ResolvedModel model = registry.model(ModelRef.of("llama-native", "tiny-llama"));
        assertEquals("llama-cpp-native", model.api());
        assertEquals(URI.create("http://127.0.0.1:8080"), model.baseUrl());
        assertEquals("chatml", model.compat().get("promptTemplate"));
        assertEquals(true, model.compat().get("cachePrompt"));
        NativeModel bound = (NativeModel) Dialects.require(model.api()).bind(model);
        assertEquals(false, bound.supportsTools());
    }
}
