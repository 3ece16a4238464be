package dev.providers.engine.config;

import dev.providers.engine.internal.config.BuiltinCatalog;
import dev.providers.engine.internal.config.DiagnosticOrder;
import dev.providers.engine.internal.config.DirectoryScan;
import dev.providers.engine.internal.config.FileKind;
import dev.providers.engine.internal.config.FileParser;
import dev.providers.engine.internal.config.ProviderFile;
import dev.providers.engine.internal.config.RegistryAssembler;
import dev.providers.engine.spec.ProviderSpec;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one path from provider files to a registry, used by the engine, {@code conformance
 * validate} and the tests alike.
 *
 * <p>Reads {@code *.yaml} and {@code *.yml} files (hidden files and editor leftovers are
 * skipped; named pipes, devices and broken links are skipped with a warning, never opened),
 * validates each against the bundled schema and the compat schema of its dialect, overlays them
 * on the built-in catalog and reports every problem of every file in one {@link LoadResult}. A
 * bad file never hides the others: the registry holds everything that is valid.
 *
 * <p>An {@code api} must name a dialect known to {@link dev.providers.engine.spi.Dialects} when
 * the file is loaded: register your own (or put its JAR on the class path) before loading.
 *
 * <p>Thread-safety: immutable; one loader may run many loads concurrently.
 */
public final class ProviderLoader {

    /** Files at or above this count are parsed in parallel. */
    private static final int PARALLEL_THRESHOLD = 32;

    private final boolean builtins;
    private final FileParser parser;

    private ProviderLoader(boolean builtins) {
        this.builtins = builtins;
        // an override file that names no api speaks its built-in's, so its compat is that one's
        this.parser = builtins ? new FileParser(ProviderLoader::builtinApi) : new FileParser();
    }

    private static @Nullable String builtinApi(String id) {
        ProviderSpec builtin = BuiltinCatalog.providers().get(id);
        return builtin == null ? null : builtin.api();
    }

    /** Returns a loader whose files overlay the built-in catalog. */
    public static ProviderLoader create() {
        return new ProviderLoader(true);
    }

    /** Returns a loader that ignores the built-in catalog (only the given files count). */
    public static ProviderLoader withoutBuiltins() {
        return new ProviderLoader(false);
    }

    /** Returns the built-in providers this loader overlays (empty without built-ins). */
    public Map<String, ProviderSpec> builtinProviders() {
        return builtins ? BuiltinCatalog.providers() : Map.of();
    }

    /**
     * Loads every provider file under these paths: directories contribute their provider files,
     * files are read as given (whatever their name). A named pipe or device given as a path is
     * skipped with a warning; a missing path, a dangling link or a link loop is an error. Labels
     * in diagnostics are the paths as given, joined with file names.
     *
     * @throws UncheckedIOException if a directory cannot be listed
     */
    public LoadResult load(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        List<Diagnostic> skipped = new ArrayList<>();
        for (Path path : paths) {
            FileKind kind = FileKind.of(path);
            switch (kind) {
                case DIRECTORY -> {
                    DirectoryScan scan = DirectoryScan.of(path);
                    files.addAll(scan.files());
                    skipped.addAll(scan.skipped());
                }
                case REGULAR -> files.add(path);
                // named pipes and devices are never opened: reading one could block forever
                case FIFO, OTHER -> skipped.add(Diagnostic.warning(path.toString(), 0, 0, "",
                        kind.description()));
                default -> skipped.add(Diagnostic.error(path.toString(), 0, 0, "",
                        kind.description()));
            }
        }
        LoadResult loaded = loadFiles(files);
        if (skipped.isEmpty()) {
            return loaded;
        }
        List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
        diagnostics.addAll(skipped);
        DiagnosticOrder.sort(diagnostics, loaded.files());
        return new LoadResult(loaded.registry(), diagnostics, loaded.files());
    }

    /** Loads the provider files of one directory; see {@link #load(List)}. */
    public LoadResult load(Path directory) {
        return load(List.of(directory));
    }

    private LoadResult loadFiles(List<Path> files) {
        List<ProviderFile> parsed = (files.size() >= PARALLEL_THRESHOLD ? files.parallelStream()
                : files.stream()).map(path -> parser.read(path, path.toString())).toList();
        return assemble(parsed, 1);
    }

    /**
     * Assembles already parsed files with the built-ins into a registry of the given
     * generation. Not API: the live registry uses it to re-use the files that did not change.
     */
    public LoadResult assemble(List<ProviderFile> parsed, long generation) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (ProviderFile file : parsed) {
            labels.add(file.source());
            diagnostics.addAll(file.diagnostics());
        }
        RegistryAssembler.Assembly assembly = RegistryAssembler.assemble(builtinProviders(),
                parsed, generation);
        diagnostics.addAll(assembly.diagnostics());
        DiagnosticOrder.sort(diagnostics, labels);
        return new LoadResult(assembly.registry(), diagnostics, labels);
    }

    /** Returns the file parser, shared with the live registry. Not API. */
    public FileParser parser() {
        return parser;
    }

    /**
     * Returns the provider files of a directory, sorted by name: regular files (symlinks
     * followed) ending in {@code .yaml} or {@code .yml}, except hidden files and editor
     * leftovers ({@code ~}, {@code .swp}, {@code #...#}). Entries named like provider files that
     * are not regular files (named pipes, devices, dangling links, link loops) are left out
     * without being opened; {@link #load} warns about each.
     *
     * @throws UncheckedIOException if the directory cannot be listed
     */
    public static List<Path> providerFiles(Path directory) {
        return DirectoryScan.of(directory).files();
    }

    /** Returns whether a file name is one a providers directory reads. */
    public static boolean isProviderFileName(String name) {
        return (name.endsWith(".yaml") || name.endsWith(".yml"))
                && !name.startsWith(".") && !name.startsWith("#") && !name.startsWith("~");
    }
}
