package dev.providers.conformance.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.ConfigKeys;
import dev.providers.conformance.api.Tier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launches the stand-in suite in {@code launch.fixture} through the real launcher. */
class SuiteExecutorTest {

    private static final SuiteExecutor EXECUTOR = SuiteExecutor.create()
            .withSuitePackage("dev.providers.conformance.launch.fixture");

    @TempDir
    Path dir;

    private Path providers;
    private Path reports;
    private final StringWriter console = new StringWriter();

    @BeforeEach
    void providerFile() throws Exception {
        providers = Files.createDirectories(dir.resolve("providers.d"));
        reports = dir.resolve("reports");
        Files.writeString(providers.resolve("fake.yaml"), """
                id: fake
                baseUrl: http://127.0.0.1:9/v1
                models:
                  - id: first
                  - id: second
                """);
    }

    private SuiteRun.Builder run() {
        return SuiteRun.builder().provider("fake").providersDir(providers).reportDir(reports);
    }

    private SuiteResult execute(SuiteRun run) {
        return EXECUTOR.execute(run, new PrintWriter(console, true));
    }

    private static Map<String, TestResult> byId(SuiteResult result) {
        return result.tests().stream().collect(Collectors.toMap(TestResult::id,
                Function.identity()));
    }

    @Test
    void protocolTierRunsTaggedClassesAndCollectsWhatTheyNoted() throws Exception {
        SuiteResult result = execute(run().attempts(2).build());

        assertNull(result.setupError(), console::toString);
        assertEquals("first", result.model());
        assertEquals("http://127.0.0.1:9/v1", result.baseUrl());
        assertEquals("openai-completions", result.api());
        Map<String, TestResult> tests = byId(result);
        assertEquals(List.of("P90", "P90b", "P90c", "P90e", "P91"),
                tests.keySet().stream().sorted().toList(), "no behaviour test selected");

        TestResult passed = tests.get("P90");
        assertEquals(TestStatus.PASSED, passed.status());
        assertEquals(Tier.PROTOCOL, passed.tier());
        assertEquals("P90 fake protocol checks", passed.classDisplayName());
        assertEquals("P90 passes and notes a deviation", passed.displayName());
        assertEquals("P90FakeProtocolChecks#passes", passed.source());
        assertEquals(List.of("the server truncated silently"), passed.deviations());
        assertEquals(List.of("supportsDeveloperRole: false"), passed.suggestions());
        assertTrue(passed.observations().containsAll(List.of("conformance.provider=fake",
                "conformance.model=first", "conformance.attempts=2")), passed::toString);

        TestResult failed = tests.get("P90b");
        assertEquals(TestStatus.FAILED, failed.status());
        assertEquals("expected stop but was length", failed.firstLine());
        assertEquals("captures/P90FakeProtocolChecks.fails", failed.capture());

        TestResult skipped = tests.get("P90c");
        assertEquals(TestStatus.SKIPPED, skipped.status());
        assertEquals("model declares no tool support", skipped.message());

        TestResult broken = tests.get("P91");
        assertEquals(TestStatus.FAILED, broken.status());
        assertEquals("P91 a class that cannot start", broken.title());
        assertEquals("unknown provider 'gone'", broken.firstLine());

        assertTrue(result.failed());
        assertEquals("P90 fake protocol checks › P90e one is named in full",
                tests.get("P90e").title());
        assertEquals(2, result.count(TestStatus.PASSED));
        assertEquals(2, result.count(TestStatus.FAILED));
        assertEquals(1, result.count(TestStatus.SKIPPED));
        try (Stream<Path> xml = Files.list(reports.resolve("junit"))) {
            assertTrue(xml.anyMatch(p -> p.getFileName().toString().endsWith(".xml")));
        }
    }

