package dev.providers.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.conformance.api.Tier;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TestResult;
import dev.providers.conformance.launch.TestStatus;
import dev.providers.conformance.launch.TierSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path dir;

    private static TestResult test(String id, String cls, String name, Tier tier,
            TestStatus status, String message, List<String> deviations,
            List<String> suggestions, String attempts, String capture) {
        return new TestResult(id, cls, name, id + "Test#m", tier, status, Duration.ofMillis(1250),
                message, List.of("saw " + id), deviations, suggestions, attempts, capture);
    }

    static SuiteResult sample(Path reports) {
        SuiteRun run = SuiteRun.builder().provider("my-llm").model("Qwen/Qwen3-8B")
                .tier(TierSelection.ALL).tests("P0*").reportDir(reports).attempts(3).build();
        List<TestResult> tests = List.of(
                test("B02", "B02 math tool", "B02 calls the tool", Tier.BEHAVIOUR,
                        TestStatus.PASSED, null, List.of("a synthesized id"), List.of(),
                        "2/3 attempts passed; attempt 1: no tool call", null),
                test("P01", "P01 basic text + replay", "P01 two turns", Tier.PROTOCOL,
                        TestStatus.PASSED, null, List.of(), List.of(), null, null),
                test("P04", "P04 tool call", "P04 a required call | streams", Tier.PROTOCOL,
                        TestStatus.FAILED, "expected toolUse\nbut was stop",
                        List.of("a named tool_choice was ignored"),
                        List.of("supportsToolChoice: false"), null,
                        "captures/P04ToolCallTest.requiredToolCall"),
                test("P07", "P07 foreign history", "P07 developer role", Tier.PROTOCOL,
                        TestStatus.PASSED, null, List.of(),
                        List.of("supportsDeveloperRole: false"), null, null),
                test("P08", "P08 usage", "P08 usage", Tier.PROTOCOL, TestStatus.PASSED, null,
                        List.of(), List.of("supportsDeveloperRole: false",
                                "supportsToolChoice: true"), null, null),
                test("P12", "P12 overflow", "P12 overflow", Tier.PROTOCOL, TestStatus.SKIPPED,
                        "the model declares no context window", List.of(), List.of(), null,
                        null));
        return new SuiteResult(run, "Qwen/Qwen3-8B", "http://vllm.internal:8000/v1",
                "openai-completions", Instant.parse("2025-03-01T10:15:30Z"),
                Duration.ofMillis(13_440), tests, null);
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(sample(dir)));
        assertEquals(List.of("format", "run", "setupError", "counts", "tests",
                "suggestedCompat"), names(json));
        assertEquals("conformance-report/1", json.get("format").asText());
        JsonNode run = json.get("run");
        assertEquals(List.of("provider", "model", "api", "baseUrl", "tier", "tests", "attempts",
                "testTimeoutMs", "runTimeoutMs", "startedAt", "durationMs"), names(run));
        assertEquals(120_000, run.get("testTimeoutMs").asLong());
        assertEquals(1_800_000, run.get("runTimeoutMs").asLong());
        assertEquals("my-llm", run.get("provider").asText());
        assertEquals("all", run.get("tier").asText());
        assertEquals("2025-03-01T10:15:30Z", run.get("startedAt").asText());
        assertEquals(13_440, run.get("durationMs").asLong());
        assertTrue(json.get("setupError").isNull());
        assertEquals("{\"total\":6,\"passed\":4,\"failed\":1,\"skipped\":1,\"aborted\":0,"
                + "\"not_run\":0}",
                json.get("counts").toString());

        JsonNode p04 = json.get("tests").get(2);
        assertEquals(List.of("id", "class", "name", "source", "tier", "status", "durationMs",
                "message", "observations", "deviations", "suggestions", "attempts", "capture"),
                names(p04));
        assertEquals("failed", p04.get("status").asText());
        assertEquals("protocol", p04.get("tier").asText());
        assertEquals("expected toolUse\nbut was stop", p04.get("message").asText());
        assertEquals("captures/P04ToolCallTest.requiredToolCall", p04.get("capture").asText());
        assertTrue(json.get("tests").get(1).get("attempts").isNull());
        assertEquals("2/3 attempts passed; attempt 1: no tool call",
                json.get("tests").get(0).get("attempts").asText());

        assertEquals("[{\"line\":\"supportsToolChoice: false\",\"tests\":[\"P04\"]},"
                + "{\"line\":\"supportsDeveloperRole: false\",\"tests\":[\"P07\",\"P08\"]},"
                + "{\"line\":\"supportsToolChoice: true\",\"tests\":[\"P08\"]}]",
                json.get("suggestedCompat").toString());
    }

    @Test
    void markdownHasHeaderMatrixAndSections() {
        String md = MarkdownReport.render(sample(dir));
        assertTrue(md.startsWith("# Conformance report: my-llm / Qwen/Qwen3-8B\n\n"), md);
        assertTrue(md.contains("| Endpoint | `http://vllm.internal:8000/v1` "
                + "(openai-completions) |\n"), md);
        assertTrue(md.contains("| Date | 2025-03-01 10:15:30 UTC |\n"), md);
        assertTrue(md.contains("| Deadlines | 120 s per test (per attempt), 30 min per run |\n"),
                md);
        assertTrue(md.contains("| Result | ❌ 6 tests: 4 passed, 1 failed, 1 skipped (13.4 s) |"),
                md);
        assertTrue(md.contains("| ID | Area | Test | Tier | Result | Note |\n"), md);
        assertTrue(md.contains("| P01 | basic text + replay | two turns | protocol | ✅ |  |\n"),
                md);
        assertTrue(md.contains("| P04 | tool call | a required call \\| streams | protocol | ❌ "
                + "| expected toolUse; ⚠ 1 deviation |\n"), md);
        assertTrue(md.contains("| P12 | overflow | (whole class) | protocol | ⏭ "
                + "| the model declares no context window |\n"), md);
        assertTrue(md.contains("| B02 | math tool | calls the tool | behaviour | ✅ "
                + "| 2/3 attempts passed; ⚠ 1 deviation |\n"), md);
        assertOrder(md, "| P01 |", "| P04 |", "| P12 |", "| B02 |");
        assertOrder(md, "## Compatibility matrix", "## Deviations", "## Observations",
                "## Suggested compat patch", "## Captures");
        assertTrue(md.contains("- **P04** a named tool_choice was ignored\n"), md);
        assertTrue(md.contains("- **P01** saw P01\n"), md);
        assertTrue(md.contains("```yaml\n# Compat settings suggested"), md);
        assertTrue(md.contains("- **P04** P04 tool call › P04 a required call | streams: "
                + "[captures/P04ToolCallTest.requiredToolCall]"
                + "(captures/P04ToolCallTest.requiredToolCall/)\n"), md);
    }

    @Test
    void aNoteShowsAFailedAttemptsSummaryOnceAndIsCut() {
        String summary = "0/3 attempts passed; attempt 1: " + "x".repeat(400);
        TestResult failed = test("B01", "B01 hello", "B01 replies", Tier.BEHAVIOUR,
                TestStatus.FAILED, summary, List.of(), List.of(), summary, null);
        String note = MarkdownReport.note(failed);
        assertTrue(note.startsWith("0/3 attempts passed; attempt 1: xxx"), note);
        assertEquals(300, note.length());
        assertTrue(note.endsWith("…"), note);
    }

    @Test
    void yamlListsEachSuggestionOnceAndKeepsConflictsAsComments() {
        String yaml = CompatYaml.render(sample(dir));
        List<String> lines = yaml.lines().toList();
        assertTrue(lines.get(0).startsWith("# Compat settings suggested by the conformance run "
                + "of my-llm/Qwen/Qwen3-8B on 2025-03-01 10:15:30 UTC"), yaml);
        assertTrue(yaml.contains("# Printed, not applied"), yaml);
        int compat = lines.indexOf("compat:");
        assertEquals(List.of(
                "  supportsToolChoice: false  # suggested by P04",
                "  supportsDeveloperRole: false  # suggested by P07, P08",
                "  # supportsToolChoice: true  # suggested by P08; conflicts with the setting "
                        + "above"), lines.subList(compat + 1, lines.size()));
        for (String line : lines.subList(0, compat)) {
            assertTrue(line.startsWith("#"), line);
        }
    }

    @Test
    void writeCreatesTheFilesAndRemovesStaleAdvice() throws Exception {
        Path reports = dir.resolve("out");
        List<Path> written = Reports.write(sample(reports), reports);
        assertEquals(List.of(reports.resolve("report.json"), reports.resolve("report.md"),
                reports.resolve("suggested-compat.yaml")), written);

        SuiteResult quiet = new SuiteResult(sample(reports).run(), "m", "http://x/v1",
                "openai-completions", Instant.EPOCH, Duration.ZERO, List.of(), null);
        assertEquals(2, Reports.write(quiet, reports).size());
        assertFalse(Files.exists(reports.resolve("suggested-compat.yaml")));
        assertTrue(Reports.compatSnippet(quiet).isEmpty());
        assertTrue(Files.readString(reports.resolve("report.md")).contains("No test ran."));
    }

    @Test
    void aSetupErrorIsReported() throws Exception {
        SuiteResult failed = new SuiteResult(sample(dir).run(), null, null, null, Instant.EPOCH,
                Duration.ZERO, List.of(), "unknown provider 'x'; known providers: a, b");
        String md = MarkdownReport.render(failed);
        assertTrue(md.contains("| Model | (unresolved) |"), md);
        assertTrue(md.contains("**The suite could not run:**\n\n```\nunknown provider 'x'"), md);
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(failed));
        assertEquals("unknown provider 'x'; known providers: a, b",
                json.get("setupError").asText());
        assertTrue(json.get("run").get("baseUrl").isNull());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertOrder(String text, String... parts) {
        int at = -1;
        for (String part : parts) {
            int next = text.indexOf(part);
            assertTrue(next > at, part + " out of order in\n" + text);
            at = next;
        }
    }
}
