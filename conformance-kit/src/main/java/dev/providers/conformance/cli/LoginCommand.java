package dev.providers.conformance.cli;

import dev.providers.engine.ProviderException;
import dev.providers.engine.auth.LoginCallbacks;
import dev.providers.engine.auth.StoredCredential;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conformance login ID}: signs the user in for a provider whose {@code auth} type needs
 * it and stores the credential: the device flow prints the code and the page to enter it at and
 * polls; the authorization code flow prints the URL to open and waits for the browser's
 * redirect; a prompt reads a pasted token.
 */
@Command(name = "login",
        description = {"Signs in for a provider whose auth type is oauth2-device (prints a code "
                + "and the page to enter it at, then waits), oauth2-authorization-code (prints "
                + "a URL to open in a browser, then waits for its redirect to 127.0.0.1) or "
                + "prompt (reads a pasted token), and stores the credential in "
                + "$XDG_CONFIG_HOME/providers/credentials.json (else "
                + "~/.config/providers/credentials.json), readable by you only. Requests "
                + "refresh it from then on.",
            "Exit status: 0 logged in, 1 the login failed, 2 usage error (unknown provider, or "
                    + "one whose credential needs no login)."})
final class LoginCommand implements Callable<Integer> {

    /** The longest a login may wait for the user; each flow has a shorter bound of its own. */
    private static final Duration MAX_WAIT = Duration.ofHours(2);

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "ID", description = "The provider id.")
    private String provider;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try (EngineSession session = EngineSession.open(registry, provider, null,
                root.environment(), err, "login")) {
            if (session == null) {
                return ExitCodes.USAGE;
            }
            PrintWriter out = session.redacted(spec.commandLine().getOut());
            err = session.redacted(err);
            if (session.provider.auth() == null || !session.provider.auth().needsLogin()) {
                err.println("conformance login: provider " + provider + " uses "
                        + session.engine.credentialStatus(provider).method() + ", which needs no "
                        + "login; only oauth2-device, oauth2-authorization-code and prompt do");
                return ExitCodes.USAGE;
            }
            out.println("login to " + provider + " (" + session.provider.auth().type() + ")");
            StoredCredential credential;
            try {
                credential = session.engine.login(provider, callbacks(out)).get(
                        MAX_WAIT.toMinutes(), TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                err.println("conformance login: " + (cause instanceof ProviderException
                        || cause instanceof IllegalArgumentException ? cause.getMessage()
                        : String.valueOf(cause)));
                return ExitCodes.FAILED;
            } catch (TimeoutException e) {
                err.println("conformance login: no sign-in within " + MAX_WAIT.toHours() + " h");
                return ExitCodes.FAILED;
            }
            out.println("logged in to " + provider + describe(credential) + "; stored in "
                    + session.store.location());
            return ExitCodes.OK;
        }
    }

    private LoginCallbacks callbacks(PrintWriter out) {
        return new LoginCallbacks() {
            @Override
            public void showUrl(URI url) {
                out.println("  open this URL in a browser to sign in:");
                out.println("  " + url);
            }

            @Override
            public void showDeviceCode(String userCode, URI verificationUri,
                    @Nullable URI verificationUriComplete, Duration expiresIn) {
                out.println("  open " + verificationUri + " and enter the code " + userCode
                        + " (valid for " + minutes(expiresIn) + ")");
                if (verificationUriComplete != null) {
                    out.println("  or open " + verificationUriComplete);
                }
            }

            @Override
            public @Nullable String ask(String prompt) {
                return root.input().readSecret(prompt, out);
            }

            @Override
            public void progress(String message) {
                out.println("  " + message);
            }
        };
    }

    private static String describe(StoredCredential credential) {
        Instant expires = credential.expiresAt();
        String refresh = credential.refreshToken() != null ? ", refresh token stored" : "";
        if (expires == null) {
            return refresh.isEmpty() ? "" : " (" + refresh.substring(2) + ")";
        }
        return " (the token expires in " + minutes(Duration.between(credential.obtainedAt(),
                expires)) + refresh + ")";
    }

    private static String minutes(Duration d) {
        return d.toMinutes() < 1 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }
}
