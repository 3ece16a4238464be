package dev.providers.maven;

import dev.providers.conformance.ConformanceMain;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * {@code providers:conformance}: runs the conformance kit against one provider, as
 * {@code conformance --provider ID} does, and writes {@code report.md}, {@code report.json} and
 * the JUnit XML ({@code junit/TEST-junit-jupiter.xml}) into the report directory, where CI test
 * reporters pick it up. Fails the build when a test fails, unless told to ignore failures.
 */
@Mojo(name = "conformance", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresProject = false)
public class ConformanceMojo extends AbstractMojo {

    /** The kit's exit status when every test passed or was skipped. */
    private static final int OK = 0;
    /** The kit's exit status when a test failed or the target could not be started. */
    private static final int FAILED = 1;

    /**
     * The provider id to test; {@code demo} (or {@code demo-<dialect>}) starts the kit's
     * in-process reference server and tests that.
     */
    @Parameter(property = "providers.provider", required = true)
    private String provider;

    /** The model id (default: the provider's first model). */
    @Parameter(property = "providers.model")
    private @Nullable String model;

    /** Which tiers to run: {@code protocol}, {@code behaviour} or {@code all}. */
    @Parameter(property = "providers.tier", defaultValue = "protocol")
    private String tier;

    /** Only tests whose id, class, method or name contains this or matches this glob. */
    @Parameter(property = "providers.tests")
    private @Nullable String tests;

    /** The providers directory; left out when it does not exist (the built-in catalog). */
    @Parameter(property = "providers.dir", defaultValue = "${project.basedir}/providers.d")
    private File directory;

    /** Where the reports, the JUnit XML and the captures of failures go. */
    @Parameter(property = "providers.reportDirectory",
            defaultValue = "${project.build.directory}/conformance")
    private File reportDirectory;

    /** Attempts per BEHAVIOUR test; the report shows the pass rate. */
    @Parameter(property = "providers.attempts", defaultValue = "3")
    private int attempts;

    /** How long one test may run, e.g. {@code 90s} or {@code 5m}. */
    @Parameter(property = "providers.testTimeout", defaultValue = "120s")
    private String testTimeout;

    /** How long the whole run may take; the rest is reported as not run. */
    @Parameter(property = "providers.runTimeout", defaultValue = "30m")
    private String runTimeout;

    /** A second model ({@code provider/model}) for the cross-provider handoff test. */
    @Parameter(property = "providers.handoffModel")
    private @Nullable String handoffModel;

    /** Whether failed tests leave the build green (the reports still show them). */
    @Parameter(property = "providers.testFailureIgnore", defaultValue = "false")
    private boolean testFailureIgnore;

    /** Skips the run. */
    @Parameter(property = "providers.conformance.skip", defaultValue = "false")
    private boolean skip;

    /** Creates the mojo; Maven sets its parameters. */
    public ConformanceMojo() {
        this.provider = "";
        this.tier = "protocol";
        this.directory = new File("providers.d");
        this.reportDirectory = new File("target/conformance");
        this.attempts = 3;
        this.testTimeout = "120s";
        this.runTimeout = "30m";
    }

    /** Runs the suite; fails the build when a test failed or the run could not start. */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("providers:conformance skipped");
            return;
        }
        List<String> args = arguments();
        getLog().debug("conformance " + String.join(" ", args));
        int status;
        // the kit redacts the provider's secrets from everything it prints
        try (LineLog info = new LineLog(getLog()::info);
                LineLog error = new LineLog(getLog()::error);
                PrintWriter out = new PrintWriter(info, true);
                PrintWriter err = new PrintWriter(error, true)) {
            status = ConformanceMain.run(args.toArray(String[]::new), out, err, System.getenv());
        }
        String where = "; reports and JUnit XML in " + reportDirectory;
        if (status == OK) {
            return;
        }
        if (status == FAILED) {
            String message = "providers:conformance: provider '" + provider
                    + "' failed the suite (or could not be started)" + where;
            if (testFailureIgnore) {
                getLog().warn(message);
                return;
            }
            throw new MojoFailureException(message);
        }
        throw new MojoFailureException("providers:conformance: cannot run the suite against '"
                + provider + "' (the reason is printed above)");
    }

    /** Returns the kit's command line for this configuration. */
    private List<String> arguments() throws MojoExecutionException {
        if (provider.isBlank()) {
            throw new MojoExecutionException("providers:conformance needs <provider> (or "
                    + "-Dproviders.provider=ID)");
        }
        List<String> args = new ArrayList<>(List.of("--provider", provider, "--tier", tier,
                "--report-dir", reportDirectory.getPath(), "--attempts",
                Integer.toString(attempts), "--test-timeout", testTimeout, "--run-timeout",
                runTimeout));
        if (Files.isDirectory(directory.toPath())) {
            args.add("--providers-dir");
            args.add(directory.getPath());
        } else {
            getLog().info("no providers directory at " + directory + "; using the built-in "
                    + "catalog");
        }
        if (model != null && !model.isBlank()) {
            args.add("--model");
            args.add(model);
        }
        if (tests != null && !tests.isBlank()) {
            args.add("--tests");
            args.add(tests);
        }
        if (handoffModel != null && !handoffModel.isBlank()) {
            args.add("--handoff-model");
            args.add(handoffModel);
        }
        return args;
    }
}
