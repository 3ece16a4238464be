package dev.providers.conformance.llama;

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
 * The kit against a real, independently written server: llama.cpp's llama-server with the tiny
 * deterministic model, started with {@code --api-key} so that the wrong-key test runs too. The
 * PROTOCOL tier must pass in full; the BEHAVIOUR tier must fail exactly where a model that only
 * says "Hello, world!" (or calls get_weather) must. The reports stay in
 * {@code target/conformance-reports/llama-server/} as CI artifacts.
 */
@Tag("llama-server")
@ExtendWith(LlamaServerExtension.class)
class KitAgainstLlamaServerTest {

    /** Where the reports of these runs are kept, relative to the module. */
    static final Path REPORTS = Path.of("target", "conformance-reports", "llama-server");

    private static final String KEY = "sk-kit-llama-0123456789";

    @TempDir
    static Path dir;

    private static LlamaServer server;
    private static Path providers;

    @BeforeAll
    static void start() throws IOException {
        Path model = TinyLlamaModel.write(Files.createDirectories(dir.resolve("model")));
        server = LlamaServer.builder(model).binary(LlamaServerExtension.binaryOrAbort())
                .logFile(LlamaServerExtension.newLogFile("llama-server-kit")).apiKey(KEY)
                .start();
        providers = Files.createDirectories(dir.resolve("providers.d"));
        Files.writeString(providers.resolve("llama-cpp.yaml"), catalogCopy(server));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Returns the catalog entry {@code providers.d/llama-cpp.yaml}, as shipped in the engine
     * JAR, pointed at the running server and given its key.
     */
    static String catalogCopy(LlamaServer server) throws IOException {
        try (InputStream in = KitAgainstLlamaServerTest.class.getClassLoader()
                .getResourceAsStream("dev/providers/engine/catalog/llama-cpp.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String shipped = "baseUrl: http://127.0.0.1:8080/v1\n";
            assertTrue(yaml.contains(shipped), "the catalog entry changed its base URL");
            return yaml.replace(shipped, "baseUrl: " + server.baseUrl() + "\napiKey: " + KEY
                    + "\nauthHeader: true\n");
        }
    }

    private static SuiteResult run(TierSelection tier) throws IOException {
        Path reports = REPORTS.resolve(tier.name().toLowerCase(java.util.Locale.ROOT));
        SuiteRun run = SuiteRun.builder().provider("llama-cpp").model(server.alias())
                .providersDir(providers).reportDir(reports).tier(tier).attempts(2).build();
        StringWriter console = new StringWriter();
        SuiteResult result = SuiteExecutor.create().execute(run, new PrintWriter(console));
        Reports.write(result, reports);
        Files.writeString(reports.resolve("console.txt"), console.toString());
        assertNull(result.setupError(), result.setupError());
        return result;
    }

    @Test
    void theProtocolTierPassesInFull() throws IOException {
        SuiteResult result = run(TierSelection.PROTOCOL);
        assertEquals(List.of(), result.ids(TestStatus.FAILED), () -> result.describe());
        // the tiny model neither thinks nor sees: those gates skip, with the reason
        assertEquals(Map.of("P19", "the model does not declare reasoning: true",
                "P20", "the model declares no image input (input lacks image)"),
                result.messages(TestStatus.SKIPPED), () -> result.describe());
        assertEquals(35, result.count(TestStatus.PASSED), () -> result.describe());
        // facts about the real server the kit records rather than fails on
        assertTrue(result.notes("P14c").contains("the server accepted an unknown model id"),
                () -> result.describe());
        assertTrue(result.notes("P14a").contains("HTTP 401"), () -> result.describe());
        assertTrue(result.notes("P12").contains("exceeds the available context size"),
                () -> result.describe());
        assertTrue(result.notes("P04b").contains("a named tool_choice is not honoured: "
                + "get_time named, get_weather called"), () -> result.describe());
    }

    @Test
    void theBehaviourTierFailsTheWayATinyModelMust() throws IOException {
        SuiteResult result = run(TierSelection.BEHAVIOUR);
        Map<String, String> failed = result.messages(TestStatus.FAILED);
        // "Hello, world!" is neither an exact reply, a sum, nor 50 characters to cancel after
        assertEquals(List.of("B01", "B02", "B03", "B06", "B08", "B09"),
                new ArrayList<>(new TreeMap<>(failed).keySet()), () -> result.describe());
        assertTrue(failed.get("B01").contains("lacks 'hello test successful': Hello, world!"),
                failed::toString);
        assertTrue(failed.get("B03").contains("lacks 714"), failed::toString);
        assertTrue(failed.get("B06").contains("2+2 is not answered: Hello, world!"),
                failed::toString);
        assertTrue(failed.get("B08").contains("ended before 50 characters"), failed::toString);
        assertTrue(failed.get("B09").contains("ended before 1000 characters"), failed::toString);
        for (String id : failed.keySet()) {
            assertTrue(failed.get(id).startsWith("0/2 attempts passed"), failed::toString);
        }
        Map<String, String> skipped = result.messages(TestStatus.SKIPPED);
        skipped.putAll(result.messages(TestStatus.ABORTED));
        // B07 needs images and tools: the whole class skips
        assertEquals(List.of("B04", "B05", "B07", "B11"),
                new ArrayList<>(new TreeMap<>(skipped).keySet()), () -> result.describe());
        assertEquals(List.of("B10"), result.ids(TestStatus.PASSED), () -> result.describe());
    }




}
