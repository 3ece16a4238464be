package dev.providers.conformance.report;

import dev.providers.conformance.api.Durations;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.TestResult;
import dev.providers.conformance.launch.TestStatus;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders {@code report.md}, the page a person reads: the run, the compatibility matrix (one
 * row per test), the deviations, the suggested compat patch and links to the captures of
 * failures.
 */
final class MarkdownReport {

    /** How dates appear in the human reports. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final int MAX_NOTE = 300;
    private static final Pattern RATE = Pattern.compile("^(\\d+/\\d+)");
    private static final Pattern LEADING_ID =
            Pattern.compile("^[A-Z]\\d{1,3}[a-z]?(?:/[a-z])*\\s+");
    /** PROTOCOL rows first, then BEHAVIOUR, then untagged; run order within a tier. */
    private static final Comparator<TestResult> BY_TIER = Comparator.comparingInt(
            t -> t.tier() == null ? Integer.MAX_VALUE : t.tier().ordinal());

    private MarkdownReport() { }

    static String render(SuiteResult result) {
        StringBuilder md = new StringBuilder();
        header(md, result);
        matrix(md, result);
        deviations(md, result);
        observations(md, result);
        compat(md, result);
        captures(md, result);
        return md.toString();
    }

    private static void header(StringBuilder md, SuiteResult result) {
        md.append("# Conformance report: ").append(result.provider())
                .append(result.model() == null ? "" : " / " + result.model()).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Provider", code(result.provider()));
        row(md, "Model", result.model() == null ? "(unresolved)" : code(result.model()));
        row(md, "Endpoint", result.baseUrl() == null ? "(unresolved)"
                : code(result.baseUrl()) + " (" + result.api() + ")");
        row(md, "Tier", result.run().tier().label());
        if (result.run().tests() != null) {
            row(md, "Tests", code(result.run().tests()));
        }
        row(md, "Attempts", result.run().attempts() + " per BEHAVIOUR test");
        row(md, "Deadlines", Durations.describe(result.run().testTimeout()) + " per test (per "
                + "attempt), " + Durations.describe(result.run().runTimeout()) + " per run");
        row(md, "Date", DATE.format(result.startedAt()));
        row(md, "Result", (result.failed() ? "❌ " : "✅ ") + result.summary());
        md.append('\n');
        if (result.setupError() != null) {
            md.append("**The suite could not run:**\n\n```\n").append(result.setupError())
                    .append("\n```\n\n");
        }
    }

    private static void matrix(StringBuilder md, SuiteResult result) {
        md.append("## Compatibility matrix\n\n");
        if (result.tests().isEmpty()) {
            md.append("No test ran.\n\n");
            return;
        }
        md.append("| ID | Area | Test | Tier | Result | Note |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (TestResult test : result.tests().stream().sorted(BY_TIER).toList()) {
            boolean classLevel = test.displayName().equals(test.classDisplayName());
            md.append("| ").append(cell(test.id()))
                    .append(" | ").append(cell(withoutId(test.classDisplayName())))
                    .append(" | ").append(classLevel ? "(whole class)"
                            : cell(withoutId(test.displayName())))
                    .append(" | ").append(test.tier() == null ? "" : test.tier().tag())
                    .append(" | ").append(symbol(test.status()))
                    .append(" | ").append(cell(note(test))).append(" |\n");
        }
        md.append('\n');
    }

    private static void deviations(StringBuilder md, SuiteResult result) {
        md.append("## Deviations\n\n");
        int count = 0;
        for (TestResult test : result.tests()) {
            for (String deviation : test.deviations()) {
                md.append("- **").append(test.id()).append("** ").append(oneLine(deviation))
                        .append('\n');
                count++;
            }
        }
        md.append(count == 0 ? "None noted.\n\n" : "\n");
    }

    /** What the endpoint did that is neither a failure nor a deviation: framing, texts, etc. */
    private static void observations(StringBuilder md, SuiteResult result) {
        md.append("## Observations\n\n");
        int count = 0;
        for (TestResult test : result.tests()) {
            for (String observation : test.observations()) {
                md.append("- **").append(test.id()).append("** ").append(oneLine(observation))
                        .append('\n');
                count++;
            }
        }
        md.append(count == 0 ? "None noted.\n\n" : "\n");
    }

    private static void compat(StringBuilder md, SuiteResult result) {
        md.append("## Suggested compat patch\n\n");
        String yaml = CompatYaml.render(result);
        if (yaml == null) {
            md.append("None: no test suggested a compat setting.\n\n");
            return;
        }
        md.append("Printed, not applied (`--fix` applies them); also in "
                + "[suggested-compat.yaml]")
                .append("(suggested-compat.yaml).\n\n```yaml\n").append(yaml).append("```\n\n");
    }

    private static void captures(StringBuilder md, SuiteResult result) {
        md.append("## Captures\n\n");
        List<TestResult> captured = result.tests().stream().filter(t -> t.capture() != null)
                .toList();
        if (captured.isEmpty()) {
            md.append("No failure kept a capture.\n\n");
        }
        for (TestResult test : captured) {
            md.append("- **").append(test.id()).append("** ").append(oneLine(test.title()))
                    .append(": [").append(test.capture()).append("](")
                    .append(test.capture().replace(" ", "%20")).append("/)\n");
        }
        if (!captured.isEmpty()) {
            md.append('\n');
        }
        md.append("JUnit XML: [junit/](junit/)\n");
    }

    /**
     * Returns the matrix note: why it failed or was skipped, the attempt rate, deviations; cut
     * to {@link #MAX_NOTE} characters (report.json keeps the whole text).
     */
    static String note(TestResult test) {
        StringBuilder note = new StringBuilder();
        String why = test.firstLine();
        // a BEHAVIOUR test that failed every attempt fails with the attempts summary itself
        boolean whyIsAttempts = test.attempts() != null && test.message() != null
                && test.message().strip().equals(test.attempts().strip());
        if (why != null && test.status() != TestStatus.PASSED) {
            note.append(whyIsAttempts ? oneLine(test.attempts()) : why);
        }
        if (test.attempts() != null && !whyIsAttempts) {
            Matcher rate = RATE.matcher(test.attempts());
            separate(note).append(rate.find() ? rate.group(1) + " attempts passed"
                    : oneLine(test.attempts()));
        }
        if (!test.deviations().isEmpty()) {
            int n = test.deviations().size();
            separate(note).append("⚠ ").append(n).append(n == 1 ? " deviation" : " deviations");
        }
        return note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE - 1) + "…"
                : note.toString();
    }

    private static StringBuilder separate(StringBuilder note) {
        return note.length() == 0 ? note : note.append("; ");
    }

    /** Returns the name without the catalogue id it starts with, which has its own column. */
    private static String withoutId(String name) {
        Matcher id = LEADING_ID.matcher(name);
        return id.find() && id.end() < name.length() ? name.substring(id.end()) : name;
    }

    private static String symbol(TestStatus status) {
        return switch (status) {
            case PASSED -> "✅";
            case FAILED -> "❌";
            case SKIPPED, ABORTED -> "⏭";
            case NOT_RUN -> "⏹";
        };
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String code(@Nullable String text) {
        return "`" + (text == null ? "" : text.replace("`", "'")) + "`";
    }

    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
