package dev.providers.engine.internal.auth;

import dev.providers.engine.auth.CredentialStore;
import dev.providers.engine.auth.StoredCredential;
import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.spec.AuthSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The token of a provider whose user signed in ({@code oauth2-device},
 * {@code oauth2-authorization-code}, {@code prompt}): read from the credential store; when its
 * expiry comes near (or it was refused), refreshed with the stored refresh token and stored
 * again, the new refresh token replacing the old one when the server rotates them. No stored
 * login, an expired one without a refresh token, or a refresh token the server refuses (revoked,
 * rotated away) fail with a message that says to run {@code conformance login ID}.
 *
 * <p>Thread-safety: immutable; the store is read afresh on each fetch, so a login in another
 * process is picked up.
 */
final class StoredLoginFetcher implements TokenFetcher {

    private final AuthSpec auth;
    private final String providerId;
    private final @Nullable OAuthClient client;
    private final CredentialStore store;
    private final TokenEndpoint endpoint;
    private final Function<String, @Nullable String> environment;
    private final Executor executor;
    private final Clock clock;
    private final KnownSecrets known;
    private final Supplier<Redactor> redactor;

    StoredLoginFetcher(AuthSpec auth, String providerId, CredentialStore store,
            TokenEndpoint endpoint, Function<String, @Nullable String> environment,
            Executor executor, Clock clock, KnownSecrets known, Supplier<Redactor> redactor) {
        this.auth = auth;
        this.providerId = providerId;
        this.client = OAuthClient.of(providerId, auth);
        this.store = store;
        this.endpoint = endpoint;
        this.environment = environment;
        this.executor = executor;
        this.clock = clock;
        this.known = known;
        this.redactor = redactor;
    }

    /** Returns the sentence that tells the user how to sign in again. */
    static String loginHint(String providerId) {
        return "run `conformance login " + providerId + "`";
    }

    @Override
    public CompletableFuture<Token> fetch(@Nullable Token refused) {
        return CompletableFuture.supplyAsync(this::load, executor).thenCompose(stored -> {
            Token token = new Token(stored.accessToken(), stored.obtainedAt(),
                    stored.expiresAt(), stored.refreshToken());
            boolean wasRefused = refused != null && refused.value().equals(token.value());
            Instant now = clock.instant();
            boolean usable = !wasRefused && token.usableAt(now);
            if (usable && !token.refreshDueAt(now)) {
                return CompletableFuture.completedFuture(token);
            }
            if (client != null && stored.refreshToken() != null) {
                CompletableFuture<Token> refreshed = refresh(client, stored.refreshToken());
                // an early refresh that fails leaves the stored token to serve until it is
                // no longer usable; then the refresh's failure is the request's
                return usable ? refreshed.exceptionally(failure -> {
                    System.getLogger(StoredLoginFetcher.class.getName()).log(
                            System.Logger.Level.DEBUG, "the early refresh of provider "
                                    + providerId + " failed: " + Failures.message(failure));
                    return token;
                }) : refreshed;
            }
            if (usable) {
                return CompletableFuture.completedFuture(token); // due, but nothing refreshes it
            }
            throw new CompletionException(Failures.auth((wasRefused
                    ? "the server refused the stored token of provider " + providerId
                    : "the stored login of provider " + providerId + " has expired")
                    + (client == null ? "" : " and holds no refresh token") + " — "
                    + loginHint(providerId)));
        });
    }

    @Override
    public boolean refreshable() {
        return client != null;
    }

    private StoredCredential load() {
        Optional<StoredCredential> stored;
        try {
            stored = store.load(providerId);
        } catch (IOException e) {
            throw new CompletionException(Failures.auth("the stored login of provider "
                    + providerId + " cannot be read: " + e.getMessage()));
        }
        if (stored.isEmpty()) {
            throw new CompletionException(Failures.auth("no stored login for provider "
                    + providerId + " — " + loginHint(providerId)));
        }
        StoredCredential credential = stored.get();
        if (!credential.type().equals(auth.type())) {
            throw new CompletionException(Failures.auth("the stored login of provider "
                    + providerId + " is of auth type " + credential.type() + ", the provider "
                    + "now uses " + auth.type() + " — " + loginHint(providerId)));
        }
        known.add(credential.accessToken());
        if (credential.refreshToken() != null) {
            known.add(credential.refreshToken());
        }
        return credential;
    }

    private CompletableFuture<Token> refresh(OAuthClient oauth, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        if (oauth.scope() != null) {
            form.put("scope", oauth.scope());
        }
        try {
            oauth.identify(form, environment);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return endpoint.post(oauth.tokenUrl(), form, Map.of(), "token endpoint")
                .thenApplyAsync(reply -> {
                    Instant now = clock.instant();
                    if ("invalid_grant".equals(reply.error())) {
                        throw new CompletionException(Failures.auth("the token endpoint "
                                + oauth.tokenUrl() + " refused the stored refresh token of "
                                + "provider " + providerId + " (invalid_grant"
                                + describe(reply) + ") — " + loginHint(providerId)));
                    }
                    Token token = OAuthTokens.read(reply, oauth.tokenUrl(), now, oauth.ttl(),
                            refreshToken, redacting());
                    known.add(token.value());
                    if (token.refreshToken() != null) {
                        known.add(token.refreshToken());
                    }
                    try {
                        store.save(providerId, new StoredCredential(auth.type(), token.value(),
                                token.refreshToken(), token.expiresAt(), now));
                    } catch (IOException e) {
                        // the token works; only the next process will have to refresh again
                        System.getLogger(StoredLoginFetcher.class.getName()).log(
                                System.Logger.Level.WARNING, "the refreshed login of provider "
                                        + providerId + " could not be stored: "
                                        + e.getMessage());
                    }
                    return token;
                }, executor);
    }

    private String describe(TokenEndpoint.Reply reply) {
        String description = reply.text("error_description");
        if (description == null) {
            return "";
        }
        // masked before it is cut: a cut through a secret would leave its start unrecognised
        String masked = redacting().redact(description);
        return ": " + (masked.length() > 300 ? masked.substring(0, 300) + "…" : masked);
    }

    private Redactor redacting() {
        return redactor.get();
    }
}
