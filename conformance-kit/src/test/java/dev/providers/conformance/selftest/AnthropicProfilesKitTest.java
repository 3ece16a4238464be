package dev.providers.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The kit against every {@code anthropic-messages} profile of its reference server, both
 * tiers: with the plain provider file (Anthropic's own declaration) the kit fails exactly the
 * tests the profile's deviation breaks and suggests exactly the compat settings it can tell;
 * with the profile's fix applied nothing fails and nothing more is suggested. A deviation no
 * flag can absorb (a server error in the middle of a stream) has no fix: its failures are the
 * verdict. Only P09 is ever skipped: a Messages stream always carries usage.
 */
class AnthropicProfilesKitTest {

    /** What a plain run must show: the failed test IDs (one per failed test) and suggestions. */
    private record Expected(List<String> failed, List<String> suggested) { }

    /** Every test ID of the suite, one per test, in report order. */
    private static final List<String> ALL = List.of("P01", "P02", "P03", "P03", "P03b", "P04",
            "P04b", "P04b", "P04b", "P04b", "P05", "P06", "P07", "P08", "P08", "P09", "P10a",
            "P10b/c", "P11", "P11", "P11", "P11", "P12", "P13", "P13", "P13", "P14a", "P14b",
            "P14c", "P15", "P15", "P16", "P17", "P18", "P18", "P19", "P20", "B01", "B02", "B03",
            "B04", "B05", "B06", "B07a", "B07b", "B08", "B09", "B10", "B11");

    /**
     * The tests that still pass when every request is refused: those that accept an error
     * (P11), expect one (P14), never reach the server (P10a), or are skipped (P09).
     */
    private static final List<String> PASS_WHEN_ALL_REFUSED = List.of("P09", "P10a", "P11",
            "P11", "P11", "P11", "P14a", "P14b", "P14c");

    private static final Map<Profile, Expected> EXPECTED = new EnumMap<>(Profile.class);

    static {
        none(Profile.ANTHROPIC);
        none(Profile.ANTHROPIC_NO_PING);
        none(Profile.ANTHROPIC_SIGNED_THINKING);
        none(Profile.ANTHROPIC_REDACTED_THINKING);
        // tool_choice none is ignored (P04b); the images of tool results are dropped without a
        // word (B07), which only the model's answer shows, so no flag can be suggested for it
        EXPECTED.put(Profile.ANTHROPIC_LLAMACPP, new Expected(List.of("P04b", "B07a", "B07b"),
                List.of("supportsToolChoiceNone: false")));
        // the answers longer than 40 tokens: cancel mid-stream, thinking, a poem
        EXPECTED.put(Profile.ANTHROPIC_ERROR_AFTER_CONTENT, new Expected(List.of("P10b/c",
                "B04", "B08", "B09"), List.of()));
        EXPECTED.put(Profile.ANTHROPIC_UNSIGNED_THINKING, new Expected(List.of("P19", "B04"),
                List.of("requiresThinkingSignature: false")));
        EXPECTED.put(Profile.ANTHROPIC_NO_BETA, new Expected(allBut(PASS_WHEN_ALL_REFUSED),
                List.of("betaFeatures: []")));
        EXPECTED.put(Profile.ANTHROPIC_NO_CACHE_CONTROL, new Expected(
                allBut(PASS_WHEN_ALL_REFUSED), List.of("supportsCacheControl: false")));
    }

    private static void none(Profile profile) {
        EXPECTED.put(profile, new Expected(List.of(), List.of()));
    }

    private static List<String> allBut(List<String> passing) {
        List<String> out = new ArrayList<>(ALL);
        for (String id : passing) {
            if (!out.remove(id)) {
                throw new IllegalArgumentException("no test " + id + " left to remove");
            }
        }
        return out;
    }

    static Stream<Profile> messagesProfiles() {
        return Arrays.stream(Profile.values())
                .filter(profile -> profile.api().equals(Profile.ANTHROPIC_MESSAGES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messagesProfiles")
    void theKitFlagsTheDeviationAndTheFixMakesItPass(Profile profile, @TempDir Path dir)
            throws Exception {
        Expected expected = EXPECTED.get(profile);
        SuiteResult plain = run(profile, false, dir.resolve("plain"));
        assertEquals(ALL.size(), plain.tests().size(), () -> summary(plain));
        assertEquals(expected.failed(), failed(plain), () -> summary(plain));
        assertEquals(expected.suggested(), suggested(plain), () -> summary(plain));
        assertEquals(List.of("P09"), skipped(plain), () -> summary(plain));
        if (profile.compatFix().isEmpty()) {
            return; // the plain file is the fixed one
        }
        SuiteResult fixed = run(profile, true, dir.resolve("fixed"));
        assertEquals(List.of(), failed(fixed), () -> summary(fixed));
        assertEquals(List.of(), suggested(fixed), () -> summary(fixed));
        assertEquals(List.of("P09"), skipped(fixed), () -> summary(fixed));
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

    private static List<String> failed(SuiteResult result) {
        return ids(result, TestStatus.FAILED);
    }

    private static List<String> skipped(SuiteResult result) {
        List<String> out = ids(result, TestStatus.SKIPPED);
        out.addAll(ids(result, TestStatus.ABORTED));
        return out;
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

    private static String summary(SuiteResult result) {
        StringBuilder out = new StringBuilder(result.summary());
        if (result.setupError() != null) {
            out.append("\nsetup: ").append(result.setupError());
        }
        for (TestResult test : result.tests()) {
            if (test.status() != TestStatus.PASSED) {
                out.append('\n').append(test.status()).append(' ').append(test.title())
                        .append(": ").append(test.message());
            }
        }
        return out.toString();
    }
}
