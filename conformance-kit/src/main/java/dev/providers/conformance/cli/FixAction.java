package dev.providers.conformance.cli;

import dev.providers.conformance.fix.CompatEditor;
import dev.providers.conformance.fix.CompatSetting;
import dev.providers.conformance.fix.UnifiedDiff;
import dev.providers.conformance.launch.SuiteExecutor;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TestResult;
import dev.providers.conformance.launch.TestStatus;
import dev.providers.conformance.report.Reports;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.LoadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code conformance --provider ID --fix}: after a run, writes the compat settings it suggested
 * into the provider's file ({@link FixTarget}), checks that the providers directory still
 * loads without errors (else puts the file back), re-runs the tests that failed or suggested
 * something, and prints the diff and the verdict before and after. A fix can uncover the next
 * deviation (a refusal of the first field hides one of a later field), so a re-run that
 * suggests a new flag leads to another round, at most {@value #MAX_ROUNDS}. Only what a test
 * shows is written: a quirk no test meets stays out of the file (README, "--fix").
 */
final class FixAction {

    /** How many times the suggestions are applied and the tests re-run, at most. */
    static final int MAX_ROUNDS = 3;

    private static final String LABEL = "conformance --fix";

    private final SuiteExecutor executor;
    private final ExtensionOptions extensions;
    private final Map<String, String> environment;

    FixAction(SuiteExecutor executor, ExtensionOptions extensions,
            Map<String, String> environment) {
        this.executor = executor;
        this.extensions = extensions;
        this.environment = environment;
    }

    /**
     * Fixes what the run showed and returns the exit status: 0 when the re-run passes, 1 when
     * something still fails or the file could not be fixed.
     *
     * @param directory the providers directory the file is in or goes to
     */
    int run(SuiteRun run, SuiteResult first, Path directory, PrintWriter out, PrintWriter err) {
        out.println();
        if (first.setupError() != null) {
            err.println(LABEL + ": nothing to fix: the suite could not run");
            return ExitCodes.FAILED;
        }
        Map<String, CompatSetting> pending = settings(first, out);
        List<String> rerun = testsToRerun(first);
        if (pending.isEmpty()) {
            if (!first.failed()) {
                out.println(LABEL + ": nothing to fix: every test passed and no compat setting "
                        + "was suggested");
                return ExitCodes.OK;
            }
            out.println(LABEL + ": no compat setting the kit knows fixes what failed:");
            printFailures(first, out);
            return ExitCodes.FAILED;
        }
        FixTarget target;
        try {
            // a built-in's override goes into the directory, which may not exist yet
            Files.createDirectories(directory);
            target = FixTarget.resolve(load(directory, err), run.provider(), directory);
        } catch (IOException | IllegalArgumentException e) {
            err.println(LABEL + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        Map<String, CompatSetting> applied = new LinkedHashMap<>();
        String text = target.original();
        SuiteResult last = first;
        SuiteRun again = run.toBuilder().tests(String.join(",", rerun)).providersDir(directory)
                .reportDir(run.reportDir().resolve("after-fix")).build();
        for (int round = 1; round <= MAX_ROUNDS && !pending.isEmpty(); round++) {
            try {
                for (CompatSetting setting : pending.values()) {
                    text = CompatEditor.apply(text, first.model(), setting);
                    applied.put(setting.key(), setting);
                }
                target.write(text);
            } catch (IllegalArgumentException | IOException e) {
                restore(target, err);
                err.println(LABEL + ": cannot edit " + target.file() + ": " + e.getMessage());
                return ExitCodes.FAILED;
            }
            List<String> errors = errors(directory);
            if (!errors.isEmpty()) {
                restore(target, err);
                errors.forEach(err::println);
                err.println(LABEL + ": the edited " + target.file() + " does not validate; "
                        + "it is back as it was");
                return ExitCodes.FAILED;
            }
            out.println(LABEL + ": round " + round + ": applied "
                    + String.join(", ", pending.values().stream().map(CompatSetting::line)
                            .toList()) + "; re-running " + String.join(", ", rerun));
            last = executor.execute(again, out);
            pending = new LinkedHashMap<>(settings(last, out));
            pending.keySet().removeAll(applied.keySet());
        }
        try {
            Reports.write(last, again.reportDir());
        } catch (IOException e) {
            err.println(LABEL + ": cannot write the reports to " + again.reportDir() + ": " + e);
        }
        out.println();
        out.println((target.created() ? "Created " : "Edited ") + target.file() + ":");
        out.print(SecretLines.mask(UnifiedDiff.of(target.file().toString(),
                target.created() ? "" : target.original(), text)));
        out.println();
        out.println("Before: " + verdict(first, rerun));
        out.println("After:  " + verdict(last, rerun) + "; reports in " + again.reportDir());
        if (last.failed()) {
            out.println(LABEL + ": still failing, and no compat setting the kit knows fixes it:");
            printFailures(last, out);
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** Returns the suggested settings, the first per flag; a conflicting one is reported. */
    private static Map<String, CompatSetting> settings(SuiteResult result, PrintWriter out) {
        Map<String, CompatSetting> settings = new LinkedHashMap<>();
        for (TestResult test : result.tests()) {
            for (String line : test.suggestions()) {
                CompatSetting setting;
                try {
                    setting = CompatSetting.parse(line);
                } catch (IllegalArgumentException e) {
                    out.println(LABEL + ": ignored a suggestion of " + test.id() + ": "
                            + e.getMessage());
                    continue;
                }
                CompatSetting earlier = settings.putIfAbsent(setting.key(), setting);
                if (earlier != null && !earlier.equals(setting)) {
                    out.println(LABEL + ": " + test.id() + " suggests " + setting.line()
                            + ", which conflicts with " + earlier.line() + "; keeping the first");
                }
            }
        }
        return settings;
    }

    /** Returns the ids of the tests that failed, were not run, or suggested something. */
    private static List<String> testsToRerun(SuiteResult result) {
        Set<String> ids = new LinkedHashSet<>();
        for (TestResult test : result.tests()) {
            if (test.status() == TestStatus.FAILED || test.status() == TestStatus.NOT_RUN
                    || !test.suggestions().isEmpty()) {
                ids.add(test.id());
            }
        }
        return new ArrayList<>(ids);
    }

    /** Returns "P04, P07 fail (2 of the 5 tests fixed and re-run)" or "all 5 tests pass". */
    private static String verdict(SuiteResult result, List<String> rerun) {
        List<String> failed = new ArrayList<>();
        for (TestResult test : result.tests()) {
            if (rerun.contains(test.id()) && (test.status() == TestStatus.FAILED
                    || test.status() == TestStatus.NOT_RUN) && !failed.contains(test.id())) {
                failed.add(test.id());
            }
        }
        return failed.isEmpty() ? "all " + rerun.size() + " of " + String.join(", ", rerun)
                + " pass" : String.join(", ", failed) + " fail (" + failed.size() + " of "
                + String.join(", ", rerun) + ")";
    }

    private static void printFailures(SuiteResult result, PrintWriter out) {
        for (TestResult test : result.tests()) {
            if (test.status() == TestStatus.FAILED || test.status() == TestStatus.NOT_RUN) {
                out.println("  " + test.id() + " " + test.title() + ": " + test.firstLine());
            }
        }
    }

    private @Nullable LoadResult load(Path directory, PrintWriter err) {
        RegistryOptions registry = new RegistryOptions();
        registry.providersDir = directory;
        registry.extensions = extensions;
        StringWriter diagnostics = new StringWriter();
        LoadResult loaded = registry.load(environment, new PrintWriter(diagnostics), "--fix");
        if (loaded == null) {
            err.print(diagnostics);
        }
        return loaded;
    }

    /** Returns the errors the providers directory now loads with, formatted. */
    private List<String> errors(Path directory) {
        LoadResult loaded = load(directory, new PrintWriter(new StringWriter()));
        if (loaded == null) {
            return List.of(LABEL + ": cannot load " + directory);
        }
        return loaded.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format)
                .toList();
    }

    private static void restore(FixTarget target, PrintWriter err) {
        try {
            target.restore();
        } catch (IOException e) {
            err.println(LABEL + ": cannot restore " + target.file() + ": " + e.getMessage());
        }
    }

    /** Masks literal keys in printed file lines; the run's redactor masks the known ones too. */
    static final class SecretLines {

        private SecretLines() { }

        static String mask(String diff) {
            StringBuilder out = new StringBuilder();
            for (String line : diff.split("\n", -1)) {
                out.append(line.replaceFirst(
                        "^([ +-]\\s*(?:-\\s*)?apiKey\\s*:\\s*)(?![\"']?\\$\\{)\\S.*$", "$1***"));
                out.append('\n');
            }
            // split keeps a last empty piece for the final line break
            return out.substring(0, Math.max(0, out.length() - 1));
        }
    }

}
