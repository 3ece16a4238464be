package dev.providers.engine.internal.auth;

import dev.providers.engine.spec.AuthSpec;
import dev.providers.engine.spec.SecretRef;
import dev.providers.engine.spec.UnresolvedSecretException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the user-login types ({@code oauth2-device}, {@code oauth2-authorization-code}) share:
 * a public client (its secret only where the server gives installed apps one) at a token
 * endpoint, which signs in once and refreshes.
 *
 * @param providerId the provider, for messages
 * @param tokenUrl the token endpoint
 * @param clientId the client id
 * @param clientSecret the client secret, or null
 * @param scope the scope asked for, or null
 * @param ttl the lifetime of tokens the endpoint gives without {@code expires_in}
 */
record OAuthClient(String providerId, URI tokenUrl, SecretRef clientId,
        @Nullable SecretRef clientSecret, @Nullable String scope, Duration ttl) {

    /** Returns the client of a user-login type, or null for any other type. */
    static @Nullable OAuthClient of(String providerId, AuthSpec auth) {
        if (auth instanceof AuthSpec.Device d) {
            return new OAuthClient(providerId, d.tokenUrl(), d.clientId(), d.clientSecret(),
                    d.scope(), d.ttl());
        }
        if (auth instanceof AuthSpec.AuthorizationCode c) {
            return new OAuthClient(providerId, c.tokenUrl(), c.clientId(), c.clientSecret(),
                    c.scope(), c.ttl());
        }
        return null;
    }

    /**
     * Adds {@code client_id} (and {@code client_secret}) to a form, resolved.
     *
     * @throws RuntimeException an {@code AUTH} failure naming an unset variable
     */
    void identify(Map<String, String> form, Function<String, @Nullable String> environment) {
        form.put("client_id", resolve(clientId, "clientId", environment));
        if (clientSecret != null) {
            form.put("client_secret", resolve(clientSecret, "clientSecret", environment));
        }
    }

    private String resolve(SecretRef value, String key,
            Function<String, @Nullable String> environment) {
        try {
            return value.resolve(name -> {
                String v = environment.apply(name);
                return v == null || v.isEmpty() ? null : v;
            });
        } catch (UnresolvedSecretException e) {
            throw Failures.auth(e.getMessage() + " (auth." + key + " of provider " + providerId
                    + ")");
        }
    }
}
