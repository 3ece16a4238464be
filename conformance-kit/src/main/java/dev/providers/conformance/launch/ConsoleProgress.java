package dev.providers.conformance.launch;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prints one line per finished test, e.g.
 * {@code "  PASS  P01 basic text › P01 a text answer (1.2 s)"},
 * {@code "  FAIL  … (0.3 s) — why"} (a timed-out test: {@code "— timed out after 120 s"}),
 * {@code "  SKIP  … — reason"} or {@code "  NORUN … — not run: the run's deadline (30 min)
 * passed"}, followed by indented lines for what the test noted (deviations, suggestions, the
 * attempt rate, where the failure's captures are).
 *
 * <p>Thread-safety: thread-safe; each test's lines are printed together.
 */
final class ConsoleProgress implements Consumer<TestResult> {

    /** Notes longer than this are cut on the console; the reports keep them whole. */
    private static final int MAX_NOTE = 200;
    private static final String INDENT = "        ";

    private final PrintWriter out;

    ConsoleProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(TestResult result) {
        List<String> lines = lines(result);
        synchronized (out) {
            lines.forEach(out::println);
            out.flush();
        }
    }

    /** Returns the lines printed for one result. */
    static List<String> lines(TestResult result) {
        List<String> lines = new ArrayList<>();
        StringBuilder first = new StringBuilder("  ").append(label(result.status())).append(' ')
                .append(result.title());
        if (result.status() != TestStatus.SKIPPED && result.status() != TestStatus.NOT_RUN) {
            first.append(" (").append(SuiteResult.seconds(result.duration())).append(" s)");
        }
        String why = result.firstLine();
        if (why != null && result.status() != TestStatus.PASSED) {
            first.append(" — ").append(cut(why));
        }
        lines.add(first.toString());
        result.deviations().forEach(d -> lines.add(note("deviation", d)));
        result.suggestions().forEach(s -> lines.add(note("suggestion", s)));
        // a BEHAVIOUR test that failed every attempt fails with the attempts summary itself
        if (result.attempts() != null && !result.attempts().strip().equals(
                result.message() == null ? null : result.message().strip())) {
            lines.add(note("attempts", result.attempts()));
        }
        if (result.capture() != null) {
            lines.add(note("capture", result.capture()));
        }
        return lines;
    }

    private static String label(TestStatus status) {
        return switch (status) {
            case PASSED -> "PASS ";
            case FAILED -> "FAIL ";
            // an assumption that did not hold is a skip to the reader, with its reason
            case SKIPPED, ABORTED -> "SKIP ";
            case NOT_RUN -> "NORUN";
        };
    }

    private static String note(String kind, String text) {
        return INDENT + kind + ": " + cut(text.strip().replaceAll("\\s*\\R\\s*", " "));
    }

    private static String cut(String line) {
        return line.length() > MAX_NOTE ? line.substring(0, MAX_NOTE - 1) + "…" : line;
    }
}
