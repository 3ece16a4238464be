package dev.providers.engine.internal.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A provider's current token: handed out at once while it is fresh, fetched again in the
 * background when its expiry comes near (twice the skew before it, see {@link Token#skew()}),
 * waited for once it is too close to expiry to be sent; and fetched again once when a server
 * answers 401 to it. However many requests wait, one fetch is in flight.
 *
 * <p>Thread-safety: thread-safe; state changes hold the cache's lock, which is never held
 * while a fetch runs (fetchers return at once and complete their futures elsewhere).
 */
final class TokenCache implements CredentialSource {

    private final TokenFetcher fetcher;
    private final Clock clock;
    private final KnownSecrets known;
    private final String refusedHint;
    private @Nullable Token current;
    private @Nullable CompletableFuture<Token> inFlight;

    /**
     * Creates the cache; {@code refusedHint} is what a request refused with a token that cannot
     * be fetched again is told (how to get a new one).
     */
    TokenCache(TokenFetcher fetcher, Clock clock, KnownSecrets known, String refusedHint) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.known = known;
        this.refusedHint = refusedHint;
    }

    @Override
    public CompletableFuture<Credential> acquire() {
        CompletableFuture<Token> pending;
        synchronized (this) {
            Instant now = clock.instant();
            Token token = current;
            if (token != null && token.usableAt(now)) {
                if (token.refreshDueAt(now)) {
                    fetch(null); // early: requests keep the current token meanwhile
                }
                return CompletableFuture.completedFuture(new Credential(token.value(), 0));
            }
            pending = fetch(null);
        }
        return pending.thenApply(token -> new Credential(token.value(), 0));
    }

    @Override
    public @Nullable CompletableFuture<Credential> refused(Credential used, int status,
            Map<String, String> headers, Consumer<String> deviations) {
        if (status != 401) {
            return null;
        }
        if (!fetcher.refreshable()) {
            return CompletableFuture.failedFuture(Failures.auth(refusedHint));
        }
        CompletableFuture<Token> next;
        synchronized (this) {
            Token token = current;
            if (token != null && !token.value().equals(used.secret())
                    && token.usableAt(clock.instant())) {
                // another request already replaced the refused token
                deviations.accept(DEVIATION);
                return CompletableFuture.completedFuture(new Credential(token.value(), 0));
            }
            Token refused = token != null && token.value().equals(used.secret()) ? token
                    : new Token(used.secret(), clock.instant(), null, null);
            if (token == refused) {
                current = null;
            }
            next = inFlight != null ? inFlight : fetch(refused);
        }
        deviations.accept(DEVIATION);
        return next.thenApply(token -> new Credential(token.value(), 0));
    }

    /** What a stream notes when its token was refused and replaced. */
    static final String DEVIATION = "credential-refreshed: the server answered 401 to the "
            + "token; a new one was fetched and the request sent again";

    @Override
    public int maxResends() {
        return 1;
    }

    /** Forgets the current token, so that the next request fetches one (after a logout). */
    synchronized void forget() {
        current = null;
    }

    /** Starts a fetch unless one is in flight; holds the lock. */
    private CompletableFuture<Token> fetch(@Nullable Token refused) {
        CompletableFuture<Token> running = inFlight;
        if (running != null) {
            return running;
        }
        CompletableFuture<Token> started;
        try {
            started = fetcher.fetch(refused);
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        // callers chain on this one, completed after the cache has taken the token
        CompletableFuture<Token> fetched = new CompletableFuture<>();
        inFlight = fetched;
        started.whenComplete((token, failure) -> {
            if (token != null) {
                known.add(token.value());
                if (token.refreshToken() != null) {
                    known.add(token.refreshToken());
                }
            }
            synchronized (this) {
                if (inFlight == fetched) {
                    inFlight = null;
                }
                if (token != null) {
                    current = token;
                }
            }
            if (token != null) {
                fetched.complete(token);
            } else {
                fetched.completeExceptionally(Failures.cause(failure));
            }
        });
        return fetched;
    }
}
