package dev.providers.engine.internal.config;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.internal.yaml.SourceMap;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.Origin;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One file after parsing, validation and per-file checks: either a bound document or the errors
 * that rejected it. Files with equal bytes parse to equal results while the registered dialects
 * stay the same, so callers may cache by digest; dialects are only ever added, which can turn a
 * file rejected for an unknown {@code api} valid, never a valid file invalid.
 *
 * @param source the file label used in diagnostics
 * @param digest the SHA-256 of the file's bytes, hex encoded
 * @param document the bound document, or null when the file was rejected
 * @param models the bound models, or null when the file declares none (or was rejected)
 * @param sourceMap positions of the file's values
 * @param diagnostics errors and warnings of this file alone
 */
public record ProviderFile(
        String source,
        String digest,
        @Nullable ProviderDocument document,
        @Nullable List<ModelSpec> models,
        SourceMap sourceMap,
        List<Diagnostic> diagnostics) {

    /** Copies the lists. */
    public ProviderFile {
        models = models == null ? null : List.copyOf(models);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Returns whether the file passed every per-file check. */
    public boolean isValid() {
        return document != null;
    }

    /** Returns the provider id, or null when the file was rejected. */
    public @Nullable String id() {
        return document == null ? null : document.id();
    }

    /** Returns the position of the file's {@code id} key. */
    public Origin idOrigin() {
        return sourceMap.keyAt("/id");
    }
}
