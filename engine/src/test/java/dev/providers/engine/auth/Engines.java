package dev.providers.engine.auth;

import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.registry.ProviderRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Helpers of the credential tests: a provider file at a server, a stream run to its end. */
final class Engines {

    static final ModelRef MODEL = ModelRef.parse("test/m");

    private Engines() { }

    /** Returns a registry with provider {@code test} (model {@code m}) and this credential. */
    static ProviderRegistry registry(Path dir, URI baseUrl, String credentialYaml)
            throws IOException {
        Files.writeString(dir.resolve("test.yaml"), "id: test\nbaseUrl: " + baseUrl
                + "\nauthHeader: true\n" + credentialYaml
                + "models:\n  - id: m\n    contextWindow: 4096\n    maxTokens: 64\n");
        return ProviderLoader.withoutBuiltins().load(dir).requireValid();
    }

    /** Runs one stream to its end and returns the handle (its result is complete). */
    static StreamHandle run(ProviderEngine engine) throws Exception {
        StreamHandle handle = engine.stream(MODEL, Context.ofUser("hi"), StreamOptions.defaults(),
                new StreamListener() { });
        handle.result().get(30, TimeUnit.SECONDS);
        return handle;
    }

    /** Runs one stream and returns its message. */
    static AssistantMessage complete(ProviderEngine engine) throws Exception {
        return run(engine).result().get(30, TimeUnit.SECONDS);
    }
}
