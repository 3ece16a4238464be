package dev.providers.conformance.cli;

import dev.providers.engine.auth.CredentialStatus;
import dev.providers.engine.spec.SecretRef;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Describes secret-capable values for listings without ever showing them. */
final class Secrets {

    private Secrets() { }

    /**
     * Returns a credential's status as listings show it, e.g. {@code oauth2-device: logged in;
     * the token expires in 42 min and is refreshed then}, or with {@code [not ready]} appended.
     */
    static String describe(CredentialStatus status) {
        return status.method() + ": " + status.detail() + (status.ready() ? "" : " [not ready]");
    }

    /**
     * Returns e.g. {@code ${OPENAI_API_KEY} (set)}, {@code ${KEY} (not set)} or
     * {@code literal (hidden)}.
     */
    static String describe(@Nullable SecretRef secret, Map<String, String> environment) {
        if (secret == null) {
            return "none";
        }
        String bare = secret.bareName();
        if (bare != null) {
            String value = environment.get(bare);
            return value == null || value.isEmpty() ? "literal (hidden)"
                    : bare + " (read from the environment, set)";
        }
        if (secret.envNames().isEmpty()) {
            return "literal (hidden)";
        }
        StringBuilder out = new StringBuilder(secret.redacted());
        boolean allSet = secret.envNames().stream().allMatch(name -> {
            String value = environment.get(name);
            return value != null && !value.isEmpty();
        });
        return out.append(allSet ? " (set)" : " (not set)").toString();
    }
}
