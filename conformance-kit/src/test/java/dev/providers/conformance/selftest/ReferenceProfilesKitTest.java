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
 * The kit against every profile of its reference server, both tiers: with the plain
 * OpenAI-conformant provider file the kit fails exactly the tests the profile's deviation breaks
 * and suggests exactly the compat settings that fix it; with those settings applied, nothing
 * fails and nothing more is suggested.
 */
class ReferenceProfilesKitTest {

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
     * (P11), expect one (P14), or never reach the server (P10a).
     */
    private static final List<String> PASS_WHEN_ALL_REFUSED = List.of("P10a", "P11", "P11",
            "P11", "P11", "P14a", "P14b", "P14c");

    /** The profiles whose deviation no compat flag absorbs: with the "fix" they still fail. */
    private static final List<Profile> UNFIXABLE = List.of(Profile.GEMINI_SAFETY,
            Profile.GEMINI_MALFORMED_CALLS);

    private static final Map<Profile, Expected> EXPECTED = new EnumMap<>(Profile.class);

    static {
        none(Profile.OPENAI);
        none(Profile.AZURE);
        none(Profile.OPENROUTER);
        none(Profile.GROQ);
        none(Profile.LLAMACPP);
        EXPECTED.put(Profile.XAI, new Expected(List.of(),
                List.of("reasoningTokensInCompletion: false")));
        EXPECTED.put(Profile.MISTRAL, new Expected(List.of("P07"),
                List.of("toolCallIdFormat: {exactLength: 9, charset: alphanumeric}")));
        EXPECTED.put(Profile.OLLAMA, new Expected(List.of("P12"),
                List.of("contextPrecheck: true")));
        EXPECTED.put(Profile.THINK_TAGS, new Expected(List.of("P19", "B04"),
                List.of("thinkTags: {open: \"<think>\", close: \"</think>\"}")));
        // the developer role goes with the system prompt of a reasoning model: every test
        // that sends one fails. The profile's other rule, a 400 for a replayed assistant
        // message without reasoning_content in a thinking request, never shows, fixed or not:
        // the engine replays the reasoning_content its own answers carried, and no test
        // replays a turn without it while thinking, so only the developer role is suggested
        List<String> developer = allBut("P08", "P09", "P10a", "P11", "P11", "P11", "P11",
                "P14a", "P14b", "P14c", "P15", "P16", "P17", "P20", "B04", "B05", "B07a",
                "B07b", "B09");
        EXPECTED.put(Profile.DEEPSEEK, new Expected(developer,
                List.of("supportsDeveloperRole: false")));
        EXPECTED.put(Profile.NO_DEVELOPER_ROLE, new Expected(developer,
                List.of("supportsDeveloperRole: false")));
        EXPECTED.put(Profile.NO_STORE, new Expected(allBut(PASS_WHEN_ALL_REFUSED),
                List.of("supportsStore: false")));
        EXPECTED.put(Profile.NO_MAX_COMPLETION_TOKENS, new Expected(
                allBut(PASS_WHEN_ALL_REFUSED), List.of("maxTokensField: max_tokens")));
        List<String> noStreamOptions = new ArrayList<>(PASS_WHEN_ALL_REFUSED);
        noStreamOptions.add("P09"); // it switches stream_options off itself
        EXPECTED.put(Profile.NO_STREAM_OPTIONS, new Expected(allBut(noStreamOptions),
                List.of("supportsUsageInStreaming: false")));
        List<String> noFinish = new ArrayList<>(PASS_WHEN_ALL_REFUSED);
        noFinish.addAll(List.of("P12", "B09")); // they end in an error or a cancel anyway
        EXPECTED.put(Profile.LOCALAI, new Expected(allBut(noFinish),
                List.of("supportsFinishReason: false")));
        // google-generative-ai: P09 is skipped (Gemini always streams usage); calls without
        // ids, error arrays and usage on the last chunk are absorbed (GeminiProfilesKitTest
        // checks that the kit records each); no flag can fix a filter or malformed calls
        none(Profile.GEMINI);
        none(Profile.GEMINI_NO_CALL_IDS);
        none(Profile.GEMINI_ERROR_ARRAY);
        none(Profile.GEMINI_USAGE_LAST);
        EXPECTED.put(Profile.GEMINI_SAFETY, new Expected(allBut("P04", "P04b", "P04b", "P04b",
                "P09", "P10a", "P11", "P11", "P11", "P11", "P12", "P14a", "P14b", "P14c", "P15",
                "P18", "B02"), List.of()));
        EXPECTED.put(Profile.GEMINI_MALFORMED_CALLS, new Expected(List.of("P04", "P04b",
                "P04b", "P04b", "P05", "P06", "P15", "P18", "B02", "B03", "B06", "B07a", "B07b",
                "B11"), List.of()));
        EXPECTED.put(Profile.GEMINI_OPENAPI_ONLY, new Expected(List.of("P04", "P04b", "P04b",
                "P04b", "P04b", "P05", "P06", "P07", "P13", "P13", "P13", "P15", "P18", "B02",
                "B03", "B06", "B07a", "B07b", "B11"), List.of("toolSchemaFormat: openapi")));
        EXPECTED.put(Profile.GEMINI_NO_ID_FIELDS, new Expected(List.of("P05", "P06", "P07",
                "P13", "P13", "P13", "B03", "B06", "B07a", "B07b", "B11"),
                List.of("sendToolCallIds: false")));
    }


    private static void none(Profile profile) {
        EXPECTED.put(profile, new Expected(List.of(), List.of()));
    }

    private static List<String> allBut(String... passing) {
        return allBut(Arrays.asList(passing));
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

    /** The chat-completions profiles; each other dialect's profiles have a test of their own. */
    static Stream<Profile> chatCompletionsProfiles() {
        return Arrays.stream(Profile.values())
                .filter(profile -> profile.api().equals(Profile.CHAT_COMPLETIONS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chatCompletionsProfiles")
    void theKitFlagsTheDeviationAndTheSuggestedFixMakesItPass(Profile profile,
            @TempDir Path dir) throws Exception {
        Expected expected = EXPECTED.get(profile);
        SuiteResult plain = run(profile, false, dir.resolve("plain"));
        assertEquals(ALL.size(), plain.tests().size(), () -> summary(plain));
        assertEquals(expected.failed(), failed(plain), () -> summary(plain));
        assertEquals(expected.suggested(), suggested(plain), () -> summary(plain));

        SuiteResult fixed = run(profile, true, dir.resolve("fixed"));
        assertEquals(UNFIXABLE.contains(profile) ? expected.failed() : List.of(), failed(fixed),
                () -> summary(fixed));
        assertEquals(List.of(), suggested(fixed), () -> summary(fixed));
        // the fix makes every test run: only a provider without usage skips B10, and a dialect
        // that always streams usage has no switch for P09 to turn off
        List<String> skipped = ids(fixed, TestStatus.SKIPPED);
        skipped.addAll(ids(fixed, TestStatus.ABORTED));
        assertEquals(profile == Profile.NO_STREAM_OPTIONS ? List.of("B10")
                : profile.api().equals("google-generative-ai") ? List.of("P09") : List.of(),
                skipped, () -> summary(fixed));
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
