package dev.providers.engine.config;

import dev.providers.engine.registry.ProviderRegistry;
import java.util.List;
import java.util.Objects;

/**
 * What one load produced: a registry of everything that is valid, and every diagnostic of every
 * file.
 *
 * <p>The registry is usable even when there are errors (lenient use); strict callers check
 * {@link #hasErrors()} or call {@link #requireValid()}.
 *
 * @param registry the built-ins overlaid with every accepted file
 * @param diagnostics every error and warning, in file order
 * @param files the labels of the files that were read, in load order
 */
public record LoadResult(ProviderRegistry registry, List<Diagnostic> diagnostics,
        List<String> files) {

    /** Copies the lists. */
    public LoadResult {
        Objects.requireNonNull(registry, "registry");
        diagnostics = List.copyOf(diagnostics);
        files = List.copyOf(files);
    }

    /** Returns whether any file was rejected. */
    public boolean hasErrors() {
        return errorCount() > 0;
    }

    /** Returns the number of errors. */
    public int errorCount() {
        return (int) diagnostics.stream().filter(Diagnostic::isError).count();
    }

    /** Returns the number of warnings. */
    public int warningCount() {
        return diagnostics.size() - errorCount();
    }

    /**
     * Returns the registry when there are no errors.
     *
     * @throws ProviderConfigException listing every diagnostic otherwise
     */
    public ProviderRegistry requireValid() {
        if (hasErrors()) {
            throw new ProviderConfigException(diagnostics);
        }
        return registry;
    }
}
