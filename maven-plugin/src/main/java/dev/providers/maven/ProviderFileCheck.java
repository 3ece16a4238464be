package dev.providers.maven;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a providers directory the way the engine will and names each problem's file relative
 * to a base folder (the folder Maven was started in, or the GitHub workspace), so that a
 * terminal, an IDE and GitHub can all open it at the reported line.
 *
 * @param diagnostics every problem, errors and warnings, in file and line order
 * @param files how many provider files were read
 */
record ProviderFileCheck(List<Diagnostic> diagnostics, int files) {

    /** Copies the list. */
    ProviderFileCheck {
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Checks every provider file directly in {@code directory}.
     *
     * @param builtins whether to check them together with the built-in catalog, which override
     *     files refer to
     * @param base the folder the reported paths are relative to, when a file is inside it
     */
    static ProviderFileCheck run(Path directory, boolean builtins, Path base) {
        Path absolute = directory.toAbsolutePath().normalize();
        LoadResult result = (builtins ? ProviderLoader.create() : ProviderLoader.withoutBuiltins())
                .load(absolute);
        Path root = base.toAbsolutePath().normalize();
        List<Diagnostic> relative = result.diagnostics().stream()
                .map(d -> new Diagnostic(d.severity(), relative(d.source(), root), d.line(),
                        d.column(), d.pointer(), d.message(), d.schemaLocation(),
                        d.suggestions(), d.hint()))
                .toList();
        return new ProviderFileCheck(relative, result.files().size());
    }

    /** Returns how many problems reject their file. */
    long errors() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    /** Returns how many problems are only warnings. */
    long warnings() {
        return diagnostics.size() - errors();
    }

    /** Returns e.g. {@code 2 files, 1 error, 0 warnings}. */
    String summary() {
        return plural(files, "file") + ", " + plural(errors(), "error") + ", "
                + plural(warnings(), "warning");
    }

    private static String relative(String source, Path root) {
        Path file;
        try {
            file = Path.of(source);
        } catch (RuntimeException e) {
            return source; // a source that names no file, e.g. the whole directory's check
        }
        if (!file.isAbsolute() || !file.normalize().startsWith(root)) {
            return source;
        }
        // forward slashes: GitHub matches annotation paths with them on every runner
        return root.relativize(file.normalize()).toString().replace('\\', '/');
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
