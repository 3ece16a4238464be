package dev.providers.conformance.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TestResult;
import dev.providers.conformance.launch.TestStatus;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@code report.json}. The shape is a contract for tools reading it; add fields, never
 * rename or remove them without changing {@link #FORMAT}:
 *
 * <pre>{@code
 * {
 *   "format": "conformance-report/1",
 *   "run": {"provider", "model", "api", "baseUrl", "tier", "tests", "attempts",
 *           "testTimeoutMs", "runTimeoutMs", "startedAt" (ISO-8601), "durationMs"},
 *   "setupError": null | "why the suite could not run",
 *   "counts": {"total", "passed", "failed", "skipped", "aborted", "not_run"},
 *   "tests": [{"id", "class", "name", "source", "tier", "status" (passed|failed|skipped|
 *              aborted|not_run), "durationMs", "message", "observations": [],
 *              "deviations": [], "suggestions": [], "attempts", "capture"}],
 *   "suggestedCompat": [{"line", "tests": []}]
 * }
 * }</pre>
 *
 * Absent values are JSON null; lists are always present. A test that ran out of time is
 * {@code failed} with a message starting "timed out after"; {@code not_run} marks the tests the
 * run's deadline left out (added in the same format version: readers that know only the first
 * four statuses should treat an unknown one as a failure). No secret is written: the endpoint
 * is its base URL alone, and every text has the run's secrets redacted.
 */
final class JsonReport {

    /** The version of the shape. */
    static final String FORMAT = "conformance-report/1";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private JsonReport() { }

    static String render(SuiteResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        SuiteRun run = result.run();
        root.putObject("run")
                .put("provider", result.provider())
                .put("model", result.model())
                .put("api", result.api())
                .put("baseUrl", result.baseUrl())
                .put("tier", run.tier().label())
                .put("tests", run.tests())
                .put("attempts", run.attempts())
                .put("testTimeoutMs", run.testTimeout().toMillis())
                .put("runTimeoutMs", run.runTimeout().toMillis())
                .put("startedAt", result.startedAt().toString())
                .put("durationMs", result.duration().toMillis());
        root.put("setupError", result.setupError());
        ObjectNode counts = root.putObject("counts").put("total", result.tests().size());
        for (TestStatus status : TestStatus.values()) {
            counts.put(label(status), result.count(status));
        }
        ArrayNode tests = root.putArray("tests");
        for (TestResult test : result.tests()) {
            ObjectNode node = tests.addObject()
                    .put("id", test.id())
                    .put("class", test.classDisplayName())
                    .put("name", test.displayName())
                    .put("source", test.source())
                    .put("tier", test.tier() == null ? null : test.tier().tag())
                    .put("status", label(test.status()))
                    .put("durationMs", test.duration().toMillis())
                    .put("message", test.message());
            strings(node.putArray("observations"), test.observations());
            strings(node.putArray("deviations"), test.deviations());
            strings(node.putArray("suggestions"), test.suggestions());
            node.put("attempts", test.attempts()).put("capture", test.capture());
        }
        ArrayNode compat = root.putArray("suggestedCompat");
        for (CompatSuggestions.Suggestion s : CompatSuggestions.of(result)) {
            strings(compat.addObject().put("line", s.line()).putArray("tests"), s.tests());
        }
        try {
            return PRETTY.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Returns the status as written in reports: "passed", "failed", … */
    static String label(TestStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
