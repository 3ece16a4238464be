package dev.providers.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code conformance logout ID}: deletes the credential {@code login} stored for a provider. */
@Command(name = "logout",
        description = {"Deletes the credential `conformance login` stored for a provider (the "
                + "server may still consider its tokens valid until they expire).",
            "Exit status: 0 deleted or nothing stored, 1 the credential file cannot be written, "
                    + "2 usage error."})
final class LogoutCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "ID", description = "The provider id.")
    private String provider;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try (EngineSession session = EngineSession.open(registry, provider, null,
                root.environment(), err, "logout")) {
            if (session == null) {
                return ExitCodes.USAGE;
            }
            PrintWriter out = session.redacted(spec.commandLine().getOut());
            try {
                out.println(session.engine.logout(provider)
                        ? "logged out of " + provider + ": its credential was deleted from "
                                + session.store.location()
                        : "no credential was stored for " + provider + " in "
                                + session.store.location());
                return ExitCodes.OK;
            } catch (IOException e) {
                session.redacted(err).println("conformance logout: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }
}
