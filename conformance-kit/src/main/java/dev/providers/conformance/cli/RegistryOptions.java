package dev.providers.conformance.cli;

import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --providers-dir} option shared by commands that need a registry, and the loading
 * rules behind it: a named directory must exist; the default {@code ./providers.d} may be missing,
 * which leaves the built-in catalog.
 */
final class RegistryOptions {

    @Option(names = "--providers-dir", paramLabel = "DIR",
            description = "The providers directory (default: $PROVIDERS_DIR, else ./providers.d).")
    @Nullable Path providersDir;

    /**
     * Loads the registry, printing diagnostics to {@code err}; returns null after printing why
     * when the directory is unusable.
     */
    @Nullable LoadResult load(Map<String, String> environment, PrintWriter err, String command) {
        ProvidersDirectory directory = ProvidersDirectory.resolve(providersDir, environment);
        Path path = directory.path();
        if (!Files.isDirectory(path)) {
            if (directory.explicit()) {
                err.println("conformance " + command + ": no such directory: " + path);
                return null;
            }
            return new LoadResult(ProviderLoader.create().assemble(List.of(), 1).registry(),
                    List.of(), List.of());
        }
        LoadResult result = ProviderLoader.create().load(path);
        result.diagnostics().forEach(d -> err.println(d.format()));
        return result;
    }
}
