package dev.providers.conformance.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.launch.SuiteExecutor;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TestResult;
import dev.providers.conformance.launch.TestStatus;
import dev.providers.conformance.launch.TierSelection;
import dev.providers.conformance.report.Reports;
import dev.providers.peer.LlamaServer;
import dev.providers.peer.LlamaServerExtension;
import dev.providers.peer.TinyLlamaModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit against the real llama-server through the {@code openai-responses} dialect
 * ({@code POST /v1/responses}), with the tiny deterministic model, started with
 * {@code --api-key}. With the catalog's {@code llama-cpp-responses} file the PROTOCOL tier passes
 * in full; with a plain file that declares nothing, the kit fails exactly where the server
 * deviates (a length stop it reports as completed) and names the flag. The reports stay in
 * {@code target/conformance-reports/llama-server-responses/} as CI artifacts.
 */
@Tag("llama-server")
@ExtendWith(LlamaServerExtension.class)
class KitAgainstLlamaServerResponsesTest {

    /** Where the reports of these runs are kept, relative to the module. */
    static final Path REPORTS = Path.of("target", "conformance-reports",
            "llama-server-responses");

    private static final String KEY = "sk-kit-llama-responses-0123456789";

    @TempDir
    static Path dir;

    private static LlamaServer server;
    private static Path providers;

    @BeforeAll
    static void start() throws IOException {
        Path model = TinyLlamaModel.write(Files.createDirectories(dir.resolve("model")));
        server = LlamaServer.builder(model).binary(LlamaServerExtension.binaryOrAbort())
                .logFile(LlamaServerExtension.newLogFile("llama-server-kit-responses"))
                .apiKey(KEY).start();
        providers = Files.createDirectories(dir.resolve("providers.d"));
        Files.writeString(providers.resolve("llama-cpp-responses.yaml"), catalogCopy(server));
        Files.writeString(providers.resolve("llama-plain.yaml"), "id: llama-plain\n"
                + "api: openai-responses\nbaseUrl: " + server.baseUrl() + "\napiKey: " + KEY
                + "\nauthHeader: true\nmodels:\n  - id: " + server.alias() + "\n"
                + "    contextWindow: " + TinyLlamaModel.CONTEXT_LENGTH + "\n    maxTokens: 64\n");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Returns the catalog entry {@code providers.d/llama-cpp-responses.yaml}, as shipped in the
     * engine JAR, pointed at the running server and given its key.
     */
    static String catalogCopy(LlamaServer server) throws IOException {
        try (InputStream in = KitAgainstLlamaServerResponsesTest.class.getClassLoader()
                .getResourceAsStream("dev/providers/engine/catalog/llama-cpp-responses.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String shipped = "baseUrl: http://127.0.0.1:8080/v1\n";
            assertTrue(yaml.contains(shipped), "the catalog entry changed its base URL");
            return yaml.replace(shipped, "baseUrl: " + server.baseUrl() + "\napiKey: " + KEY
                    + "\nauthHeader: true\n");
        }
    }

    private static SuiteResult run(String provider, TierSelection tier) throws IOException {
        Path reports = REPORTS.resolve(provider + "-"
                + tier.name().toLowerCase(java.util.Locale.ROOT));
        SuiteRun run = SuiteRun.builder().provider(provider).model(server.alias())
                .providersDir(providers).reportDir(reports).tier(tier).attempts(2).build();
        StringWriter console = new StringWriter();
        SuiteResult result = SuiteExecutor.create().execute(run, new PrintWriter(console));
        Reports.write(result, reports);
        Files.writeString(reports.resolve("console.txt"), console.toString());
        assertNull(result.setupError(), result.setupError());
        return result;
    }

    @Test
    void theProtocolTierPassesInFullWithTheCatalogFile() throws IOException {
        SuiteResult result = run("llama-cpp-responses", TierSelection.PROTOCOL);
        assertEquals(List.of(), result.ids(TestStatus.FAILED), result::describe);
        // usage always streams in this dialect; the tiny model neither thinks nor sees
        assertEquals(Map.of("P09", "the dialect openai-responses always streams usage: there "
                + "is no switch to turn off", "P19", "the model does not declare reasoning: "
                + "true", "P20", "the model declares no image input (input lacks image)"),
                skipped(result), result::describe);
        assertEquals(34, result.count(TestStatus.PASSED), result::describe);
        // facts about the real server the kit records rather than fails on
        assertTrue(result.notes("P15").contains("items named by item_id only (no "
                + "output_index)"), result::describe);
        assertTrue(result.notes("P14c").contains("the server accepted an unknown model id"),
                result::describe);
        assertTrue(result.notes("P14a").contains("HTTP 401"), result::describe);
        assertTrue(result.notes("P12").contains("exceeds the available context size"),
                result::describe);
    }

    @Test
    void aPlainFileFailsWhereTheServerDeviatesAndTheKitNamesTheFlag() throws IOException {
        SuiteResult result = run("llama-plain", TierSelection.PROTOCOL);
        // llama-server says completed for an answer cut at max_output_tokens
        assertEquals(List.of("P03"), result.ids(TestStatus.FAILED), result::describe);
        assertTrue(result.messages(TestStatus.FAILED).get("P03").contains(
                "expected: <LENGTH> but was: <STOP>"), result::describe);
        assertEquals(List.of("lengthFromUsage: true"), result.tests().stream()
                .flatMap(t -> t.suggestions().stream()).distinct().toList(), result::describe);
        // a plain file declares no stop sequences: P03b skips with the reason
        assertTrue(skipped(result).get("P03b").contains("compat.supportsStopSequences is "
                + "false"), result::describe);
    }

    @Test
    void theBehaviourTierFailsTheWayATinyModelMust() throws IOException {
        SuiteResult result = run("llama-cpp-responses", TierSelection.BEHAVIOUR);
        Map<String, String> failed = result.messages(TestStatus.FAILED);
        assertEquals(List.of("B01", "B02", "B03", "B06", "B08", "B09"),
                new ArrayList<>(new TreeMap<>(failed).keySet()), result::describe);
        assertTrue(failed.get("B01").contains("lacks 'hello test successful': Hello, world!"),
                failed::toString);
        for (String id : failed.keySet()) {
            assertTrue(failed.get(id).startsWith("0/2 attempts passed"), failed::toString);
        }
        assertEquals(List.of("B04", "B05", "B07", "B11"), new ArrayList<>(new TreeMap<>(
                skipped(result)).keySet()), result::describe);
        assertEquals(List.of("B10"), result.ids(TestStatus.PASSED), result::describe);
    }

    /** Returns the message of each skipped or aborted test, by id. */
    private static Map<String, String> skipped(SuiteResult result) {
        Map<String, String> out = new TreeMap<>(result.messages(TestStatus.SKIPPED));
        for (TestResult test : result.tests()) {
            if (test.status() == TestStatus.ABORTED) {
                out.put(test.id(), String.valueOf(test.message()));
            }
        }
        return out;
    }
}
