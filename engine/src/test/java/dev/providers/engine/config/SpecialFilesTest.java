package dev.providers.engine.config;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.providers.engine.internal.watch.Reloader;
import dev.providers.engine.registry.ProviderRegistry;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named pipes, link loops and dangling links are skipped with a warning, never opened: a FIFO
 * used to block {@code validate} forever, and a link loop was reported as "no such file".
 */
class SpecialFilesTest {

    @TempDir
    Path dir;

    private static Path mkfifo(Path path) throws Exception {
        Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("mkfifo " + path + " failed");
        }
        return path;
    }

    /** Runs {@code action}, failing (instead of hanging) if it blocks on {@code fifo}. */
    private static <T> T withoutBlocking(Path fifo, Callable<T> action) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "loads-near-a-fifo");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<T> result = thread.submit(action);
            try {
                return result.get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // a reader is stuck opening the pipe: opening it for writing releases it
                try (OutputStream release = Files.newOutputStream(fifo)) {
                    release.flush();
                }
                return fail("reading " + fifo + " blocked: the named pipe was opened");
            }
        } finally {
            thread.shutdownNow();
        }
    }

    private static List<String> formatted(LoadResult result) {
        return result.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void aNamedPipeInADirectoryIsSkippedWithAWarning() throws Exception {
        write(dir, "good.yaml", "id: good\nbaseUrl: http://h:1/v1\nmodels: [{id: m}]\n");
        Path fifo = mkfifo(dir.resolve("pipe.yaml"));
        LoadResult result = withoutBlocking(fifo,
                () -> ProviderLoader.withoutBuiltins().load(dir));
        assertEquals(List.of(fifo + ": warning: is a named pipe (FIFO), not a regular file; "
                + "skipped without opening it"), formatted(result));
        assertEquals(List.of(dir.resolve("good.yaml").toString()), result.files());
    }

    @Test
    void aNamedPipeGivenByNameIsSkippedWithAWarning() throws Exception {
        Path fifo = mkfifo(dir.resolve("pipe.yaml"));
        LoadResult result = withoutBlocking(fifo,
                () -> ProviderLoader.withoutBuiltins().load(List.of(fifo)));
        assertEquals(List.of(fifo + ": warning: is a named pipe (FIFO), not a regular file; "
                + "skipped without opening it"), formatted(result));
        assertEquals(0, result.errorCount());
    }

    @Test
    void linkLoopsAndDanglingLinksAreNamedForWhatTheyAre() throws Exception {
        Path loop = Files.createSymbolicLink(dir.resolve("loop.yaml"), Path.of("loop.yaml"));
        Path a = dir.resolve("a.yaml");
        Files.createSymbolicLink(a, Path.of("b.yaml"));
        Files.createSymbolicLink(dir.resolve("b.yaml"), Path.of("a.yaml"));
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.yaml"),
                Path.of("nowhere.yaml"));
        LoadResult inDirectory = ProviderLoader.withoutBuiltins().load(dir);
        assertEquals(List.of(a + ": warning: is a symlink loop; skipped",
                dir.resolve("b.yaml") + ": warning: is a symlink loop; skipped",
                dangling + ": warning: is a symlink to a file that does not exist; skipped",
                loop + ": warning: is a symlink loop; skipped"), formatted(inDirectory));

        LoadResult byName = ProviderLoader.withoutBuiltins().load(List.of(loop, dangling));
        assertEquals(List.of(loop + ": error: is a symlink loop",
                dangling + ": error: is a symlink to a file that does not exist"),
                formatted(byName));
    }

    @Test
    void hotReloadSkipsANamedPipeThatReplacedAFile() throws Exception {
        Path file = write(dir, "a.yaml", "id: a\nbaseUrl: http://h:1/v1\nmodels: [{id: m}]\n");
        Reloader reloader = new Reloader(dir, ProviderLoader.withoutBuiltins());
        ProviderRegistry first = reloader.reload(ProviderRegistry.empty()).registry();
        assertEquals(1, first.providers().size());
        Files.delete(file);
        mkfifo(file);
        Reloader.Outcome outcome = withoutBlocking(file, () -> reloader.reload(first, true));
        assertEquals(0, outcome.registry().providers().size());
        assertEquals(List.of(file + ": warning: is a named pipe (FIFO), not a regular file; "
                + "skipped without opening it"),
                reloader.diagnostics().stream().map(Diagnostic::format).toList());
    }
}
