package dev.providers.conformance.cli;

import dev.providers.conformance.launch.SuiteExecutor;
import dev.providers.conformance.launch.TierSelection;
import dev.providers.conformance.onboarding.EndpointProbe;
import dev.providers.conformance.onboarding.ProviderFileDraft;
import dev.providers.conformance.redaction.RedactingWriter;
import dev.providers.conformance.redaction.Redactor;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conformance init URL}: probes a server, writes its provider file with a comment on
 * where each value came from, validates it and runs the PROTOCOL tier against it.
 */
@Command(name = "init",
        description = {"Probes the server at URL (the base path that lists models, the "
                + "dialects that answer, whether it wants a key, what it tells about each "
                + "model), writes <id>.yaml with a comment naming each value's source and no "
                + "secret, validates it and runs the PROTOCOL tier against it. Each request "
                + "takes at most 5 s, all together at most 60 s.",
            "Exit status: 0 file written and PROTOCOL passed (or --no-test), 1 written but "
                + "invalid, a key missing or tests failed, 2 nothing usable found (each probe "
                + "is listed) or usage error."})
final class InitCommand implements Callable<Integer> {

    private static final String LABEL = "conformance init";

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL",
            description = "The server, e.g. http://127.0.0.1:8080 or "
                    + "https://api.example.com/v1/chat/completions.")
    private String url = "";

    @Option(names = "--key-env", paramLabel = "NAME",
            description = "The environment variable holding the key; sent while probing, "
                    + "written as ${NAME}.")
    private @Nullable String keyEnv;

    @Option(names = "--id", paramLabel = "ID",
            description = "The provider id (default: from the server's kind and port or "
                    + "host).")
    private @Nullable String id;

    @Option(names = "--api", paramLabel = "API",
            description = "Use this dialect instead of the first that answers: "
                    + "openai-completions, openai-responses, anthropic-messages, "
                    + "google-generative-ai.")
    private @Nullable String api;

    @Option(names = "--write", paramLabel = "DIR",
            description = "Where the file goes (default: $PROVIDERS_DIR, else ./providers.d).")
    private @Nullable Path writeDir;

    @Option(names = "--force", description = "Replace the file if it exists.")
    private boolean force;

    @Option(names = "--no-test", description = "Do not run the PROTOCOL tier.")
    private boolean noTest;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where the PROTOCOL run's reports go "
                    + "(default: conformance-reports/<id> in the current directory).")
    private @Nullable Path reportDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> environment = root.environment();
        String key = keyEnv == null ? null : environment.get(keyEnv);
        // a key read from the environment never reaches the console, whatever a server echoes
        Redactor redactor = key == null || key.isEmpty() ? Redactor.none()
                : Redactor.of(List.of(key));
        PrintWriter safeOut = new PrintWriter(new RedactingWriter(out, redactor), true);
        PrintWriter safeErr = new PrintWriter(new RedactingWriter(err, redactor), true);
        try {
            return run(key == null || key.isEmpty() ? null : key, environment, safeOut,
                    safeErr);
        } finally {
            // forwards what the redacting writers hold; the console itself stays open
            safeOut.close();
            safeErr.close();
        }
    }

    private int run(@Nullable String key, Map<String, String> environment, PrintWriter out,
            PrintWriter err) {
        if (api != null && !EndpointProbe.DIALECTS.contains(api)) {
            err.println(LABEL + ": --api " + api + " is not one init can probe; known: "
                    + String.join(", ", EndpointProbe.DIALECTS));
            return ExitCodes.USAGE;
        }
        if (keyEnv != null && key == null) {
            out.println("note: $" + keyEnv + " is not set; probing without a key");
        }
        EndpointProbe.Result result;
        try {
            if (id != null) {
                ProviderFileDraft.builder(id); // checks the id before any request
            }
            result = EndpointProbe.create().probe(new EndpointProbe.Request(URI.create(url),
                    key, keyEnv, api, id));
        } catch (IllegalArgumentException e) {
            err.println(LABEL + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        PrintWriter probes = result.draft() == null ? err : out;
        probes.println("probed:");
        result.probes().forEach(line -> probes.println("  " + line));
        result.notes().forEach(line -> probes.println("note: " + line));
        ProviderFileDraft draft = result.draft();
        if (draft == null) {
            err.println(LABEL + ": nothing usable found at " + url + " (no model list, or no "
                    + "dialect answered); the probes are listed above");
            return ExitCodes.USAGE;
        }
        if (!result.dialects().isEmpty()) {
            out.println("dialects answering: " + String.join(", ", result.dialects()));
        }
        Path target = writeDir != null ? writeDir
                : ProvidersDirectory.resolve(null, environment).path();
        Path written;
        try {
            written = draft.writeTo(target, force);
        } catch (FileAlreadyExistsException e) {
            err.println(LABEL + ": " + target.resolve(draft.fileName()) + " exists; not "
                    + "overwritten (--force replaces it)");
            return ExitCodes.FAILED;
        } catch (IOException e) {
            err.println(LABEL + ": cannot write " + target.resolve(draft.fileName()) + ": "
                    + e.getMessage());
            return ExitCodes.FAILED;
        }
        out.println("wrote " + written);
        LoadResult loaded = ProviderLoader.create().load(List.of(written));
        loaded.diagnostics().stream().map(Diagnostic::format).forEach(out::println);
        if (loaded.hasErrors()) {
            err.println(LABEL + ": the written file is invalid (see above); please report it");
            return ExitCodes.FAILED;
        }
        out.println("valid: " + written.getFileName() + " (" + draft.modelIds().size()
                + " models)");
        if (result.keyMissing()) {
            return ExitCodes.FAILED;
        }
        int status = ExitCodes.OK;
        if (!noTest) {
            out.println();
            out.println("running the PROTOCOL tier against " + draft.id() + " ...");
            status = protocol(draft.id(), target, reportDir, environment, out, err);
        }
        out.println();
        out.println("next:");
        String dir = writeDir != null ? " --providers-dir " + target : "";
        out.println("  ./conformance --provider " + draft.id() + dir + "   # "
                + (noTest ? "the PROTOCOL tier" : "again, or --tier all"));
        if (!draft.modelIds().isEmpty()) {
            out.println("  ./conformance chat --provider " + draft.id() + dir + " --model "
                    + draft.modelIds().get(0) + " \"Hello\"");
        }
        return status;
    }

    /** Runs the PROTOCOL tier as {@code conformance --provider ID} does, over the directory. */
    private static int protocol(String providerId, Path directory, @Nullable Path reportDir,
            Map<String, String> environment, PrintWriter out, PrintWriter err) {
        SuiteOptions options = new SuiteOptions();
        options.registry = new RegistryOptions();
        options.registry.providersDir = directory;
        options.provider = providerId;
        options.tier = TierSelection.PROTOCOL;
        options.reportDir = reportDir;
        return new SuiteAction(SuiteExecutor.create()).run(options, new TargetPreparation(),
                environment, out, err);
    }
}
