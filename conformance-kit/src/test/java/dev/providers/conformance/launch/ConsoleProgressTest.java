package dev.providers.conformance.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.conformance.api.Tier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private static TestResult result(TestStatus status, Duration duration, String message,
            List<String> deviations, List<String> suggestions, String attempts, String capture) {
        return new TestResult("P01", "P01 basic text + replay",
                "P01 two turns, the second replays the first", "P01BasicTextTest#textAndReplay",
                Tier.PROTOCOL, status, duration, message, List.of("observed"), deviations,
                suggestions, attempts, capture);
    }

    @Test
    void aPassIsOneLineWithItsDuration() {
        assertEquals(List.of("  PASS  P01 basic text + replay › P01 two turns, the second "
                + "replays the first (1.2 s)"), ConsoleProgress.lines(result(TestStatus.PASSED,
                        Duration.ofMillis(1234), null, List.of(), List.of(), null, null)));
    }

    @Test
    void aFailureShowsTheFirstLineOfItsMessageAndWhatWasNoted() {
        assertEquals(List.of(
                "  FAIL  P01 basic text + replay › P01 two turns, the second replays the first "
                        + "(0.0 s) — expected stop",
                "        deviation: no usage\u00a0although requested",
                "        suggestion: supportsDeveloperRole: false",
                "        attempts: 0/3 attempts passed; attempt 1: x y",
                "        capture: captures/P01BasicTextTest.textAndReplay"),
                ConsoleProgress.lines(result(TestStatus.FAILED, Duration.ofMillis(49),
                        "expected stop\nbut was length", List.of("no usage\u00a0although "
                                + "requested"), List.of("supportsDeveloperRole: false"),
                        "0/3 attempts passed; attempt 1: x\n  y",
                        "captures/P01BasicTextTest.textAndReplay")));
    }

    @Test
    void aFailureThatIsTheAttemptsSummaryIsShownOnce() {
        String summary = "0/3 attempts passed; attempt 1: no tool call; attempt 2: no tool call";
        assertEquals(List.of("  FAIL  P01 basic text + replay › P01 two turns, the second "
                + "replays the first (2.0 s) — " + summary), ConsoleProgress.lines(result(
                        TestStatus.FAILED, Duration.ofSeconds(2), summary, List.of(), List.of(),
                        summary, null)));
    }

    @Test
    void aSkipShowsItsReasonAndNoDuration() {
        assertEquals(List.of("  SKIP  P01 basic text + replay › P01 two turns, the second "
                + "replays the first — model declares no tool support"),
                ConsoleProgress.lines(result(TestStatus.SKIPPED, Duration.ZERO,
                        "model declares no tool support", List.of(), List.of(), null, null)));
    }

    @Test
    void aTestLeftOutByTheRunsDeadlineIsNotRunWithoutADuration() {
        assertEquals(List.of("  NORUN P01 basic text + replay › P01 two turns, the second "
                + "replays the first — not run: the run's deadline (30 min) passed"),
                ConsoleProgress.lines(result(TestStatus.NOT_RUN, Duration.ZERO,
                        "not run: the run's deadline (30 min) passed", List.of(), List.of(),
                        null, null)));
    }

    @Test
    void aClassLevelResultShowsTheClassOnceAndLongNotesAreCut() {
        TestResult whole = new TestResult("P12", "P12 overflow", "P12 overflow", null, null,
                TestStatus.ABORTED, Duration.ofMillis(2_950), "assumption failed", List.of(),
                List.of("x".repeat(300)), List.of(), null, null);
        List<String> lines = ConsoleProgress.lines(whole);
        assertEquals("  SKIP  P12 overflow (3.0 s) — assumption failed", lines.get(0));
        assertEquals(8 + "deviation: ".length() + 200, lines.get(1).length());
    }
}
