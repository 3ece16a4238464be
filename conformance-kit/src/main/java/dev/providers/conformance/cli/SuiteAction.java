package dev.providers.conformance.cli;

import dev.providers.conformance.launch.SuiteExecutor;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.SuiteSecrets;
import dev.providers.conformance.launch.TargetPreparer;
import dev.providers.conformance.redaction.RedactingWriter;
import dev.providers.conformance.redaction.Redactor;
import dev.providers.conformance.report.Reports;
import dev.providers.engine.ModelRef;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.spec.ProviderSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code conformance --provider ID …}: prepares the target, validates the provider files and the
 * model, runs the suite, writes the reports and prints the summary and any suggested compat
 * settings, or with {@code --fix} applies them ({@link FixAction}). Exit status: 0 when every
 * test passed or was skipped, 1 on a failure, 2 on invalid provider files, an unknown provider
 * or model, or bad arguments.
 */
final class SuiteAction {

    private static final String LABEL = "conformance";

    private final SuiteExecutor executor;

    SuiteAction(SuiteExecutor executor) {
        this.executor = executor;
    }

    int run(SuiteOptions options, TargetPreparation preparation,
            Map<String, String> environment, PrintWriter out, PrintWriter err) {
        SuiteRun requested;
        TargetPreparer preparer;
        try {
            requested = options.toRun(environment);
            preparer = preparation.preparer(requested,
                    options.fix ? options.explicitProvidersDir(environment) : null, out);
        } catch (IllegalArgumentException e) {
            err.println(LABEL + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try {
            SuiteRun run;
            try {
                run = preparer.prepare(requested);
            } catch (Exception e) {
                err.println(LABEL + ": cannot start the target: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            if (!valid(run, options.registry.extensions, environment, err)) {
                return ExitCodes.USAGE;
            }
            run = SuiteSecrets.withEngineSecrets(run);
            // from here on a server can put a key into what is printed: an error it echoes
            Redactor redactor = SuiteSecrets.redactor(run);
            RedactingWriter redactedOut = new RedactingWriter(out, redactor);
            RedactingWriter redactedErr = new RedactingWriter(err, redactor);
            try {
                return launch(run, options, environment, new PrintWriter(redactedOut, true),
                        new PrintWriter(redactedErr, true));
            } finally {
                closeQuietly(redactedOut);
                closeQuietly(redactedErr);
            }
        } finally {
            close(preparer, err);
        }
    }

    private int launch(SuiteRun run, SuiteOptions options, Map<String, String> environment,
            PrintWriter out, PrintWriter err) {
        SuiteResult result = executor.execute(run, out);
        try {
            Reports.write(result, run.reportDir());
        } catch (IOException e) {
            err.println(LABEL + ": cannot write the reports to " + run.reportDir() + ": " + e);
            return ExitCodes.FAILED;
        }
        out.println();
        out.println(result.summary() + "; reports in " + run.reportDir());
        if (options.fix) {
            Path runDirectory = run.providersDir();
            Path directory = runDirectory != null ? runDirectory
                    : options.fixDirectory(environment);
            return new FixAction(executor, options.registry.extensions, environment)
                    .run(run, result, directory, out, err);
        }
        Optional<String> snippet = Reports.compatSnippet(result);
        snippet.ifPresent(yaml -> {
            out.println();
            out.println("Suggested compat settings (printed, not applied; --fix applies "
                    + "them):");
            out.print(yaml);
        });
        out.flush();
        return result.failed() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** Checks the files, provider and model the way the suite will; prints why not. */
    private static boolean valid(SuiteRun run, ExtensionOptions extensions,
            Map<String, String> environment, PrintWriter err) {
        RegistryOptions registry = new RegistryOptions();
        registry.providersDir = run.providersDir();
        registry.extensions = extensions;
        // no directory means the built-in catalog alone: keep $PROVIDERS_DIR out of it
        LoadResult loaded = registry.load(run.providersDir() == null ? Map.of() : environment,
                err, "--provider");
        if (loaded == null) {
            return false;
        }
        if (loaded.hasErrors()) {
            err.println(DiagnosticPrinter.summary(loaded));
            err.println(LABEL + ": fix the provider files first");
            return false;
        }
        String problem = modelProblem(loaded.registry(), run.provider(), run.model());
        if (problem != null) {
            err.println(LABEL + ": " + problem);
            return false;
        }
        return true;
    }

    private static @Nullable String modelProblem(ProviderRegistry registry, String providerId,
            @Nullable String modelId) {
        ProviderSpec provider = registry.provider(providerId).orElse(null);
        if (provider != null && modelId == null && provider.models().isEmpty()) {
            return "provider '" + providerId + "' declares no models; name one with --model";
        }
        String model = modelId != null ? modelId : provider != null
                ? provider.models().get(0).id() : "?";
        try {
            registry.model(ModelRef.of(providerId, model));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Forwards what a redacting writer still holds; the console itself stays open. */
    private static void closeQuietly(RedactingWriter writer) {
        try {
            writer.close();
        } catch (IOException e) {
            // the targets are PrintWriters, which never throw
        }
    }

    private static void close(TargetPreparer preparer, PrintWriter err) {
        try {
            preparer.close();
        } catch (Exception e) {
            err.println(LABEL + ": cannot stop the target: " + e.getMessage());
        }
    }
}
