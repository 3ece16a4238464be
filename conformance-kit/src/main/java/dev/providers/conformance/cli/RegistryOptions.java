package dev.providers.conformance.cli;

import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code --providers-dir} and {@code --extensions} options shared by commands that need a
 * registry, and the loading rules behind them: the dialect JARs are loaded first; a named
 * directory must exist; the default {@code ./providers.d} may be missing, which leaves the
 * built-in catalog.
 */
final class RegistryOptions {

    @Option(names = "--providers-dir", paramLabel = "DIR",
            description = "The providers directory (default: $PROVIDERS_DIR, else ./providers.d).")
    @Nullable Path providersDir;

    @Mixin
    ExtensionOptions extensions = new ExtensionOptions();

    /** What the last {@link #load} loaded from extension folders. */
    ExtensionOptions.Extensions loadedExtensions = ExtensionOptions.Extensions.NONE;

    /**
     * Loads the dialect JARs and then the registry, printing diagnostics (the JARs' problems
     * first) to {@code err}; returns null after printing why when a directory is unusable.
     */
    @Nullable LoadResult load(Map<String, String> environment, PrintWriter err, String command) {
        ProvidersDirectory directory = ProvidersDirectory.resolve(providersDir, environment);
        Path path = directory.path();
        if (!Files.isDirectory(path) && directory.explicit()) {
            err.println("conformance " + command + ": no such directory: " + path);
            return null;
        }
        ExtensionOptions.Extensions loaded = extensions.load(path, err, command);
        if (loaded == null) {
            return null;
        }
        loadedExtensions = loaded;
        LoadResult result = Files.isDirectory(path) ? ProviderLoader.create().load(path)
                : new LoadResult(ProviderLoader.create().assemble(List.of(), 1).registry(),
                        List.of(), List.of());
        result = loaded.withProblems(result);
        result.diagnostics().forEach(d -> err.println(d.format()));
        return result;
    }
}
