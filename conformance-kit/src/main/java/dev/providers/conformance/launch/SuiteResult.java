package dev.providers.conformance.launch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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

    /** Returns the ids of the tests with this status, in run order, each once. */
    public List<String> ids(TestStatus status) {
        return tests.stream().filter(t -> t.status() == status).map(TestResult::id).distinct()
                .toList();
    }

    /** Returns the message of each test with this status (the last one per id), by id. */
    public Map<String, String> messages(TestStatus status) {
        Map<String, String> out = new TreeMap<>();
        for (TestResult test : tests) {
            if (test.status() == status) {
                out.put(test.id(), String.valueOf(test.message()));
            }
        }
        return out;
    }

    /** Returns the observations and deviations of the tests with this id, one per line. */
    public String notes(String id) {
        StringBuilder out = new StringBuilder();
        for (TestResult test : tests) {
            if (test.id().equals(id)) {
                test.observations().forEach(o -> out.append(o).append('\n'));
                test.deviations().forEach(d -> out.append(d).append('\n'));
            }
        }
        return out.toString();
    }

    /**
     * Returns the summary and one line per test (status, title, message, observations), for
     * a failing assertion about a run to show what happened.
     */
    public String describe() {
        StringBuilder out = new StringBuilder(summary());
        for (TestResult test : tests) {
            out.append('\n').append(test.status()).append(' ').append(test.title());
            if (test.message() != null) {
                out.append(": ").append(test.message());
            }
            test.observations().forEach(o -> out.append("\n    ").append(o));
        }
        return out.toString();
    }

    /** Returns a duration in seconds with one decimal, e.g. "1.2". */
    public static String seconds(Duration duration) {
        long tenths = (duration.toMillis() + 50) / 100;
        return tenths / 10 + "." + tenths % 10;
    }
}
