package dev.providers.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.launch.SuiteExecutor;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TestResult;
import dev.providers.conformance.launch.TestStatus;
import dev.providers.conformance.launch.TierSelection;
import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.ReferenceServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kit against every {@code openai-responses} profile of its reference server, both tiers:
 * with the plain conformant provider file the kit fails exactly the tests the profile's
 * deviation breaks, suggests exactly the compat settings that fix it, and notes what the engine
 * absorbed; with those settings applied nothing fails and nothing more is suggested. This
 * dialect always streams usage (P09 skips) and sends no stop sequences unless the file says
 * the server takes them (P03b skips).
 */
class ResponsesProfilesKitTest {

    /** What a plain run must show. */
    private record Expected(List<String> failed, List<String> suggested,
            Map<String, String> notes) { }

    /** Every test ID of the suite, one per test, in report order. */
    private static final List<String> ALL = List.of("P01", "P02", "P03", "P03", "P03b", "P04",
            "P04b", "P04b", "P04b", "P04b", "P05", "P06", "P07", "P08", "P08", "P09", "P10a",
            "P10b/c", "P11", "P11", "P11", "P11", "P12", "P13", "P13", "P13", "P14a", "P14b",
            "P14c", "P15", "P15", "P16", "P17", "P18", "P18", "P19", "P20", "B01", "B02", "B03",
            "B04", "B05", "B06", "B07a", "B07b", "B08", "B09", "B10", "B11");

    /** What skips for every profile here: usage cannot be switched off, stop is not sent. */
    private static final List<String> SKIPPED = List.of("P03b", "P09");

    private static final Map<Profile, Expected> EXPECTED = new EnumMap<>(Profile.class);

    static {
        EXPECTED.put(Profile.RESPONSES, new Expected(List.of(), List.of(), Map.of(
                "P15", "sequence_number", "P12", "the server's overflow message: 400: Your "
                        + "input exceeds the context window of this model.")));
        EXPECTED.put(Profile.RESPONSES_LLAMACPP, new Expected(
                List.of("P03", "P03", "B07a", "B07b"),
                List.of("lengthFromUsage: true", "imagesInToolResults: false"), Map.of(
                        "P15", "items named by item_id only (no output_index)",
                        "P14c", "the server accepted an unknown model id")));
        // refused in the stream: the engine reads the codes, so nothing fails
        EXPECTED.put(Profile.RESPONSES_FAILED, new Expected(List.of(), List.of(), Map.of(
                "P12", "the server's overflow message: context_length_exceeded: Your input "
                        + "exceeds the context window of this model.",
                "P14c", "HTTP 200, error (model_not_found): model_not_found: The model")));
        EXPECTED.put(Profile.RESPONSES_INCOMPLETE, new Expected(List.of(), List.of(), Map.of(
                "P03", "status-mismatch: response.completed carries status 'incomplete'")));
        // every request to the reasoning model is refused: only what passes then passes
        EXPECTED.put(Profile.RESPONSES_NO_ENCRYPTED, new Expected(allBut("P03b", "P09",
                "P10a", "P11", "P11", "P11", "P11", "P14a", "P14b", "P14c"),
                List.of("supportsEncryptedReasoning: false"), Map.of()));
    }

    private static List<String> allBut(String... passing) {
        List<String> out = new ArrayList<>(ALL);
        for (String id : passing) {
            if (!out.remove(id)) {
                throw new IllegalArgumentException("no test " + id + " left to remove");
            }
        }
        return out;
    }

    static Stream<Profile> responsesProfiles() {
        return Arrays.stream(Profile.values()).filter(p -> p.api().equals(
                Profile.RESPONSES_API));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responsesProfiles")
    void theKitFlagsTheDeviationAndTheSuggestedFixMakesItPass(Profile profile,
            @TempDir Path dir) throws Exception {
        Expected expected = EXPECTED.get(profile);
        SuiteResult plain = run(profile, false, dir.resolve("plain"));
        assertEquals(ALL.size(), plain.tests().size(), plain::describe);
        assertEquals(expected.failed(), ids(plain, TestStatus.FAILED), plain::describe);
        assertEquals(expected.suggested(), suggested(plain), plain::describe);
        expected.notes().forEach((id, note) -> assertTrue(plain.notes(id).contains(note),
                () -> id + " lacks '" + note + "':\n" + plain.notes(id)));

        SuiteResult fixed = run(profile, true, dir.resolve("fixed"));
        assertEquals(List.of(), ids(fixed, TestStatus.FAILED), fixed::describe);
        assertEquals(List.of(), suggested(fixed), fixed::describe);
        List<String> skipped = ids(fixed, TestStatus.SKIPPED);
        skipped.addAll(ids(fixed, TestStatus.ABORTED));
        assertEquals(SKIPPED, skipped, fixed::describe);
    }

    private static SuiteResult run(Profile profile, boolean fixed, Path dir) throws Exception {
        String key = "sk-selftest-" + profile.id();
        try (ReferenceServer server = ReferenceServer.start(profile, key)) {
            Path providers = Files.createDirectories(dir.resolve("providers.d"));
            Files.writeString(providers.resolve(profile.providerId() + ".yaml"), fixed
                    ? profile.fixedProviderYaml(server.baseUrl(), key)
                    : profile.providerYaml(server.baseUrl(), key));
            SuiteRun run = SuiteRun.builder().provider(profile.providerId())
                    .providersDir(providers).reportDir(dir.resolve("reports"))
                    .tier(TierSelection.ALL).attempts(1)
                    .configurationParameter("conformance.handoffModel",
                            profile.providerId() + "/" + Profile.LITE_MODEL)
                    .build();
            return SuiteExecutor.create().execute(run, new PrintWriter(new StringWriter()));
        }
    }

    private static List<String> ids(SuiteResult result, TestStatus status) {
        List<String> out = new ArrayList<>();
        for (TestResult test : result.tests()) {
            if (test.status() == status) {
                out.add(test.id());
            }
        }
        return out;
    }

    private static List<String> suggested(SuiteResult result) {
        return result.tests().stream().flatMap(t -> t.suggestions().stream()).distinct()
                .toList();
    }
}
