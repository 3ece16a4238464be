package dev.providers.engine.registry;

import dev.providers.engine.config.Diagnostic;
import java.util.List;

/**
 * A reload that found invalid files: their problems, and the generation that stays in force.
 * A rejected file's last good version (if it ever had one) stays in the registry.
 *
 * @param diagnostics every error and warning of the rejected files, located
 * @param files the rejected files
 * @param generationInForce the generation in force after this reload
 */
public record RegistryRejection(List<Diagnostic> diagnostics, List<String> files,
        long generationInForce) {

    /** Copies the lists. */
    public RegistryRejection {
        diagnostics = List.copyOf(diagnostics);
        files = List.copyOf(files);
    }
}
