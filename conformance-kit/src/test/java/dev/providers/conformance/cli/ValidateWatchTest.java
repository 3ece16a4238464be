package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.providers.conformance.ConformanceMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate --watch} prints one line per reload and stops cleanly. */
class ValidateWatchTest {

    @TempDir
    Path dir;

    @Test
    void printsEachGenerationAndEachRejection() throws Exception {
        Files.writeString(dir.resolve("ollama.yaml"), "id: ollama\nbaseUrl: http://gpu:1/v1\n");
        StringWriter out = new StringWriter();
        Thread[] runner = new Thread[1];
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        runner[0] = new Thread(() -> exit.complete(ConformanceMain.run(new String[] {"validate",
                "--watch", "--debounce", "50", dir.toString()}, new PrintWriter(out),
                new PrintWriter(new StringWriter()), Map.of())));
        runner[0].start();
        try {
            awaitLine(out, l -> l.startsWith("watching " + dir + ": generation 1, "));
            Files.writeString(dir.resolve("gw.yaml"),
                    "id: gw\nbaseUrl: http://gw:1/v1\nmodels: [{id: m}]\n");
            Files.delete(dir.resolve("ollama.yaml"));
            awaitLine(out, l -> l.matches("generation 2: \\+gw ~ollama \\(\\d+ ms\\)"));
            Files.writeString(dir.resolve("gw.yaml"), "id: gw\nbaseUrl: nope\n");
            awaitLine(out, l -> l.equals("rejected " + dir.resolve("gw.yaml") + ":2:10: error: "
                    + "/baseUrl: must be an absolute http:// or https:// URL without "
                    + "whitespace or control characters; keeping generation 2"));
        } finally {
            runner[0].interrupt();
        }
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertTrue(out.toString().endsWith("stopped watching " + dir + "\n"), out.toString());
    }

    @Test
    void filesThatUsedToCrashAReloadAreRejectedAndWatchingGoesOn() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread runner = new Thread(() -> exit.complete(ConformanceMain.run(new String[] {
            "validate", "--watch", "--debounce", "50", dir.toString()}, new PrintWriter(out),
                new PrintWriter(err), Map.of())));
        runner.start();
        try {
            awaitLine(out, l -> l.startsWith("watching " + dir + ": generation 1, "));
            Files.writeString(dir.resolve("big.yaml"), "id: big\nbaseUrl: http://h:1/v1\n"
                    + "models: [{id: m, contextWindow: 2147483648}]\n");
            awaitLine(out, l -> l.equals("rejected " + dir.resolve("big.yaml") + ":3:33: error: "
                    + "/models/0/contextWindow: must be <= 2147483647, found 2147483648; "
                    + "keeping generation 1"));
            Files.writeString(dir.resolve("deep.yaml"), "id: deep\nbaseUrl: http://h:1/v1\n"
                    + "models: [{id: m, compat: {openRouterRouting: {a: " + "[".repeat(2000)
                    + "]".repeat(2000) + "}}}]\n");
            awaitLine(out, l -> l.startsWith("rejected " + dir.resolve("deep.yaml") + ":3:109: "
                    + "error: collections nest deeper than 64 levels"));
            Files.writeString(dir.resolve("gw.yaml"),
                    "id: gw\nbaseUrl: http://gw:1/v1\nmodels: [{id: m}]\n");
            awaitLine(out, l -> l.matches("generation 2: \\+gw \\(\\d+ ms\\)"));
        } finally {
            runner.interrupt();
        }
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertFalse(out.toString().contains("Exception") || err.toString().contains("Exception"),
                out + "\n" + err);
    }

    @Test
    void watchTakesOneDirectory() {
        assertEquals(2, CliRun.run("validate", "--watch", "a.yaml").exitCode());
        assertEquals(2, CliRun.run("validate", "--watch", "--format", "json", dir.toString())
                .exitCode());
    }

    private static void awaitLine(StringWriter out, Predicate<String> line) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (out.toString().lines().noneMatch(line)) {
            if (System.nanoTime() > deadline) {
                fail("no such line in:\n" + out);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
