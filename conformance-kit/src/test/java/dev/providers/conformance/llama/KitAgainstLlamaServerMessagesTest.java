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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's PROTOCOL tier through {@code anthropic-messages} against a real, independently
 * written Messages server: llama.cpp's llama-server ({@code POST /v1/messages}) with the tiny
 * deterministic model, started with {@code --api-key}. With the catalog entry
 * {@code providers.d/llama-cpp-anthropic.yaml} everything the model can do passes; with a plain
 * Messages declaration (the entry without its compat flags) the one failure is the real
 * deviation the entry's flag absorbs. The reports stay in
 * {@code target/conformance-reports/llama-server-messages/} as CI artifacts.
 */
@Tag("llama-server")
@ExtendWith(LlamaServerExtension.class)
class KitAgainstLlamaServerMessagesTest {

    /** Where the reports of these runs are kept, relative to the module. */
    static final Path REPORTS = Path.of("target", "conformance-reports",
            "llama-server-messages");

    private static final String KEY = "sk-kit-llama-messages-0123456789";
    private static final String ENTRY = "llama-cpp-anthropic";
    private static final String PLAIN = "llama-messages-plain";

    @TempDir
    static Path dir;

    private static LlamaServer server;

    @BeforeAll
    static void start() throws IOException {
        Path model = TinyLlamaModel.write(Files.createDirectories(dir.resolve("model")));
        server = LlamaServer.builder(model).binary(LlamaServerExtension.binaryOrAbort())
                .logFile(LlamaServerExtension.newLogFile("llama-server-messages")).apiKey(KEY)
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Returns the catalog entry as shipped in the engine JAR, pointed at the running server and
     * given its key; without its compat block when {@code plain}.
     */
    static String catalogCopy(boolean plain) throws IOException {
        try (InputStream in = KitAgainstLlamaServerMessagesTest.class.getClassLoader()
                .getResourceAsStream("dev/providers/engine/catalog/" + ENTRY + ".yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String shipped = "baseUrl: http://127.0.0.1:8080/v1\n";
            assertTrue(yaml.contains(shipped), "the catalog entry changed its base URL");
            yaml = yaml.replace(shipped, "baseUrl: " + server.baseUrl() + "\napiKey: " + KEY
                    + "\nauthHeader: true\n");
            if (plain) {
                int from = yaml.indexOf("\ncompat:\n");
                int to = yaml.indexOf("\nmodels:\n");
                assertTrue(from > 0 && to > from, "the entry has a compat block");
                // another id, or the file would override the built-in entry and keep its flags
                yaml = (yaml.substring(0, from) + yaml.substring(to)).replace("id: " + ENTRY
                        + "\n", "id: " + PLAIN + "\n");
            }
            return yaml;
        }
    }

    private static SuiteResult run(boolean plain) throws IOException {
        String label = plain ? "plain" : "catalog";
        String id = plain ? PLAIN : ENTRY;
        Path providers = Files.createDirectories(dir.resolve(label));
        Files.writeString(providers.resolve(id + ".yaml"), catalogCopy(plain));
        Path reports = REPORTS.resolve(label);
        SuiteRun run = SuiteRun.builder().provider(id).model(server.alias())
                .providersDir(providers).reportDir(reports).tier(TierSelection.PROTOCOL)
                .attempts(1).build();
        StringWriter console = new StringWriter();
        SuiteResult result = SuiteExecutor.create().execute(run, new PrintWriter(console));
        Reports.write(result, reports);
        Files.writeString(reports.resolve("console.txt"), console.toString());
        assertNull(result.setupError(), result.setupError());
        return result;
    }

    @Test
    void theProtocolTierPassesWithTheCatalogEntry() throws IOException {
        SuiteResult result = run(false);
        assertEquals(List.of(), result.ids(TestStatus.FAILED), () -> result.describe());
        // the tiny model neither thinks nor sees; a Messages stream always carries usage
        assertEquals(Map.of("P19", "the model does not declare reasoning: true",
                "P20", "the model declares no image input (input lacks image)"),
                result.messages(TestStatus.SKIPPED), () -> result.describe());
        assertEquals(Map.of("P09", "the dialect anthropic-messages always "
                + "streams usage: there is no switch to turn off"),
                result.messages(TestStatus.ABORTED), () -> result.describe());
        assertEquals(34, result.count(TestStatus.PASSED), () -> result.describe());
        // facts about the real server the kit records rather than fails on
        assertTrue(result.notes("P04b").contains("a named tool_choice is not honoured: "
                + "get_time named, get_weather called"), () -> result.describe());
        assertTrue(result.notes("P14c").contains("the server accepted an unknown model id"),
                () -> result.describe());
        assertTrue(result.notes("P14a").contains("HTTP 401"), () -> result.describe());
        assertTrue(result.notes("P12").contains("exceeds the available context size"),
                () -> result.describe());
    }

    @Test
    void aPlainMessagesDeclarationFailsOnlyWhereLlamaCppDeviates() throws IOException {
        SuiteResult result = run(true);
        assertEquals(List.of("P04b"), result.ids(TestStatus.FAILED), () -> result.describe());
        String failure = result.messages(TestStatus.FAILED).get("P04b");
        assertTrue(failure.contains("toolChoice none, but the model called"), failure);
        assertEquals(List.of("supportsToolChoiceNone: false"), result.tests().stream()
                .flatMap(test -> test.suggestions().stream()).distinct().toList(),
                () -> result.describe());
    }
}
