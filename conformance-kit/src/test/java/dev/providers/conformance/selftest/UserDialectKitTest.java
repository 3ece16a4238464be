package dev.providers.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.WireViews;
import dev.providers.conformance.launch.SuiteExecutor;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TestResult;
import dev.providers.conformance.launch.TestStatus;
import dev.providers.conformance.launch.TierSelection;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.spec.CompatSettings;
import dev.providers.engine.spec.InputKind;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import dev.providers.engine.spec.ThinkingLevelMap;
import dev.providers.engine.spec.TransportSettings;
import dev.providers.engine.spi.Dialects;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PROTOCOL tier against a provider whose dialect the kit has never heard of: a tiny dialect
 * registered here ({@link JsonLinesDialect}) speaking to a scripted server on 127.0.0.1. The
 * event-level tests run unchanged and pass; the wire-specific ones are skipped because the kit
 * has no wire view for the dialect, and the tool tests because the dialect takes no tools, each
 * with its reason; tests that also compare with the wire note what they left out.
 */
class UserDialectKitTest {

    private static final String KEY = "sk-lines-0123456789abcdef";
    private static final String NO_VIEW = "no wire view for dialect " + JsonLinesDialect.API
            + ": ";
    private static final String NO_TOOLS = "the dialect " + JsonLinesDialect.API
            + " takes no tools";

    @BeforeAll
    static void register() {
        Dialects.register(JsonLinesDialect.INSTANCE);
    }

    @Test
    void eventLevelTestsPassAndWireSpecificOnesAreSkippedWithTheReason(@TempDir Path dir) {
        assertTrue(WireViews.find(JsonLinesDialect.API).isEmpty(), "the kit must not know it");
        SuiteResult result;
        try (JsonLinesServer server = JsonLinesServer.start(KEY)) {
            SuiteRun run = SuiteRun.builder().provider("lines").registry(registry(server))
                    .reportDir(dir.resolve("reports")).tier(TierSelection.PROTOCOL).build();
            result = SuiteExecutor.create().execute(run, new PrintWriter(new StringWriter()));
            assertTrue(server.responses() > 0, "the server streamed no answer");
        }
        SuiteResult done = result;
        assertNull(result.setupError(), result.setupError());
        assertEquals(JsonLinesDialect.API, result.api());
        assertEquals(List.of(), ids(result, TestStatus.FAILED), () -> done.describe());
        assertEquals(List.of("P01", "P02", "P03", "P03", "P03b", "P08", "P08", "P10a",
                "P10b/c", "P11", "P11", "P11", "P11", "P14a", "P14b", "P14c", "P16", "P17"),
                ids(result, TestStatus.PASSED), () -> done.describe());
        assertEquals(List.of(
                "P04 " + NO_TOOLS,
                "P04b " + NO_TOOLS,
                "P05 " + NO_TOOLS,
                "P06 " + NO_TOOLS,
                "P07 " + NO_TOOLS,
                "P09 " + NO_VIEW + "usage switched off not checked",
                "P12 the model declares no contextWindow, or one above the overflow limit",
                "P13 " + NO_TOOLS,
                "P15 " + NO_TOOLS,
                "P15 " + NO_VIEW + "framing not checked",
                "P18 " + NO_TOOLS,
                "P18 " + NO_VIEW + "request shape not checked",
                "P19 the model does not declare reasoning: true",
                "P20 the model declares no image input (input lacks image)").stream().sorted()
                .toList(), skipped(result), () -> done.describe());
        // a test that also reads the wire says what it could not check
        assertTrue(result.notes("P16").contains(NO_VIEW + "the response id and model against "
                + "the wire's not checked"), () -> done.describe());
        assertTrue(result.notes("P03").contains(NO_VIEW + "the output limit in the body and "
                + "the raw stop reason not checked"), () -> done.describe());
        // the wrong key reached the server and came back as an auth error, without the key
        assertTrue(result.notes("P14a").contains("HTTP 401, error (auth): 401: "),
                () -> done.describe());
    }

    /** A registry built in code, as the dialect's provider file cannot name it yet. */
    private static ProviderRegistry registry(JsonLinesServer server) {
        Origin origin = Origin.ofFile("UserDialectKitTest");
        ModelSpec model = new ModelSpec(JsonLinesServer.MODEL, "Lines", null, null, false,
                Set.of(InputKind.TEXT), new ModelCost(1, 2, 0, 0), null, null, Map.of(),
                ThinkingLevelMap.EMPTY, CompatSettings.NONE, origin);
        ProviderSpec provider = new ProviderSpec("lines", "JSON lines", JsonLinesDialect.API,
                URI.create(server.baseUrl()), SecretRef.literal(KEY), true, Map.of(), Map.of(),
                true, TransportSettings.DEFAULTS, CompatSettings.NONE, List.of(model), origin,
                null);
        return ProviderRegistry.of(1, List.of(provider));
    }

    private static List<String> ids(SuiteResult result, TestStatus status) {
        return result.tests().stream().filter(t -> t.status() == status).map(TestResult::id)
                .toList();
    }

    private static List<String> skipped(SuiteResult result) {
        return result.tests().stream().filter(t -> t.status() == TestStatus.SKIPPED)
                .map(t -> t.id() + " " + t.message()).sorted().toList();
    }
}
