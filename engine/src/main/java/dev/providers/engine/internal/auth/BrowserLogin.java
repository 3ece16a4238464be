package dev.providers.engine.internal.auth;

import dev.providers.engine.auth.LoginCallbacks;
import dev.providers.engine.auth.StoredCredential;
import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.spec.AuthSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One authorization code login with PKCE (RFC 7636, S256) and a loopback redirect
 * (RFC 8252): listens on {@code 127.0.0.1} and a free port, shows the authorization URL, waits
 * for the browser's redirect (at most {@code timeout}), checks that its {@code state} is the one
 * sent (else the login fails: the redirect was not the answer to this login), and exchanges the
 * code for tokens with the verifier.
 *
 * <p>Thread-safety: one login per instance.
 */
final class BrowserLogin {

    private final AuthSpec.AuthorizationCode spec;
    private final OAuthClient client;
    private final TokenEndpoint endpoint;
    private final Function<String, @Nullable String> environment;
    private final Executor executor;
    private final Clock clock;
    private final Duration timeout;
    private final Supplier<Redactor> redactor;

    BrowserLogin(AuthSpec.AuthorizationCode spec, OAuthClient client, TokenEndpoint endpoint,
            Function<String, @Nullable String> environment, Executor executor, Clock clock,
            Duration timeout, Supplier<Redactor> redactor) {
        this.spec = spec;
        this.client = client;
        this.endpoint = endpoint;
        this.environment = environment;
        this.executor = executor;
        this.clock = clock;
        this.timeout = timeout;
        this.redactor = redactor;
    }

    /** Starts the login; the future completes with the tokens, not yet stored. */
    CompletableFuture<StoredCredential> start(LoginCallbacks callbacks) {
        LoopbackRedirect redirect;
        try {
            redirect = LoopbackRedirect.start();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(Failures.auth("cannot listen on 127.0.0.1 "
                    + "for the browser's redirect: " + e.getMessage()));
        }
        String verifier = Pkce.verifier();
        String state = Pkce.random(16);
        URI redirectUri = redirect.redirectUri();
        Map<String, String> identity = new LinkedHashMap<>();
        try {
            client.identify(identity, environment);
        } catch (RuntimeException e) {
            redirect.close();
            return CompletableFuture.failedFuture(e);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", identity.get("client_id"));
        query.put("redirect_uri", redirectUri.toString());
        if (spec.scope() != null) {
            query.put("scope", spec.scope());
        }
        query.put("state", state);
        query.put("code_challenge", Pkce.challenge(verifier));
        query.put("code_challenge_method", "S256");
        String base = spec.authorizationUrl().toString();
        URI url = URI.create(base + (base.contains("?") ? "&" : "?")
                + TokenEndpoint.encode(query));
        CompletableFuture<StoredCredential> result = redirect.parameters()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenComposeAsync(parameters -> exchange(parameters, state, verifier,
                        redirectUri, identity), executor);
        result.whenComplete((credential, failure) -> {
            redirect.finish(failure == null ? "Signed in. You can close this tab."
                    : "The sign-in failed: " + Failures.message(failure));
            executor.execute(redirect::close); // waits for the page to go out
        });
        executor.execute(() -> {
            callbacks.showUrl(url);
            callbacks.progress("waiting for the browser's redirect to " + redirectUri);
        });
        return result.handle((credential, failure) -> {
            if (failure == null) {
                return credential;
            }
            Throwable cause = Failures.cause(failure);
            if (cause instanceof java.util.concurrent.TimeoutException) {
                throw new CompletionException(Failures.auth("no redirect from the browser "
                        + "within " + timeout.toMinutes() + " min; run the login again"));
            }
            throw new CompletionException(cause);
        });
    }

    private CompletableFuture<StoredCredential> exchange(Map<String, String> parameters,
            String state, String verifier, URI redirectUri, Map<String, String> identity) {
        String returned = parameters.get("state");
        if (returned == null || !MessageDigest.isEqual(returned.getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            throw new CompletionException(Failures.auth("the redirect's state does not match "
                    + "the one this login sent, so it is not the answer to this login; nothing "
                    + "was stored"));
        }
        String error = parameters.get("error");
        if (error != null) {
            String description = parameters.get("error_description");
            throw new CompletionException(Failures.auth("the authorization server answered "
                    + clip(error) + (description == null ? "" : ": " + clip(description))));
        }
        String code = parameters.get("code");
        if (code == null || code.isEmpty()) {
            throw new CompletionException(Failures.auth("the redirect carries no code"));
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", verifier);
        form.putAll(identity);
        return endpoint.post(spec.tokenUrl(), form, Map.of(), "token endpoint")
                .thenApply(reply -> {
                    Instant now = clock.instant();
                    Token token = OAuthTokens.read(reply, spec.tokenUrl(), now, spec.ttl(), null,
                            redactor.get());
                    return new StoredCredential(spec.type(), token.value(),
                            token.refreshToken(), token.expiresAt(), now);
                });
    }

    private String clip(String text) {
        // masked before it is cut: a cut through a secret would leave its start unrecognised
        String flat = redactor.get().redact(text.replaceAll("[\\p{Cntrl}]", " ").strip());
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
