package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on files that used to crash or hang it: big integers and deep nesting
 * (stack traces), named pipes (a hang), symlink loops ("no such file").
 */
class HostileFilesCliTest {

    private static final Path BROKEN = Path.of("..", "examples", "broken");

    @TempDir
    Path dir;

    private static void assertNoStackTrace(CliRun run) {
        assertFalse(run.all().contains("Exception") || run.all().contains("\tat "), run::all);
    }

    @Test
    void bigIntegersAndDeepNestingAreOneLocatedLineEach() {
        CliRun run = CliRun.run("validate", BROKEN.resolve("big-integer.yaml").toString(),
                BROKEN.resolve("deep-nesting.yaml").toString());
        assertEquals(1, run.exitCode(), run::all);
        assertEquals(List.of(
                BROKEN.resolve("big-integer.yaml") + ":6:20: error: /models/0/contextWindow: "
                        + "must be <= 2147483647, found 2147483648",
                BROKEN.resolve("deep-nesting.yaml") + ":8:93: error: collections nest deeper "
                        + "than 64 levels; provider files need a handful",
                "invalid: 2 files, 2 errors, 0 warnings"), run.out().lines().toList());
        assertNoStackTrace(run);
    }

    @Test
    void listAndExplainReportABigIntegerAndServeTheOtherFiles() throws Exception {
        Files.writeString(dir.resolve("good.yaml"), "id: good\nbaseUrl: http://h:1/v1\n"
                + "models: [{id: m}]\n");
        Files.writeString(dir.resolve("big.yaml"), "id: big\nbaseUrl: http://h:1/v1\n"
                + "models: [{id: m, maxTokens: 3000000000}]\n");
        CliRun list = CliRun.run("list", "--providers-dir", dir.toString());
        assertEquals(1, list.exitCode(), list::all);
        assertTrue(list.err().contains(dir.resolve("big.yaml") + ":3:29: error: "
                + "/models/0/maxTokens: must be <= 2147483647, found 3000000000"), list::all);
        assertTrue(list.out().contains("good"), list::all);
        assertNoStackTrace(list);
        CliRun explain = CliRun.run("explain", "--providers-dir", dir.toString(), "good/m");
        assertTrue(explain.err().contains("must be <= 2147483647"), explain::all);
        assertNoStackTrace(explain);
    }

    private static Path mkfifo(Path path) throws Exception {
        Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("mkfifo " + path + " failed");
        }
        return path;
    }

    /** Runs validate on a thread; fails instead of hanging if it opens {@code fifo}. */
    private static CliRun validateBeside(Path fifo, String... args) throws Exception {
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.run(args));
        try {
            return run.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            try (OutputStream release = Files.newOutputStream(fifo)) {
                release.flush(); // lets the stuck reader go
            }
            return fail("validate blocked on the named pipe " + fifo);
        }
    }

    @Test
    void aNamedPipeIsSkippedWithAWarningInsteadOfBlocking() throws Exception {
        Path fifo = mkfifo(dir.resolve("pipe.yaml"));
        CliRun byName = validateBeside(fifo, "validate", fifo.toString());
        assertEquals(0, byName.exitCode(), byName::all);
        assertEquals(List.of(fifo + ": warning: is a named pipe (FIFO), not a regular file; "
                + "skipped without opening it", "valid: 0 files, 0 errors, 1 warning"),
                byName.out().lines().toList());
        Files.writeString(dir.resolve("good.yaml"), "id: good\nbaseUrl: http://h:1/v1\n"
                + "models: [{id: m}]\n");
        CliRun inDirectory = validateBeside(fifo, "validate", dir.toString());
        assertEquals(0, inDirectory.exitCode(), inDirectory::all);
        assertEquals(List.of(fifo + ": warning: is a named pipe (FIFO), not a regular file; "
                + "skipped without opening it", "valid: 1 file, 0 errors, 1 warning"),
                inDirectory.out().lines().toList());
    }

    @Test
    void aSymlinkLoopIsCalledOne() throws Exception {
        Path loop = Files.createSymbolicLink(dir.resolve("loop.yaml"), Path.of("loop.yaml"));
        CliRun byName = CliRun.run("validate", loop.toString());
        assertEquals(2, byName.exitCode(), byName::all);
        assertEquals("conformance validate: " + loop + " is a symlink loop\n", byName.err());
        CliRun inDirectory = CliRun.run("validate", dir.toString());
        assertEquals(0, inDirectory.exitCode(), inDirectory::all);
        assertEquals(List.of(loop + ": warning: is a symlink loop; skipped",
                "valid: 0 files, 0 errors, 1 warning"), inDirectory.out().lines().toList());
    }

    @Test
    void aDebounceBelowTheMinimumIsAUsageError() {
        CliRun run = CliRun.run(Map.of(), "validate", "--watch", "--debounce", "10",
                dir.toString());
        assertEquals(2, run.exitCode());
        assertEquals("conformance validate: --watch takes one directory, text output and a "
                + "debounce >= 50 ms\n", run.err());
    }
}
