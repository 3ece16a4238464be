package dev.providers.conformance.cli;

import dev.providers.conformance.reference.MultiDialectServer;
import dev.providers.conformance.reference.Profile;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code conformance serve}: the kit's reference server on its own, every dialect on one port,
 * until Ctrl-C (a shutdown hook stops it) or until the command's thread is interrupted.
 */
@Command(name = "serve",
        description = {"Runs the kit's deterministic, offline reference server on its own: "
                + "chat completions and Responses under /v1, Anthropic's Messages under /v1 "
                + "(/v1/messages; /v1/models with an anthropic-version or x-api-key header), "
                + "Gemini under /v1beta, all on one port. Prints the base URLs and an example "
                + "curl; Ctrl-C stops it.",
            "Exit status: 0 stopped, 2 usage error or the port cannot be bound."})
final class ServeCommand implements Callable<Integer> {

    private static final String LABEL = "conformance serve";

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8088",
            description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port = 8088;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}; anything else "
                    + "exposes the server to the network).")
    private String host = "127.0.0.1";

    @Option(names = "--key", paramLabel = "KEY",
            description = "Accept only this key (as Bearer, x-api-key, api-key or "
                    + "x-goog-api-key); default: any key or none.")
    private @Nullable String key;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "A deviation profile, at most one per dialect, e.g. deepseek or "
                    + "anthropic-no-ping; the dialects not named behave conformantly. "
                    + "--list-profiles lists them.")
    private List<String> profileIds = new ArrayList<>();

    @Option(names = "--list-profiles", description = "List the profiles and exit.")
    private boolean listProfiles;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listProfiles) {
            for (Profile profile : Profile.values()) {
                out.printf("%-30s %-22s %s%n", profile.id(), profile.api(),
                        profile.description());
            }
            out.flush();
            return ExitCodes.OK;
        }
        MultiDialectServer server;
        try {
            List<Profile> profiles = profileIds.stream().map(Profile::byId).toList();
            server = MultiDialectServer.start(host, port, key, profiles);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println(LABEL + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> stop(server, stopped), "conformance-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            describe(server, out);
            stopped.await();
        } catch (InterruptedException e) {
            // the embedding code's stop path: the same as Ctrl-C
            Thread.currentThread().interrupt();
        } finally {
            stop(server, stopped);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran; it stops the same server
            }
        }
        out.println(LABEL + ": stopped");
        out.flush();
        return ExitCodes.OK;
    }

    private static void stop(MultiDialectServer server, CountDownLatch stopped) {
        server.close();
        stopped.countDown();
    }

    private void describe(MultiDialectServer server, PrintWriter out) {
        out.println(LABEL + ": the reference server listens on " + host + ":" + server.port()
                + (key == null ? " (any key or none accepted)" : " (only the --key accepted)"));
        for (Map.Entry<MultiDialectServer.Family, URI> entry : server.baseUrls().entrySet()) {
            out.printf("  %-21s baseUrl %-30s profile %s%n", entry.getKey().api(),
                    entry.getValue(), server.profile(entry.getKey()).id());
        }
        out.println("models: " + Profile.DEFAULT_MODEL + ", " + Profile.LITE_MODEL);
        URI chat = server.baseUrls().get(MultiDialectServer.Family.CHAT_COMPLETIONS);
        out.println("try:");
        out.println("  curl -sN " + chat + "/chat/completions -H 'Content-Type: "
                + "application/json'" + (key == null ? "" : " -H \"Authorization: Bearer $KEY\"")
                + " -d '{\"model\":\"" + Profile.DEFAULT_MODEL + "\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'");
        out.println("Ctrl-C stops it.");
        out.flush();
    }
}
