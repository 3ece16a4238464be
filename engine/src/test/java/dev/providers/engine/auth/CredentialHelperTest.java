package dev.providers.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.providers.engine.ProviderEngine;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auth: {type: command}} with a real helper: a script that counts its runs and prints a
 * token numbered by the run. Within {@code ttl} (on the engine's clock) the token is reused;
 * after it the helper runs again; many streams waiting run it once; a failing helper's first
 * stderr line is the stream's error, never what it printed.
 */
class CredentialHelperTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    @BeforeAll
    static void needsASh() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the helper is an sh script");
    }

    /** Writes an executable script and returns its path. */
    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** A helper that counts its runs in a file and prints {@code token-<run>-<padding>}. */
    private Path countingHelper() throws Exception {
        Path count = dir.resolve("runs");
        Files.writeString(count, "0");
        return script("helper.sh", "n=$(cat '" + count + "')\nn=$((n + 1))\n"
                + "echo \"$n\" > '" + count + "'\n"
                + "echo \"helper-token-$n-0123456789abcdef\"\n");
    }

    private int runs() throws Exception {
        return Integer.parseInt(Files.readString(dir.resolve("runs")).strip());
    }

    private ProviderEngine engine(BearerServer server, String command, String extra)
            throws Exception {
        Path files = Files.createDirectories(dir.resolve("providers"));
        return ProviderEngine.builder().registry(Engines.registry(files, server.baseUrl(),
                "auth:\n  type: command\n  command: " + command + "\n" + extra))
                .environment(Map.of("HELPER_ARG", "--quiet")::get).clock(clock)
                .credentialStore(CredentialStore.inMemory()).maxRetries(0).build();
    }

    @Test
    void theHelperRunsOncePerTtlHoweverManyStreamsWait() throws Exception {
        Path helper = countingHelper();
        try (BearerServer server = BearerServer.start(token -> BearerServer.Verdict.OK);
                ProviderEngine engine = engine(server, "[\"" + helper + "\", \"${HELPER_ARG}\"]",
                        "  ttl: 120\n")) {
            // twelve streams at once: one run
            List<CompletableFuture<AssistantMessage>> first = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                first.add(engine.complete(Engines.MODEL,
                        dev.providers.engine.message.Context.ofUser("hi"),
                        dev.providers.engine.StreamOptions.defaults()));
            }
            for (CompletableFuture<AssistantMessage> f : first) {
                assertEquals(StopReason.STOP, f.get(30, TimeUnit.SECONDS).stopReason());
            }
            assertEquals(1, runs());
            // within the ttl (less its 12 s skew) the token is reused
            for (int i = 0; i < 4; i++) {
                clock.advance(Duration.ofSeconds(20));
                assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            }
            assertEquals(1, runs(), "80 s into a 120 s ttl: still cached");
            // past the ttl (less the skew) it runs again, and the new token goes out
            clock.advance(Duration.ofSeconds(40));
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            assertEquals(2, runs());
            List<String> seen = server.seen();
            assertEquals(17, seen.size());
            assertTrue(seen.subList(0, 16).stream().allMatch(
                    "helper-token-1-0123456789abcdef"::equals), seen.toString());
            assertEquals("helper-token-2-0123456789abcdef", seen.get(16));
        }
    }

    @Test
    void aHelperGivingJsonSetsTheExpiry() throws Exception {
        Path count = dir.resolve("runs");
        Files.writeString(count, "0");
        Path helper = script("json.sh", "n=$(cat '" + count + "')\nn=$((n + 1))\n"
                + "echo \"$n\" > '" + count + "'\n"
                + "echo \"{\\\"access_token\\\": \\\"json-token-$n-abcdefgh\\\", "
                + "\\\"expires_in\\\": 3600}\"\n");
        try (BearerServer server = BearerServer.start(token -> BearerServer.Verdict.OK);
                ProviderEngine engine = engine(server, "[\"" + helper + "\"]", "")) {
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            clock.advance(Duration.ofMinutes(50)); // beyond the default ttl of 300 s
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            assertEquals(1, runs(), "the JSON's expires_in wins over the ttl");
            assertEquals(List.of("json-token-1-abcdefgh", "json-token-1-abcdefgh"),
                    server.seen());
        }
    }

    @Test
    void aFailingHelperEndsTheStreamWithTheFirstLineOfItsStderr() throws Exception {
        Path helper = script("fails.sh", "echo 'half-a-token-abcdef0123456789'\n"
                + "echo '' >&2\necho 'ERROR: (gcloud.auth) You do not currently have an active "
                + "account selected; token half-a-token-abcdef0123456789.' >&2\n"
                + "echo 'second line' >&2\nexit 1\n");
        try (BearerServer server = BearerServer.start(token -> BearerServer.Verdict.OK);
                ProviderEngine engine = engine(server, "[\"" + helper + "\"]", "")) {
            AssistantMessage message = Engines.complete(engine);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertEquals("credential helper 'fails.sh' of provider test exited with 1: ERROR: "
                    + "(gcloud.auth) You do not currently have an active account selected; "
                    + "token ***.", message.errorMessage());
            assertEquals(List.of(), server.seen());
            assertFalse(message.toString().contains("half-a-token"));
        }
    }

    @Test
    void aHelperThatCannotBeFoundIsNamed() throws Exception {
        try (BearerServer server = BearerServer.start(token -> BearerServer.Verdict.OK);
                ProviderEngine engine = engine(server, "[no-such-helper-7f3a, token]", "")) {
            AssistantMessage message = Engines.complete(engine);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertEquals("credential helper 'no-such-helper-7f3a' could not be started: not "
                    + "found (is it on PATH?) (provider test)", message.errorMessage());
            assertEquals("command", engine.credentialStatus("test").method());
            assertFalse(engine.credentialStatus("test").ready());
        }
    }

    @Test
    void a401RunsTheHelperAgainOnce() throws Exception {
        Path helper = countingHelper();
        try (BearerServer server = BearerServer.start(token -> token.startsWith(
                "helper-token-1-") ? BearerServer.Verdict.refuse(401) : BearerServer.Verdict.OK);
                ProviderEngine engine = engine(server, "[\"" + helper + "\"]", "")) {
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            assertEquals(2, runs());
        }
    }
}
