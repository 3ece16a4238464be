package dev.providers.examples.llamacpp;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the engine on the class path accepts a provider file for a plugged-in dialect. The
 * first engine with the dialect SPI still had a provider schema that enumerated {@code api}
 * ({@code #/$defs/api/enum}: only {@code openai-completions}); against such an engine the tests
 * that load provider files are aborted with that reason. Any other rejection fails them: an
 * engine whose schema accepts the id but does not find the dialect is a bug to see.
 */
final class EngineSupport {

    /** The schema keyword of the old, enumerated {@code api}. */
    static final String ENUMERATED_API = "#/$defs/api/enum";

    private EngineSupport() { }

    /** Aborts the current test when the engine's schema still enumerates {@code api}. */
    static void assumeProviderFilesForPluggedInDialects() throws IOException {
        Path dir = Files.createTempDirectory("native-probe-");
        Path file = dir.resolve("probe.yaml");
        try {
            Files.writeString(file, "id: probe\napi: " + LlamaCppNativeDialect.API
                    + "\nbaseUrl: http://127.0.0.1:9\nmodels:\n  - id: m\n");
            LoadResult result = ProviderLoader.withoutBuiltins().load(dir);
            List<Diagnostic> enumerated = result.diagnostics().stream()
                    .filter(d -> d.schemaLocation() != null
                            && d.schemaLocation().endsWith(ENUMERATED_API))
                    .toList();
            Assumptions.assumeTrue(enumerated.isEmpty(), () -> "this engine's provider schema "
                    + "still enumerates api (" + enumerated.get(0).format() + "), so no provider "
                    + "file can name a plugged-in dialect; these tests run once the schema "
                    + "accepts every registered dialect");
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
