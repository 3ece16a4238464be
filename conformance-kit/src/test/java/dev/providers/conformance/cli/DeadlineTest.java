package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's deadlines against a server that sends {@code : ping} comments forever (before the
 * fix, a test against it ran for minutes): a test that runs out of time fails as timed out and
 * its streams are cancelled; when the run's deadline passes, the rest are reported as not run.
 * The assertions are about outcomes, never about how long anything took.
 */
class DeadlineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HeartbeatServer server;
    private Path providers;
    private Path reports;

    @BeforeEach
    void start() throws Exception {
        server = new HeartbeatServer();
        providers = Files.createDirectories(dir.resolve("providers.d"));
        reports = dir.resolve("reports");
        Files.writeString(providers.resolve("beat.yaml"), """
                id: beat
                baseUrl: %s
                models: [{id: m}]
                """.formatted(server.baseUrl()));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private CliRun run(String... args) {
        String[] all = Stream.concat(Stream.of("--provider", "beat", "--report-dir",
                reports.toString()), Stream.of(args)).toArray(String[]::new);
        return CliRun.run(Map.of("PROVIDERS_DIR", providers.toString()), all);
    }

    @Test
    void aTestThatOutlivesItsDeadlineFailsAsTimedOutAndItsStreamsAreCancelled()
            throws Exception {
        CliRun run = run("--tests", "P01", "--test-timeout", "1s");

        assertEquals(1, run.exitCode(), run::all);
        assertTrue(run.out().lines().anyMatch(line -> line.matches("  FAIL  P01 .* \\(\\d+\\.\\d "
                + "s\\) — timed out after 1 s")), run::all);
        JsonNode test = JSON.readTree(reports.resolve("report.json").toFile()).path("tests")
                .get(0);
        assertEquals("failed", test.path("status").asText());
        assertEquals("timed out after 1 s", test.path("message").asText());
        assertEquals(1000, JSON.readTree(reports.resolve("report.json").toFile())
                .path("run").path("testTimeoutMs").asInt());
        String markdown = Files.readString(reports.resolve("report.md"));
        assertTrue(markdown.contains("| ❌ | timed out after 1 s |"), markdown);
        assertTrue(markdown.contains("| Deadlines | 1 s per test (per attempt), 30 min per run |"),
                markdown);
        assertTrue(junitXml().contains("message=\"timed out after 1 s\""), this::junitXml);

        assertTrue(server.opened() >= 1, "the test streamed");
        assertTrue(server.awaitAllEndedByClients(Duration.ofSeconds(30)),
                "every stream the timed-out test started was cancelled");
    }

    @Test
    void whenTheRunsDeadlinePassesTheRestAreNotRun() throws Exception {
        CliRun run = run("--tests", "P01,P02,P05", "--test-timeout", "60s", "--run-timeout",
                "1500ms");

        assertEquals(1, run.exitCode(), run::all);
        JsonNode report = JSON.readTree(reports.resolve("report.json").toFile());
        List<JsonNode> tests = List.copyOf(report.path("tests").findParents("status"));
        JsonNode first = tests.get(0);
        assertEquals("P01", first.path("id").asText(), run::all);
        assertEquals("failed", first.path("status").asText());
        assertTrue(first.path("message").asText().matches("timed out after [\\d.]+ (m?s): the "
                + "run's deadline \\(1\\.5 s\\) passed"), first::toString);
        assertTrue(tests.size() >= 3, run::all);
        for (JsonNode rest : tests.subList(1, tests.size())) {
            assertEquals("not_run", rest.path("status").asText(), rest::toString);
            assertEquals("not run: the run's deadline (1.5 s) passed",
                    rest.path("message").asText());
        }
        int notRun = tests.size() - 1;
        assertEquals(notRun, report.path("counts").path("not_run").asInt());

        assertTrue(run.out().lines().anyMatch(line -> line.matches("  NORUN P02 .* — not run: "
                + "the run's deadline \\(1\\.5 s\\) passed")), run::all);
        assertTrue(run.out().contains("tests: 0 passed, 1 failed, 0 skipped, " + notRun
                + " not run ("), run::all);
        assertTrue(Files.readString(reports.resolve("report.md"))
                .contains("| ⏹ | not run: the run's deadline (1.5 s) passed |"));
        assertTrue(junitXml().contains("<skipped><![CDATA[not run: the run's deadline (1.5 s) "
                + "passed]]>"), this::junitXml);
        assertTrue(server.awaitAllEndedByClients(Duration.ofSeconds(30)),
                "the streams of the test cut short by the run's deadline were cancelled");
    }

    @Test
    void deadlinesAreCheckedBeforeAnythingRuns() {
        CliRun zero = run("--test-timeout", "0s");
        assertEquals(2, zero.exitCode(), zero::all);
        assertTrue(zero.err().contains("the duration '0s' must be positive"), zero::all);

        CliRun word = run("--run-timeout", "soon");
        assertEquals(2, word.exitCode(), word::all);
        assertTrue(word.err().contains("'soon' is not a duration; write e.g. 500ms, 90s, 2m, 1h, "
                + "120 (seconds) or PT2M"), word::all);
        assertEquals(0, server.opened());
    }

    private String junitXml() {
        try (Stream<Path> files = Files.list(reports.resolve("junit"))) {
            StringBuilder xml = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).toList()) {
                xml.append(Files.readString(file));
            }
            return xml.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
