package dev.providers.conformance.cli;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --extensions} option of every command that loads provider files, and where dialect
 * JARs come from: the folder it names, else {@code extensions/} beside the providers directory
 * when that folder exists. The JARs are loaded before any provider file.
 */
final class ExtensionOptions {

    /** The name of the default folder, beside the providers directory. */
    static final String DEFAULT_FOLDER = "extensions";

    @Option(names = "--extensions", paramLabel = "DIR",
            description = "A folder of dialect JARs to load before the provider files "
                    + "(default: extensions/ beside the providers directory, if it exists).")
    @Nullable Path folder;

    /**
     * Loads the dialect JARs for a providers directory; returns null after printing why when a
     * folder named with {@code --extensions} is not a directory.
     */
    @Nullable Extensions load(Path providersDirectory, PrintWriter err, String command) {
        if (folder != null) {
            if (!Files.isDirectory(folder)) {
                err.println("conformance " + command + ": no such directory: " + folder);
                return null;
            }
            return new Extensions(List.of(ExtensionFolder.load(folder)));
        }
        Path beside = beside(providersDirectory);
        if (!Files.isDirectory(beside)) {
            return Extensions.NONE;
        }
        return new Extensions(List.of(ExtensionFolder.load(beside)));
    }

    /** Returns the default extensions folder: the sibling of the providers directory. */
    static Path beside(Path providersDirectory) {
        Path normalized = providersDirectory.normalize();
        String name = normalized.toString();
        if (normalized.getParent() == null && (name.isEmpty() || name.equals(".."))) {
            // "." or "..": a relative sibling would be inside the directory, not beside it
            normalized = normalized.toAbsolutePath().normalize();
        }
        return normalized.resolveSibling(DEFAULT_FOLDER);
    }

    /**
     * The extension folders a command loaded.
     *
     * @param folders what each folder added, and its problems
     */
    record Extensions(List<ExtensionFolder.Loaded> folders) {

        /** Nothing loaded. */
        static final Extensions NONE = new Extensions(List.of());

        /** Copies the list. */
        Extensions {
            folders = List.copyOf(folders);
        }

        /** Returns every JAR loaded, in folder and name order. */
        List<ExtensionFolder.Jar> jars() {
            List<ExtensionFolder.Jar> jars = new ArrayList<>();
            folders.forEach(f -> jars.addAll(f.jars()));
            return jars;
        }

        /** Returns every problem, one error per line. */
        List<Diagnostic> problems() {
            List<Diagnostic> problems = new ArrayList<>();
            folders.forEach(f -> problems.addAll(f.problems()));
            return problems;
        }

        /** Returns the result with the extensions' problems before the files' own. */
        LoadResult withProblems(LoadResult result) {
            List<Diagnostic> problems = problems();
            if (problems.isEmpty()) {
                return result;
            }
            problems.addAll(result.diagnostics());
            return new LoadResult(result.registry(), problems, result.files());
        }
    }
}
