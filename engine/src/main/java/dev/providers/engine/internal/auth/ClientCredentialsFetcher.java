package dev.providers.engine.internal.auth;

import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.spec.AuthSpec;
import dev.providers.engine.spec.SecretRef;
import dev.providers.engine.spec.UnresolvedSecretException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Buys a token with the client credentials grant (RFC 6749 §4.4): {@code grant_type},
 * {@code scope}, {@code audience} and the extra parameters as a form; the client authenticates
 * with HTTP Basic (id and secret form-encoded first, §2.3.1) or with form fields.
 *
 * <p>Thread-safety: immutable.
 */
final class ClientCredentialsFetcher implements TokenFetcher {

    private final AuthSpec.ClientCredentials spec;
    private final String providerId;
    private final Function<String, @Nullable String> environment;
    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final KnownSecrets known;
    private final Supplier<Redactor> redactor;
    private final Executor executor;

    ClientCredentialsFetcher(AuthSpec.ClientCredentials spec, String providerId,
            Function<String, @Nullable String> environment, TokenEndpoint endpoint, Clock clock,
            KnownSecrets known, Supplier<Redactor> redactor, Executor executor) {
        this.spec = spec;
        this.providerId = providerId;
        this.environment = environment;
        this.endpoint = endpoint;
        this.clock = clock;
        this.known = known;
        this.redactor = redactor;
        this.executor = executor;
    }

    @Override
    public CompletableFuture<Token> fetch(@Nullable Token refused) {
        // the caller may be an I/O thread (a 401): the request starts on an auth thread
        return CompletableFuture.supplyAsync(this::request, executor)
                .thenCompose(Function.identity());
    }

    private CompletableFuture<Token> request() {
        Map<String, String> form = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            form.put("grant_type", "client_credentials");
            if (spec.scope() != null) {
                form.put("scope", spec.scope());
            }
            if (spec.audience() != null) {
                form.put("audience", spec.audience());
            }
            spec.extraParams().forEach((name, value) -> form.put(name, resolve(value,
                    "extraParams." + name)));
            String id = resolve(spec.clientId(), "clientId");
            String secret = resolve(spec.clientSecret(), "clientSecret");
            if (spec.clientAuth() == AuthSpec.ClientAuth.POST) {
                form.put("client_id", id);
                form.put("client_secret", secret);
            } else {
                String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
                        + URLEncoder.encode(secret, StandardCharsets.UTF_8);
                String basic = Base64.getEncoder().encodeToString(pair.getBytes(
                        StandardCharsets.UTF_8));
                known.add(basic); // an endpoint that echoes the header must not show it
                headers.put("Authorization", "Basic " + basic);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return endpoint.post(spec.tokenUrl(), form, headers, "token endpoint")
                .thenApply(reply -> OAuthTokens.read(reply, spec.tokenUrl(), clock.instant(),
                        spec.ttl(), null, redactor.get()));
    }

    @Override
    public boolean refreshable() {
        return true;
    }

    private String resolve(SecretRef value, String key) {
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
