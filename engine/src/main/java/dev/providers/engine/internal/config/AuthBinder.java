package dev.providers.engine.internal.config;

import dev.providers.engine.internal.config.ProviderDocument.AuthDocument;
import dev.providers.engine.spec.AuthSpec;
import dev.providers.engine.spec.SecretRef;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns a checked {@code auth} block into its {@link AuthSpec}. The block passed the schema and
 * {@link AuthChecks}, so a missing key here is a bug of this project, not of the file.
 *
 * <p>Thread-safety: stateless.
 */
final class AuthBinder {

    private AuthBinder() { }

    static AuthSpec bind(AuthDocument d) {
        Duration ttl = d.ttl() == null ? AuthSpec.DEFAULT_TTL
                : Duration.ofNanos(Math.round(d.ttl() * 1e9));
        return switch (d.type()) {
            case "command" -> new AuthSpec.Command(required(d.command(), "command"), ttl);
            case "oauth2-client-credentials" -> new AuthSpec.ClientCredentials(
                    url(d.tokenUrl(), "tokenUrl"), required(d.clientId(), "clientId"),
                    required(d.clientSecret(), "clientSecret"), d.scope(), d.audience(),
                    d.extraParams() == null ? Map.<String, SecretRef>of() : d.extraParams(),
                    d.clientAuth() == null ? AuthSpec.ClientAuth.BASIC
                            : AuthSpec.ClientAuth.valueOf(d.clientAuth().toUpperCase(Locale.ROOT)),
                    ttl);
            case "oauth2-device" -> new AuthSpec.Device(
                    url(d.deviceAuthorizationUrl(), "deviceAuthorizationUrl"),
                    url(d.tokenUrl(), "tokenUrl"), required(d.clientId(), "clientId"),
                    d.clientSecret(), d.scope(), ttl);
            case "oauth2-authorization-code" -> new AuthSpec.AuthorizationCode(
                    url(d.authorizationUrl(), "authorizationUrl"), url(d.tokenUrl(), "tokenUrl"),
                    required(d.clientId(), "clientId"), d.clientSecret(), d.scope(), ttl);
            case "prompt" -> new AuthSpec.Prompt(d.prompt());
            default -> throw new IllegalStateException("the schema allowed auth type "
                    + d.type());
        };
    }

    private static URI url(@Nullable String value, String key) {
        return URI.create(required(value, key));
    }

    private static <T> T required(@Nullable T value, String key) {
        return Objects.requireNonNull(value, () -> "checked auth block without " + key);
    }
}
