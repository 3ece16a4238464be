package dev.providers.engine.internal.openai;

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

/** Loads one-model providers from YAML, through the real loader, schema and compat resolver. */
final class TestModels {

    /** The provider id of every test model. */
    static final String PROVIDER = "acme";

    /** A plain chat model with limits that never clamp the examples. */
    static final String CHAT = "{id: chat, maxTokens: 4096, contextWindow: 32768}";

    /** A reasoning model. */
    static final String THINKER = "{id: thinker, reasoning: true, maxTokens: 8192, "
            + "contextWindow: 65536}";

    /** A plain chat model that accepts images. */
    static final String VISION = "{id: vision, input: [text, image], maxTokens: 4096, "
            + "contextWindow: 32768}";

    private TestModels() { }

    /**
     * Returns the model of a provider file with this compat block and this one model entry,
     * both written as YAML flow maps.
     */
    static ResolvedModel load(Path parent, String compat, String model) {
        try {
            Path dir = Files.createTempDirectory(parent, "provider");
            Files.writeString(dir.resolve(PROVIDER + ".yaml"), "id: " + PROVIDER + "\n"
                    + "baseUrl: http://localhost:8080/v1\n"
                    + "compat: " + compat + "\n"
                    + "models:\n"
                    + "  - " + model + "\n");
            LoadResult result = ProviderLoader.withoutBuiltins().load(dir);
            // warnings (such as YAML 1.1 booleans in flow maps) do not make the file invalid
            assertEquals(List.of(), result.diagnostics().stream().filter(d -> d.isError())
                    .toList(), "the test provider file is invalid");
            String id = result.registry().provider(PROVIDER).orElseThrow().models().get(0).id();
            return result.registry().model(ModelRef.of(PROVIDER, id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
