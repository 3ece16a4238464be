package dev.providers.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.launch.SuiteExecutor;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TestStatus;
import dev.providers.conformance.launch.TierSelection;
import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.ReferenceServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit flags each Gemini deviation, also those the engine absorbs (so that nothing fails):
 * calls without ids as the engine's synthesised-id deviation, an error array and usage on the
 * last chunk in its notes on the wire; a SAFETY stop and a MALFORMED_FUNCTION_CALL stop in the
 * failures they cause. ReferenceProfilesKitTest checks the failing tests and suggestions of
 * every profile; this test checks what the report says about the ones that pass.
 */
class GeminiProfilesKitTest {

    @TempDir Path dir;

    private SuiteResult run(Profile profile, String tests) throws Exception {
        String key = "sk-gemini-kit-" + profile.id();
        Path sub = dir.resolve(profile.id());
        try (ReferenceServer server = ReferenceServer.start(profile, key)) {
            Path providers = Files.createDirectories(sub.resolve("providers.d"));
            Files.writeString(providers.resolve(profile.providerId() + ".yaml"),
                    profile.providerYaml(server.baseUrl(), key));
            return SuiteExecutor.create().execute(SuiteRun.builder()
                    .provider(profile.providerId()).providersDir(providers)
                    .reportDir(sub.resolve("reports")).tier(TierSelection.PROTOCOL)
                    .tests(tests).attempts(1).build(), new PrintWriter(new StringWriter()));
        }
    }

    @Test
    void theConformantProfileShowsGeminisOwnWire() throws Exception {
        SuiteResult result = run(Profile.GEMINI, "P04,P14,P15");
        assertTrue(result.ids(TestStatus.FAILED).isEmpty(), result.describe());
        assertTrue(result.notes("P15").contains("usageMetadata on every chunk"),
                result.notes("P15"));
        assertTrue(result.notes("P15").contains("functionCall with id"), result.notes("P15"));
        assertFalse(result.notes("P04").contains("synthesized-tool-call-id"),
                result.notes("P04"));
        assertFalse(result.notes("P14a").contains("array"), result.notes("P14a"));
    }

    @Test
    void callsWithoutIdsAreRecordedAsSynthesisedIds() throws Exception {
        SuiteResult result = run(Profile.GEMINI_NO_CALL_IDS, "P04,P05,P15");
        assertTrue(result.ids(TestStatus.FAILED).isEmpty(), result.describe());
        assertTrue(result.notes("P04").contains("synthesized-tool-call-id: the server sent no "
                + "id for function call 'get_weather'"), result.notes("P04"));
        assertTrue(result.notes("P15").contains("functionCall without id"),
                result.notes("P15"));
    }

    @Test
    void anErrorArrayIsNotedOnTheErrorBodies() throws Exception {
        SuiteResult result = run(Profile.GEMINI_ERROR_ARRAY, "P14");
        assertTrue(result.ids(TestStatus.FAILED).isEmpty(), result.describe());
        assertTrue(result.notes("P14a").contains("an error body wrapped in a one-element array"),
                result.notes("P14a"));
        assertTrue(result.notes("P14c").contains("an error body wrapped in a one-element array"),
                result.notes("P14c"));
    }

    @Test
    void usageOnTheLastChunkOnlyIsNotedInTheFraming() throws Exception {
        SuiteResult result = run(Profile.GEMINI_USAGE_LAST, "P08,P15");
        assertTrue(result.ids(TestStatus.FAILED).isEmpty(), result.describe());
        assertTrue(result.notes("P15").contains("usageMetadata only on the last chunk"),
                result.notes("P15"));
    }

    @Test
    void aSafetyStopAndAMalformedCallFailWithWhatTheWireSaid() throws Exception {
        SuiteResult safety = run(Profile.GEMINI_SAFETY, "P01,P04");
        assertTrue(safety.messages(TestStatus.FAILED).get("P01").contains("error "
                + "(content_filter): the answer was blocked (finishReason SAFETY)"),
                safety.describe());
        assertFalse(safety.ids(TestStatus.FAILED).contains("P04"), "a call is not filtered");
        SuiteResult malformed = run(Profile.GEMINI_MALFORMED_CALLS, "P01,P04");
        assertTrue(malformed.messages(TestStatus.FAILED).get("P04").contains("error (protocol)"
                + ": the model produced a malformed function call (finishReason "
                + "MALFORMED_FUNCTION_CALL): Malformed function call: "), malformed.describe());
        assertFalse(malformed.ids(TestStatus.FAILED).contains("P01"), "text is not affected");
    }
}
