package dev.providers.engine.spec;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a provider's credential comes from when it is not a fixed key: the {@code auth} block of
 * a provider file. The engine obtains a token this way, caches it until shortly before it
 * expires and sends it the way the provider's dialect sends keys.
 *
 * <p>Secret-capable values are {@link SecretRef}s, resolved when a token is fetched; no
 * {@code toString()} shows a value.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface AuthSpec {

    /** How long a token without an expiry of its own is used: 300 s. */
    Duration DEFAULT_TTL = Duration.ofSeconds(300);

    /** Returns the {@code type} provider files name, such as {@code oauth2-device}. */
    String type();

    /**
     * Returns whether a user signs in once with {@code conformance login ID} (or the engine's
     * {@code login}) before requests can be made.
     */
    default boolean needsLogin() {
        return this instanceof Device || this instanceof AuthorizationCode
                || this instanceof Prompt;
    }

    /**
     * A credential helper: a program whose standard output is the token.
     *
     * @param command the argv, run without a shell; each argument a literal or a template
     * @param ttl how long a token is used when the helper gives no expiry
     */
    record Command(List<SecretRef> command, Duration ttl) implements AuthSpec {

        /** Copies the list and rejects an empty command or a ttl that is not positive. */
        public Command {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("a credential helper needs a command");
            }
            requirePositive(ttl);
        }

        @Override
        public String type() {
            return "command";
        }
    }

    /**
     * The OAuth 2 client credentials grant (RFC 6749 §4.4): the provider's own client id and
     * secret buy a token at the token endpoint.
     *
     * @param tokenUrl the token endpoint
     * @param clientId the client id
     * @param clientSecret the client secret
     * @param scope the scope asked for, or null
     * @param audience the {@code audience} form parameter, or null
     * @param extraParams more form parameters, in order
     * @param clientAuth how the client authenticates
     * @param ttl how long a token is used when the endpoint gives no {@code expires_in}
     */
    record ClientCredentials(URI tokenUrl, SecretRef clientId, SecretRef clientSecret,
            @Nullable String scope, @Nullable String audience, Map<String, SecretRef> extraParams,
            ClientAuth clientAuth, Duration ttl) implements AuthSpec {

        /** Copies the map and rejects missing values. */
        public ClientCredentials {
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            extraParams = Collections.unmodifiableMap(new LinkedHashMap<>(extraParams));
            Objects.requireNonNull(clientAuth, "clientAuth");
            requirePositive(ttl);
        }

        @Override
        public String type() {
            return "oauth2-client-credentials";
        }
    }

    /**
     * The OAuth 2 device authorization grant (RFC 8628): {@code conformance login ID} shows a
     * code the user enters at the server's page; the tokens are stored and refreshed.
     *
     * @param deviceAuthorizationUrl the device authorization endpoint
     * @param tokenUrl the token endpoint
     * @param clientId the client id
     * @param clientSecret the client secret of servers that give installed apps one, or null
     * @param scope the scope asked for, or null
     * @param ttl how long a token is used when the endpoint gives no {@code expires_in}
     */
    record Device(URI deviceAuthorizationUrl, URI tokenUrl, SecretRef clientId,
            @Nullable SecretRef clientSecret, @Nullable String scope, Duration ttl)
            implements AuthSpec {

        /** Rejects missing values. */
        public Device {
            Objects.requireNonNull(deviceAuthorizationUrl, "deviceAuthorizationUrl");
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            requirePositive(ttl);
        }

        @Override
        public String type() {
            return "oauth2-device";
        }
    }

    /**
     * The OAuth 2 authorization code grant with PKCE and a loopback redirect (RFC 8252):
     * {@code conformance login ID} prints the URL to open in a browser and waits for the
     * redirect; the tokens are stored and refreshed.
     *
     * @param authorizationUrl the authorization endpoint
     * @param tokenUrl the token endpoint
     * @param clientId the client id
     * @param clientSecret the client secret of servers that give installed apps one, or null
     * @param scope the scope asked for, or null
     * @param ttl how long a token is used when the endpoint gives no {@code expires_in}
     */
    record AuthorizationCode(URI authorizationUrl, URI tokenUrl, SecretRef clientId,
            @Nullable SecretRef clientSecret, @Nullable String scope, Duration ttl)
            implements AuthSpec {

        /** Rejects missing values. */
        public AuthorizationCode {
            Objects.requireNonNull(authorizationUrl, "authorizationUrl");
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            requirePositive(ttl);
        }

        @Override
        public String type() {
            return "oauth2-authorization-code";
        }
    }

    /**
     * A token the user pastes at {@code conformance login ID}, stored and used until the server
     * refuses it.
     *
     * @param prompt the text shown when asking, or null for the default
     */
    record Prompt(@Nullable String prompt) implements AuthSpec {

        @Override
        public String type() {
            return "prompt";
        }
    }

    /** How a confidential client authenticates at the token endpoint (RFC 6749 §2.3.1). */
    enum ClientAuth {
        /** {@code Authorization: Basic} with the form-encoded id and secret (the default). */
        BASIC,
        /** {@code client_id} and {@code client_secret} form fields. */
        POST
    }

    private static void requirePositive(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
    }
}
