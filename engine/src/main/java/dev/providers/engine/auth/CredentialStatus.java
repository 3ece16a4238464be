package dev.providers.engine.auth;

import dev.providers.engine.spec.AuthSpec;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which credential a provider uses and whether it is ready, for listings and checks: logged in,
 * helper found on {@code PATH}, variables set. Never shows a secret: only the names of the
 * environment variables involved and whether they are set.
 *
 * @param method what the credential is: {@code none}, {@code apiKey}, {@code apiKeys}, or the
 *     {@code auth} type (such as {@code oauth2-device})
 * @param ready whether a request can get its credential now without the user's help
 * @param detail one line saying what is set, found or stored, and what to do if not ready
 */
public record CredentialStatus(String method, boolean ready, String detail) {

    /** Rejects missing values. */
    public CredentialStatus {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Returns the status of a provider's credential in an environment (which also gives
     * {@code PATH}), with the logins of {@code store}.
     */
    public static CredentialStatus of(ProviderSpec provider,
            Function<String, @Nullable String> environment, CredentialStore store) {
        return of(provider, environment, store, Clock.systemUTC());
    }

    /** Returns the status as {@link #of(ProviderSpec, Function, CredentialStore)}, at a time. */
    public static CredentialStatus of(ProviderSpec provider,
            Function<String, @Nullable String> environment, CredentialStore store,
            Clock clock) {
        boolean sent = provider.authHeader();
        String unsent = sent ? "" : " (no key header added: authHeader is false or the "
                + "provider's headers carry the key)";
        AuthSpec auth = provider.auth();
        if (auth != null) {
            CredentialStatus status = auth(provider.id(), auth, environment, store, clock);
            return new CredentialStatus(status.method(), status.ready(), status.detail()
                    + unsent);
        }
        if (!provider.apiKeys().isEmpty()) {
            List<String> parts = new ArrayList<>();
            int usable = 0;
            for (int i = 0; i < provider.apiKeys().size(); i++) {
                SecretRef key = provider.apiKeys().get(i);
                parts.add("#" + (i + 1) + " " + describe(key, environment));
                usable += isSet(key, environment) ? 1 : 0;
            }
            return new CredentialStatus("apiKeys", usable > 0, provider.apiKeys().size()
                    + " keys, " + usable + " usable: " + String.join(", ", parts) + unsent);
        }
        if (provider.apiKey() != null) {
            return new CredentialStatus("apiKey", isSet(provider.apiKey(), environment),
                    describe(provider.apiKey(), environment) + unsent);
        }
        return new CredentialStatus("none", true, "no credential is sent");
    }

    private static CredentialStatus auth(String id, AuthSpec auth,
            Function<String, @Nullable String> environment, CredentialStore store, Clock clock) {
        if (auth instanceof AuthSpec.Command command) {
            List<String> unset = unset(command.command(), environment);
            SecretRef program = command.command().get(0);
            if (!program.envNames().isEmpty() && !unset.isEmpty()) {
                return new CredentialStatus(auth.type(), false, "helper "
                        + program.redacted() + ": " + String.join(", ", unset) + " not set");
            }
            String name = program.resolve(environment::apply);
            Path found = onPath(name, environment);
            String helper = "helper " + fileName(name) + (found == null
                    ? " not found" + (name.contains(File.separator) ? "" : " on PATH")
                    : " found at " + found);
            if (!unset.isEmpty()) {
                return new CredentialStatus(auth.type(), false, helper + "; "
                        + String.join(", ", unset) + " not set");
            }
            return new CredentialStatus(auth.type(), found != null, helper);
        }
        if (auth instanceof AuthSpec.ClientCredentials client) {
            List<SecretRef> refs = new ArrayList<>(List.of(client.clientId(),
                    client.clientSecret()));
            refs.addAll(client.extraParams().values());
            List<String> unset = unset(refs, environment);
            String detail = "token endpoint " + client.tokenUrl() + ", client id "
                    + describe(client.clientId(), environment) + ", secret "
                    + describe(client.clientSecret(), environment);
            return new CredentialStatus(auth.type(), unset.isEmpty(), detail);
        }
        Optional<StoredCredential> stored;
        try {
            stored = store.load(id);
        } catch (IOException e) {
            return new CredentialStatus(auth.type(), false, "the stored logins cannot be read: "
                    + e.getMessage());
        }
        String login = "run `conformance login " + id + "`";
        if (stored.isEmpty()) {
            return new CredentialStatus(auth.type(), false, "not logged in: " + login);
        }
        StoredCredential credential = stored.get();
        if (!credential.type().equals(auth.type())) {
            return new CredentialStatus(auth.type(), false, "the stored login is of type "
                    + credential.type() + ": " + login);
        }
        Instant now = clock.instant();
        Instant expires = credential.expiresAt();
        boolean refresh = credential.refreshToken() != null;
        if (expires == null) {
            return new CredentialStatus(auth.type(), true, "logged in (stored in "
                    + store.location() + ")");
        }
        if (expires.isAfter(now)) {
            return new CredentialStatus(auth.type(), true, "logged in; the token expires in "
                    + minutes(Duration.between(now, expires)) + (refresh
                            ? " and is refreshed then" : ", then " + login));
        }
        return new CredentialStatus(auth.type(), refresh, refresh
                ? "logged in; the token has expired and is refreshed on the next request"
                : "the stored token has expired and there is no refresh token: " + login);
    }

    private static String minutes(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 1 ? d.toSeconds() + " s" : minutes < 120 ? minutes + " min"
                : d.toHours() + " h";
    }

    private static List<String> unset(List<SecretRef> refs,
            Function<String, @Nullable String> environment) {
        List<String> unset = new ArrayList<>();
        for (SecretRef ref : refs) {
            for (String name : ref.envNames()) {
                String value = environment.apply(name);
                if ((value == null || value.isEmpty()) && !unset.contains("${" + name + "}")) {
                    unset.add("${" + name + "}");
                }
            }
        }
        return unset;
    }

    private static boolean isSet(SecretRef ref, Function<String, @Nullable String> environment) {
        return unset(List.of(ref), environment).isEmpty();
    }

    /** Returns e.g. {@code ${KEY} (set)}, {@code ${KEY} (not set)} or {@code literal (hidden)}. */
    private static String describe(SecretRef ref,
            Function<String, @Nullable String> environment) {
        String bare = ref.bareName();
        if (bare != null) {
            String value = environment.apply(bare);
            return value == null || value.isEmpty() ? "literal (hidden)"
                    : bare + " (read from the environment, set)";
        }
        if (ref.envNames().isEmpty()) {
            return "literal (hidden)";
        }
        return ref.redacted() + (isSet(ref, environment) ? " (set)" : " (not set)");
    }

    private static String fileName(String program) {
        Path name = Path.of(program).getFileName();
        return name == null ? program : name.toString();
    }

    /** Returns where a program is found: itself when it names a path, else on PATH. */
    private static @Nullable Path onPath(String program,
            Function<String, @Nullable String> environment) {
        if (program.isEmpty()) {
            return null;
        }
        if (program.contains(File.separator)) {
            Path path = Path.of(program);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? path : null;
        }
        String path = environment.apply("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
