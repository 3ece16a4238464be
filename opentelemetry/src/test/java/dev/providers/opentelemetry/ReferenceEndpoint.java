package dev.providers.opentelemetry;

import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.ReferenceServer;
import dev.providers.engine.ModelRef;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ProviderRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The kit's reference server on 127.0.0.1 with its provider file ({@code demo}), and a ticker
 * that moves a quarter of a second each time it is read, so that durations are exact.
 */
final class ReferenceEndpoint implements AutoCloseable {

    static final String KEY = "sk-telemetry-test-0123456789";
    static final ModelRef MODEL = ModelRef.of("demo", "demo-chat");
    static final long QUARTER_SECOND = 250_000_000L;

    final ReferenceServer server = ReferenceServer.start(Profile.OPENAI, KEY);

    /** Returns a registry of the server's provider file, with this key in it. */
    ProviderRegistry registry(Path dir, String key) throws IOException {
        Files.writeString(dir.resolve("demo.yaml"), server.providerYaml().replace(KEY, key));
        return ProviderLoader.withoutBuiltins().load(dir).requireValid();
    }

    /** Returns a ticker that reads 0.25 s, 0.5 s, 0.75 s, … */
    static LongSupplier quarterSeconds() {
        AtomicLong reads = new AtomicLong();
        return () -> reads.incrementAndGet() * QUARTER_SECOND;
    }

    @Override
    public void close() {
        server.close();
    }
}
