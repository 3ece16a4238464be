package dev.providers.conformance.launch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import dev.providers.conformance.extension.RegistryHandoff;
import dev.providers.conformance.redaction.RedactingWriter;
import dev.providers.conformance.redaction.Redactor;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Runs the conformance suite through the JUnit Platform Launcher: resolves the target, discovers
 * the selected tests, runs them while printing one line per test, writes JUnit XML to
 * {@code <reportDir>/junit}, and returns the collected results. The run's secrets (see
 * {@link SuiteSecrets}) are redacted from the console, the results and the JUnit XML, even when
 * a server echoes them into an error.
 *
 * <p>Problems that stop the suite from running (invalid provider files, an unknown provider, no
 * test selected, a launcher failure) are returned as the result's setup error and printed as one
 * readable message, never thrown.
 *
 * <p>Thread-safety: immutable; each {@link #execute} call uses its own launcher.
 */
public final class SuiteExecutor {

    /** The package holding the suite's test classes. */
    static final String SUITE_PACKAGE = "dev.providers.conformance.suite";

    private final String suitePackage;
    private final Supplier<Launcher> launchers;
    private final Clock clock;

    SuiteExecutor(String suitePackage, Supplier<Launcher> launchers, Clock clock) {
        this.suitePackage = suitePackage;
        this.launchers = launchers;
        this.clock = clock;
    }

    /** Returns an executor for the kit's suite. */
    public static SuiteExecutor create() {
        return new SuiteExecutor(SUITE_PACKAGE, SuiteExecutor::launcher, Clock.systemUTC());
    }

    /** Returns an executor for the test classes of another package (for the kit's own tests). */
    SuiteExecutor withSuitePackage(String name) {
        return new SuiteExecutor(name, launchers, clock);
    }

    /**
     * Runs the suite and returns its result, printing the target, then one line per finished
     * test, to {@code console}.
     */
    public SuiteResult execute(SuiteRun requested, PrintWriter console) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        // the run's engines register the tokens they fetch under this run's key
        SuiteRun run = SuiteSecrets.withEngineSecrets(requested);
        Redactor redactor = SuiteSecrets.redactor(run);
        RedactingWriter redacting = new RedactingWriter(console, redactor);
        PrintWriter progress = new PrintWriter(redacting, true);
        try {
            return execute(run, progress, redactor, startedAt, start);
        } finally {
            progress.flush();
            try {
                redacting.close();
            } catch (IOException e) {
                // the console is a PrintWriter: it never throws, it sets its error flag
            }
        }
    }

    private SuiteResult execute(SuiteRun run, PrintWriter progress, Redactor redactor,
            Instant startedAt, long start) {
        ResultCollector collector = new ResultCollector(new ConsoleProgress(progress),
                System::nanoTime, redactor);
        TargetResolution.Target target = null;
        String setupError;
        try {
            target = TargetResolution.resolve(run);
            progress.println("conformance suite, tier " + run.tier().label() + ": "
                    + run.provider() + "/" + target.model() + " at " + target.baseUrl() + " ("
                    + target.api() + ")" + (run.tests() == null ? ""
                            : ", tests matching '" + run.tests() + "'"));
            progress.flush();
            setupError = launch(run, target.model(), collector, progress, redactor);
        } catch (IllegalArgumentException e) {
            setupError = e.getMessage();
        } catch (IOException e) {
            setupError = "cannot write to the report directory " + run.reportDir() + ": " + e;
        } catch (RuntimeException e) {
            // a broken launcher or engine: say what happened without a stack trace
            setupError = "the suite could not be launched: " + FailureMessages.of(e);
        }
        if (setupError != null) {
            setupError = redactor.redact(setupError);
            progress.println("cannot run the suite: " + setupError);
            progress.flush();
        }
        return new SuiteResult(run, target == null ? null : target.model(),
                target == null ? null : target.baseUrl(), target == null ? null : target.api(),
                startedAt, Duration.ofNanos(System.nanoTime() - start), collector.results(),
                setupError);
    }

    /** Discovers and runs the tests; returns why nothing ran, or null. */
    private @Nullable String launch(SuiteRun run, String model, ResultCollector collector,
            PrintWriter progress, Redactor redactor) throws IOException {
        Path junitDir = run.reportDir().resolve("junit");
        Files.createDirectories(junitDir);
        String registryKey = run.registry() == null ? null
                : RegistryHandoff.offer(run.registry());
        try {
            LauncherDiscoveryRequest request = DiscoveryRequests.build(run, model, suitePackage,
                    registryKey);
            Launcher launcher = launchers.get();
            TestPlan plan = launcher.discover(request);
            // a parameterized test is a method container until it runs, so count those too
            if (plan.countTestIdentifiers(SuiteExecutor::runsCode) == 0) {
                return "no test " + (run.tests() == null ? "" : "matches --tests '"
                        + run.tests() + "' ") + "in tier " + run.tier().label();
            }
            launcher.execute(plan, collector,
                    new LegacyXmlReportGeneratingListener(junitDir, progress));
        } finally {
            if (registryKey != null) {
                RegistryHandoff.withdraw(registryKey);
            }
        }
        JUnitXmlScrubber.scrub(junitDir, redactor);
        return null;
    }

    private static boolean runsCode(TestIdentifier id) {
        return id.isTest() || id.getSource().filter(MethodSource.class::isInstance).isPresent();
    }

    /**
     * Returns a launcher that registers nothing from the class path but test engines, so that
     * listeners and filters of the user's own test setup do not join the run.
     */
    private static Launcher launcher() {
        return LauncherFactory.create(LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
    }

    @Override
    public String toString() {
        return "SuiteExecutor[" + suitePackage + "]";
    }
}
