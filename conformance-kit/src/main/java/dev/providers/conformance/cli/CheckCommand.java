package dev.providers.conformance.cli;

import dev.providers.engine.ProviderException;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.internal.config.BaseUrlTemplate;
import dev.providers.engine.json.MessageJson;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conformance check}: is the credential ready, is the endpoint reachable, is the
 * credential accepted, does it answer.
 */
@Command(name = "check",
        description = {"Checks that the endpoint is reachable, that the credential is ready and "
                + "accepted and that a model answers a one-line chat, with a plain verdict.",
            "Exit status: 0 OK, 1 failed, 2 usage error."})
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (EngineSession session = target.open(root.environment(), err, "check")) {
            if (session == null) {
                return ExitCodes.USAGE;
            }
            out = session.redacted(out);
            err = session.redacted(err);
            out.println("check " + session.model + " at " + BaseUrlTemplate.display(
                    session.engine.registry().model(session.model).baseUrl()));
            // the headers that carry a key count too: Azure's api-key is one, with no apiKey
            String credential = ListCommand.auth(session.provider, root.environment());
            out.println("  credential: " + (credential.equals("none") ? "none sent"
                    : credential));
            boolean ok = true;
            try {
                List<String> served = session.servedModels();
                out.println("  models endpoint: reachable, " + served.size() + " models"
                        + (served.contains(session.model.model()) ? ", including "
                                + session.model.model() : ""));
            } catch (ProviderException failure) {
                boolean fatal = failure.kind() == ErrorKind.AUTH
                        || failure.kind() == ErrorKind.NETWORK;
                out.println("  models endpoint: " + kind(failure.kind()) + ": "
                        + failure.getMessage() + (fatal ? "" : " (not required)"));
                ok = !fatal;
            }
            long start = System.nanoTime();
            AssistantMessage answer = session.engine.complete(session.model,
                    Context.ofUser("Reply with OK."), StreamOptions.builder().maxTokens(16)
                            .build()).get(5, TimeUnit.MINUTES);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (answer.stopReason().isNormal()) {
                out.println("  chat: answered in " + ms + " ms, finish "
                        + MessageJson.stopReason(answer.stopReason()) + ", "
                        + (answer.usage().input() + answer.usage().cacheRead()) + " in / "
                        + answer.usage().output() + " out tokens");
            } else {
                out.println("  chat: " + kind(answer.errorKind()) + ": " + answer.errorMessage());
                PrintWriter report = out;
                BaseUrlHint.of(answer.errorKind(), session.engine.registry()
                        .model(session.model).baseUrl()).ifPresent(hint -> report.println("  "
                                + hint));
                ok = false;
            }
            out.println(ok ? "verdict: OK" : "verdict: FAILED");
            return ok ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private static String kind(ErrorKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
