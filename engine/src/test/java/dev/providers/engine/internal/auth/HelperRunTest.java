package dev.providers.engine.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A helper run is bounded: no shell, its time, its output; a missing program is named. */
class HelperRunTest {

    @BeforeAll
    static void needsASh() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "these helpers are sh scripts");
    }

    @Test
    void argumentsReachTheProgramAsTheyAreWithoutAShell() throws Exception {
        HelperRun.Outcome outcome = new HelperRun(List.of("/bin/sh", "-c",
                "printf '%s|' \"$@\"", "sh", "a b", "$HOME", "*"), Duration.ofSeconds(30), 1024)
                .run();
        assertEquals(0, outcome.exitCode());
        assertEquals("a b|$HOME|*|", outcome.stdout());
    }

    @Test
    void aHelperThatHangsIsStopped() {
        HelperRun run = new HelperRun(List.of("/bin/sh", "-c", "sleep 600"),
                Duration.ofMillis(300), 1024);
        HelperRun.HelperFailure e = assertThrows(HelperRun.HelperFailure.class, run::run);
        assertEquals("credential helper 'sh' did not finish within 0 s and was stopped",
                e.getMessage());
    }

    @Test
    void aHelperThatPrintsTooMuchIsStopped() {
        HelperRun run = new HelperRun(List.of("/bin/sh", "-c", "yes"), Duration.ofSeconds(30),
                64 * 1024);
        HelperRun.HelperFailure e = assertThrows(HelperRun.HelperFailure.class, run::run);
        assertEquals("credential helper 'sh' printed more than 64 KiB and was stopped",
                e.getMessage());
    }

    @Test
    void aMissingProgramIsNamed() {
        HelperRun run = new HelperRun(List.of("no-such-credential-helper-7f3a", "token"),
                Duration.ofSeconds(30), 1024);
        HelperRun.HelperFailure e = assertThrows(HelperRun.HelperFailure.class, run::run);
        assertEquals("credential helper 'no-such-credential-helper-7f3a' could not be started: "
                + "not found (is it on PATH?)", e.getMessage());
    }

    @Test
    void stderrIsKeptApartFromStdout() throws Exception {
        HelperRun.Outcome outcome = new HelperRun(List.of("/bin/sh", "-c",
                "echo token; echo 'warning: cached' >&2; exit 3"), Duration.ofSeconds(30), 1024)
                .run();
        assertEquals(3, outcome.exitCode());
        assertEquals("token\n", outcome.stdout());
        assertEquals("warning: cached\n", outcome.stderr());
    }
}
