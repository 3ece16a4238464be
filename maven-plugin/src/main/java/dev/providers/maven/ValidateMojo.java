package dev.providers.maven;

import dev.providers.engine.config.Diagnostic;
import java.io.File;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * {@code providers:validate}: checks the project's provider files against the schemas and the
 * engine's rules and fails the build on an error, printing each problem as
 * {@code file:line:col: error: ...} and, in GitHub Actions, as an annotation on that line.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresProject = false)
public class ValidateMojo extends AbstractMojo {

    /** The providers directory: every {@code *.yaml} and {@code *.yml} file directly in it. */
    @Parameter(property = "providers.dir", defaultValue = "${project.basedir}/providers.d")
    private File directory;

    /** Whether the files are checked with the built-in catalog, which override files extend. */
    @Parameter(property = "providers.builtins", defaultValue = "true")
    private boolean builtins;

    /** Whether a warning fails the build too. */
    @Parameter(property = "providers.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /**
     * Whether to print GitHub annotations: {@code auto} (when {@code GITHUB_ACTIONS=true}),
     * {@code true} or {@code false}.
     */
    @Parameter(property = "providers.githubAnnotations", defaultValue = "auto")
    private String githubAnnotations;

    /** Skips the check. */
    @Parameter(property = "providers.validate.skip", defaultValue = "false")
    private boolean skip;

    /** Reported paths are relative to the folder Maven was started in. */
    @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
    private @Nullable String executionRoot;

    /** Creates the mojo; Maven sets its parameters. */
    public ValidateMojo() {
        this.directory = new File("providers.d");
        this.githubAnnotations = "auto";
    }

    /** Checks the files; fails the build with the located errors. */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("providers:validate skipped");
            return;
        }
        Map<String, String> environment = System.getenv();
        boolean annotate;
        try {
            annotate = GitHubAnnotation.enabled(githubAnnotations, environment);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        Path dir = directory.toPath();
        if (!Files.isDirectory(dir)) {
            throw new MojoFailureException("providers:validate: no such directory: " + dir
                    + " (set <directory> or -Dproviders.dir)");
        }
        ProviderFileCheck check;
        try {
            check = ProviderFileCheck.run(dir, builtins, base(environment, annotate));
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("providers:validate: cannot read " + dir + ": "
                    + e.getCause().getMessage());
        }
        // workflow commands must start their line, so they bypass Maven's "[ERROR] " prefix
        PrintStream console = System.out;
        for (Diagnostic d : check.diagnostics()) {
            if (d.isError()) {
                getLog().error(d.format());
            } else {
                getLog().warn(d.format());
            }
            if (annotate) {
                console.println(GitHubAnnotation.of(d));
            }
        }
        console.flush();
        boolean failed = check.errors() > 0 || failOnWarning && check.warnings() > 0;
        String summary = "providers:validate: " + (failed ? "invalid: " : "valid: ")
                + check.summary() + " in " + dir;
        if (failed) {
            Diagnostic first = check.diagnostics().stream()
                    .filter(d -> d.isError() || failOnWarning).findFirst().orElseThrow();
            throw new MojoFailureException(summary + "; the first: " + first.format());
        }
        getLog().info(summary);
    }

    /** Returns the folder reported paths are relative to. */
    private Path base(Map<String, String> environment, boolean annotate) {
        String workspace = environment.get(GitHubAnnotation.WORKSPACE_VARIABLE);
        if (annotate && workspace != null && !workspace.isBlank()) {
            return Path.of(workspace); // GitHub resolves annotation paths from the repository
        }
        return executionRoot != null ? Path.of(executionRoot) : Path.of("");
    }
}
