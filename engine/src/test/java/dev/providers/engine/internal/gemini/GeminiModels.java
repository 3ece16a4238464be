package dev.providers.engine.internal.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.engine.ModelRef;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ResolvedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads one-model Gemini providers from YAML, through the real loader, schema and resolver. */
final class GeminiModels {

    /** The provider id of every test model. */
    static final String PROVIDER = "gem";

    /** A text model with limits that never clamp the examples. */
    static final String FLASH = "{id: flash, maxTokens: 1024, contextWindow: 32768}";

    /** A reasoning model that takes images. */
    static final String THINKER = "{id: thinker, reasoning: true, input: [text, image], "
            + "maxTokens: 8192, contextWindow: 65536}";

    private GeminiModels() { }

    /**
     * Returns the model of a provider file with this compat block and this one model entry,
     * both YAML flow maps.
     */
    static ResolvedModel load(Path parent, String compat, String model) {
        try {
            Path dir = Files.createTempDirectory(parent, "gemini");
            Files.writeString(dir.resolve(PROVIDER + ".yaml"), "id: " + PROVIDER + "\n"
                    + "api: google-generative-ai\n"
                    + "baseUrl: https://generativelanguage.googleapis.com/v1beta\n"
                    + "compat: " + compat + "\n"
                    + "models:\n"
                    + "  - " + model + "\n");
            LoadResult result = ProviderLoader.withoutBuiltins().load(dir);
            assertEquals(List.of(), result.diagnostics().stream().filter(d -> d.isError())
                    .toList(), "the test provider file is invalid");
            String id = result.registry().provider(PROVIDER).orElseThrow().models().get(0).id();
            return result.registry().model(ModelRef.of(PROVIDER, id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