    @Test
    void consolePrintsOneLinePerTestAndOnlyFailedOrSkippedClasses() {
        execute(run().build());
        List<String> lines = console.toString().lines().toList();
        assertEquals("conformance suite, tier protocol: fake/first at http://127.0.0.1:9/v1 "
                + "(openai-completions)", lines.get(0));
        List<String> heads = lines.stream().filter(l -> l.matches("  [A-Z]{4}.*")).toList();
        assertEquals(List.of("P90", "P90b", "P90c", "P90e", "P91"), heads.stream()
                .map(SuiteExecutorTest::testId).toList(), "in catalogue order");
        assertTrue(heads.stream().anyMatch(l -> l.matches("  PASS  P90 fake protocol checks › "
                + "P90 passes and notes a deviation \\(\\d+\\.\\d s\\)")), console::toString);
        assertTrue(heads.contains("  SKIP  P90 fake protocol checks › P90c is skipped — "
                + "model declares no tool support"), console::toString);
        assertTrue(heads.stream().anyMatch(l -> l.startsWith("  FAIL  P91 a class that cannot "
                + "start (") && l.endsWith(" s) — unknown provider 'gone'")), console::toString);
        assertTrue(lines.contains("        deviation: the server truncated silently"));
        assertTrue(lines.contains("        capture: captures/P90FakeProtocolChecks.fails"));
    }

    /** Returns the id a console line's test name starts with. */
    private static String testId(String line) {
        String title = line.substring(8);
        String name = title.contains(" › ") ? title.substring(title.indexOf(" › ") + 3) : title;
        return name.substring(0, name.indexOf(' '));
    }

    @Test
    void behaviourTierAndPatternsSelect() {
        SuiteResult behaviour = execute(run().tier(TierSelection.BEHAVIOUR).build());
        assertEquals(List.of("B90"), behaviour.tests().stream().map(TestResult::id).toList());
        TestResult rate = behaviour.tests().get(0);
        assertEquals(Tier.BEHAVIOUR, rate.tier());
        assertEquals("2/3 attempts passed; attempt 1: no tool call", rate.attempts());
        assertFalse(behaviour.failed());

        SuiteResult picked = execute(run().tier(TierSelection.ALL).tests("p90c, B9*").build());
        assertEquals(List.of("B90", "P90c"), picked.tests().stream().map(TestResult::id)
                .sorted().toList());
    }

    @Test
    void implicitParametersStayOutAndExtrasGoIn() {
        String key = ConfigKeys.HANDOFF_MODEL;
        System.setProperty(key, "leaked/model");
        try {
            SuiteResult result = execute(run().model("second").tests("P90 passes")
                    .configurationParameter(ConfigKeys.MAX_OVERFLOW_TOKENS, "1234").build());
            List<String> seen = result.tests().get(0).observations();
            assertTrue(seen.contains(key + "=<unset>"), seen::toString);
            assertTrue(seen.contains("conformance.model=second"), seen::toString);
            assertTrue(seen.contains("conformance.maxOverflowTokens=1234"), seen::toString);
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void unknownProviderIsASetupErrorListingTheKnownOnes() {
        SuiteResult result = execute(run().provider("nope").build());
        assertTrue(result.setupError().startsWith("unknown provider 'nope'"),
                result::setupError);
        assertTrue(result.setupError().contains("fake"), result::setupError);
        assertTrue(result.tests().isEmpty());
        assertTrue(result.failed());
        assertTrue(console.toString().startsWith("cannot run the suite: unknown provider"),
                console::toString);
        assertFalse(console.toString().contains("\tat "), "no stack trace");
    }

    @Test
    void invalidFilesAndUnmatchedPatternsAreSetupErrors() throws Exception {
        SuiteResult none = execute(run().tests("nothing-like-this").build());
        assertEquals("no test matches --tests 'nothing-like-this' in tier protocol",
                none.setupError());

        Files.writeString(providers.resolve("broken.yaml"), "id: broken\nbaseUrl: 12\n");
        SuiteResult invalid = execute(run().build());
        assertTrue(invalid.setupError().startsWith("the provider files are invalid:\n  "),
                invalid::setupError);
        assertTrue(invalid.setupError().contains("broken.yaml"), invalid::setupError);
    }
}
