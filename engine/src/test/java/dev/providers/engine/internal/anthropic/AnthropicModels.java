package dev.providers.engine.internal.anthropic;

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

/** Loads one-model {@code anthropic-messages} providers through the real loader and schema. */
final class AnthropicModels {

    /** The provider id of every test model. */
    static final String PROVIDER = "claude";

    /** A model without reasoning. */
    static final String PLAIN = "{id: plain, maxTokens: 4096, contextWindow: 200000}";

    /** A reasoning model that reads images. */
    static final String THINKER = "{id: thinker, reasoning: true, input: [text, image], "
            + "maxTokens: 32000, contextWindow: 200000}";

    private AnthropicModels() { }

    /**
     * Returns the model of a provider file with this compat block and this one model entry,
     * both YAML flow maps.
     */
    static ResolvedModel load(Path parent, String compat, String model) {
        try {
            Path dir = Files.createTempDirectory(parent, "provider");
            Files.writeString(dir.resolve(PROVIDER + ".yaml"), "id: " + PROVIDER + "\n"
                    + "api: anthropic-messages\n"
                    + "baseUrl: https://api.anthropic.com/v1\n"
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
