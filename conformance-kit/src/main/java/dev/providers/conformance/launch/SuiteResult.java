package dev.providers.conformance.launch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one run of the suite: what was run against which endpoint, and every test's
 * result in execution order. Holds no secret: the endpoint is described by its base URL only.
 *
 * @param run the run as launched (after any {@link TargetPreparer})
 * @param model the model under test (the provider's first when the run named none), or null
 *     when it could not be resolved
 * @param baseUrl the endpoint's base URL without user info, or null when unresolved
 * @param api the wire dialect, or null when unresolved
 * @param startedAt when the run started
 * @param duration how long the run took
 * @param tests the results, in the order the tests finished
 * @param setupError why the suite could not run at all, or null when it ran
 */
public record SuiteResult(
        SuiteRun run,
        @Nullable String model,
        @Nullable String baseUrl,
        @Nullable String api,
        Instant startedAt,
        Duration duration,
        List<TestResult> tests,
        @Nullable String setupError) {

    /** Copies the list and rejects missing values. */
    public SuiteResult {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        tests = List.copyOf(tests);
    }

    /** Returns the id of the provider under test. */
    public String provider() {
        return run.provider();
    }

    /** Returns how many results have this status. */
    public int count(TestStatus status) {
        return (int) tests.stream().filter(t -> t.status() == status).count();
    }

    /**
     * Returns whether the suite could not run, any test failed (a timed-out test fails), or
     * tests were left out because the run's deadline passed.
     */
    public boolean failed() {
        return setupError != null || count(TestStatus.FAILED) > 0
                || count(TestStatus.NOT_RUN) > 0;
    }

    /**
     * Returns the one-line summary: "N tests: P passed, F failed, S skipped (T s)", with
     * ", R not run" before the time when the run's deadline left tests out; tests aborted on
     * an assumption count as skipped.
     */
    public String summary() {
        int notRun = count(TestStatus.NOT_RUN);
        return tests.size() + (tests.size() == 1 ? " test: " : " tests: ")
                + count(TestStatus.PASSED) + " passed, " + count(TestStatus.FAILED) + " failed, "
                + (count(TestStatus.SKIPPED) + count(TestStatus.ABORTED)) + " skipped"
                + (notRun > 0 ? ", " + notRun + " not run" : "")
                + " (" + seconds(duration) + " s)";
    }

    /** Returns a duration in seconds with one decimal, e.g. "1.2". */
    public static String seconds(Duration duration) {
        long tenths = (duration.toMillis() + 50) / 100;
        return tenths / 10 + "." + tenths % 10;
    }
}
