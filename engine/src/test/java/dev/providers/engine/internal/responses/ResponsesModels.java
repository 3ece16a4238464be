package dev.providers.engine.internal.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.engine.ModelRef;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.message.Context;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.DialectRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads one-model {@code openai-responses} providers through the real loader and encodes. */
final class ResponsesModels {

    /** The provider id of every test model. */
    static final String PROVIDER = "acme";
    /** A plain model with limits that never clamp the examples. */
    static final String CHAT = "{id: chat, maxTokens: 4096, contextWindow: 32768}";
    /** A reasoning model. */
    static final String THINKER = "{id: thinker, reasoning: true, maxTokens: 8192, "
            + "contextWindow: 65536}";
    /** A model that accepts images. */
    static final String VISION = "{id: vision, input: [text, image], maxTokens: 4096, "
            + "contextWindow: 32768}";

    private ResponsesModels() { }

    /** Returns the model of a provider file with this compat block and this model entry. */
    static ResolvedModel load(Path parent, String compat, String model) {
        try {
            Path dir = Files.createTempDirectory(parent, "provider");
            Files.writeString(dir.resolve(PROVIDER + ".yaml"), "id: " + PROVIDER + "\n"
                    + "api: openai-responses\n"
                    + "baseUrl: http://localhost:8080/v1\n"
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

    /** Returns the request the dialect builds for a model. */
    static DialectRequest request(ResolvedModel model, Context context, StreamOptions options) {
        return new OpenAiResponsesDialect().bind(model).encode(context, options);
    }

    /** Returns the body the dialect builds, as its exact UTF-8 text. */
    static String body(ResolvedModel model, Context context, StreamOptions options) {
        return new String(request(model, context, options).body(), StandardCharsets.UTF_8);
    }
}
