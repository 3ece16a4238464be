package dev.providers.examples.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.launch.SuiteExecutor;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TestStatus;
import dev.providers.conformance.launch.TierSelection;
import dev.providers.conformance.report.Reports;
import dev.providers.peer.LlamaServer;
import dev.providers.peer.LlamaServerExtension;
import dev.providers.peer.TinyLlamaModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit's PROTOCOL tier through the plugged-in dialect, against the real
 * llama-server (started with {@code --api-key}, so the wrong-key test runs): the provider file
 * says {@code api: llama-cpp-native} and nothing else tells the kit about the dialect. The
 * event-level tests must pass; tool tests are skipped because the dialect takes no tools, and
 * tests that read one dialect's wire format are skipped because there is no wire view of this
 * one. The reports stay in {@code target/conformance-reports/llama-cpp-native/}.
 */
@Tag("llama-server")
@ExtendWith(LlamaServerExtension.class)
class KitThroughNativeDialectTest {

    /** Where the reports of the run are kept, relative to the module. */
    static final Path REPORTS = Path.of("target", "conformance-reports", "llama-cpp-native");

    private static final String KEY = "sk-kit-native-0123456789";

    /**
     * The tests that only look at events, the final message and errors: they pass on any
     * dialect. The others read the wire too, and pass or are skipped for want of a view of it.
     */
    private static final Set<String> EVENT_LEVEL = Set.of("P01", "P02", "P10a", "P11", "P12",
            "P14a", "P14b", "P14c");

    /** The test classes whose every test needs tools (P15 and P18 each have one such test). */
    private static final Set<String> TOOL_TESTS = Set.of("P04", "P04b", "P05", "P06", "P07",
            "P13");

    @TempDir
    Path dir;

    /** Writes the provider file {@code native.yaml} for a server into a new directory. */
    private Path providers(LlamaServer server) throws IOException {
        Path providers = Files.createDirectories(dir.resolve("providers.d"));
        Files.writeString(providers.resolve("native.yaml"), "id: native\n"
                + "api: llama-cpp-native\n"
                + "baseUrl: " + LlamaServerNativeTest.root(server) + "\n"
                + "apiKey: " + KEY + "\n"
                + "authHeader: true\n"
                + "models:\n"
                + "  - id: tiny-llama\n"
                + "    contextWindow: " + TinyLlamaModel.CONTEXT_LENGTH + "\n"
                + "    maxTokens: 64\n"
                + "    input: [text]\n");
        return providers;
    }

    @Test
    void theProtocolTierRunsThroughThePluggedInDialect() throws IOException {
        Path model = TinyLlamaModel.write(Files.createDirectories(dir.resolve("model")));
        SuiteResult result;
        try (LlamaServer server = LlamaServer.builder(model)
                .binary(LlamaServerExtension.binaryOrAbort())
                .logFile(LlamaServerExtension.newLogFile("llama-server-native-kit")).apiKey(KEY)
                .start()) {
            SuiteRun run = SuiteRun.builder().provider("native").model("tiny-llama")
                    .providersDir(providers(server)).reportDir(REPORTS)
                    .tier(TierSelection.PROTOCOL).build();
            StringWriter console = new StringWriter();
            result = SuiteExecutor.create().execute(run, new PrintWriter(console));
            Reports.write(result, REPORTS);
            Files.writeString(REPORTS.resolve("console.txt"), console.toString());
        }
        assertNull(result.setupError(), result.setupError());

        assertEquals(List.of(), result.ids(TestStatus.FAILED), () -> result.describe());
        Set<String> passed = new TreeSet<>(result.ids(TestStatus.PASSED));
        assertTrue(passed.containsAll(EVENT_LEVEL), () -> "not passed: "
                + difference(EVENT_LEVEL, passed) + "\n" + result.describe());
        Map<String, String> skipped = result.messages(TestStatus.SKIPPED);
        skipped.putAll(result.messages(TestStatus.ABORTED));
        for (String id : TOOL_TESTS) {
            assertEquals("the dialect llama-cpp-native takes no tools", skipped.get(id),
                    () -> id + " is not skipped for tools\n" + result.describe());
        }
        assertEquals("the model does not declare reasoning: true", skipped.get("P19"));
        assertEquals("the model declares no image input (input lacks image)",
                skipped.get("P20"));
        // every other skip is a wire-format check with no view of this dialect's wire
        for (Map.Entry<String, String> skip : skipped.entrySet()) {
            if (!TOOL_TESTS.contains(skip.getKey()) && !Set.of("P19", "P20")
                    .contains(skip.getKey())) {
                assertTrue(skip.getValue().startsWith("no wire view for dialect "
                        + "llama-cpp-native") || skip.getValue().equals("the dialect "
                        + "llama-cpp-native takes no tools"), () -> skip + "\n"
                        + result.describe());
            }
        }
        assertTrue(result.notes("P14a").contains("HTTP 401"), () -> result.describe());
        assertTrue(result.notes("P14c").contains("the server accepted an unknown model id"),
                () -> result.describe());
    }

    private static Set<String> difference(Set<String> all, Set<String> some) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(some);
        return rest;
    }




}
