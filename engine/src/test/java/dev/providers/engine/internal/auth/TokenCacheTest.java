package dev.providers.engine.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ProviderException;
import dev.providers.engine.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The token cache on an injected clock: fresh tokens at once, an early refresh in the
 * background, a wait once a token is too close to expiry, one fetch however many wait, one
 * fetch again after a 401.
 */
class TokenCacheTest {

    private final TestClock clock = new TestClock();
    private final KnownSecrets known = new KnownSecrets();

    /** A fetcher whose fetches the test completes by hand. */
    private final class ManualFetcher implements TokenFetcher {
        final List<CompletableFuture<Token>> fetches = new ArrayList<>();
        final List<@Nullable Token> refused = new ArrayList<>();
        boolean refreshable = true;

        @Override
        public synchronized CompletableFuture<Token> fetch(@Nullable Token refusedToken) {
            CompletableFuture<Token> fetch = new CompletableFuture<>();
            fetches.add(fetch);
            refused.add(refusedToken);
            return fetch;
        }

        @Override
        public boolean refreshable() {
            return refreshable;
        }

        void complete(int index, String value, Duration lifetime) {
            Instant now = clock.instant();
            fetches.get(index).complete(new Token(value, now, now.plus(lifetime), null));
        }
    }

    private final ManualFetcher fetcher = new ManualFetcher();
    private final TokenCache cache = new TokenCache(fetcher, clock, known, "log in again");

    @Test
    void oneFetchServesEveryWaitingRequestAndTheTokenIsCached() throws Exception {
        List<CompletableFuture<Credential>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(cache.acquire());
        }
        assertEquals(1, fetcher.fetches.size());
        waiting.forEach(w -> assertFalse(w.isDone()));
        fetcher.complete(0, "token-one-0123456789", Duration.ofHours(1));
        for (CompletableFuture<Credential> w : waiting) {
            assertEquals("token-one-0123456789", w.get().secret());
        }
        clock.advance(Duration.ofMinutes(57));
        CompletableFuture<Credential> cached = cache.acquire();
        assertTrue(cached.isDone(), "a fresh token is handed out at once");
        assertEquals(1, fetcher.fetches.size());
        assertTrue(known.values().contains("token-one-0123456789"), "the token joins the "
                + "provider's known secrets");
    }

    @Test
    void aTokenNearExpiryIsRefreshedInTheBackgroundWhileStillInUse() throws Exception {
        cache.acquire();
        fetcher.complete(0, "first-token-abcdefgh", Duration.ofHours(1));
        // skew is 60 s: refreshed from 120 s before expiry, unusable from 60 s before
        clock.advance(Duration.ofMinutes(58).plusSeconds(1));
        CompletableFuture<Credential> early = cache.acquire();
        assertEquals("first-token-abcdefgh", early.get().secret());
        assertEquals(2, fetcher.fetches.size(), "the refresh started");
        assertEquals("first-token-abcdefgh", cache.acquire().get().secret(), "no second fetch "
                + "while one is in flight, and the current token still serves");
        assertEquals(2, fetcher.fetches.size());
        fetcher.complete(1, "second-token-abcdefgh", Duration.ofHours(1));
        assertEquals("second-token-abcdefgh", cache.acquire().get().secret());
    }

    @Test
    void aTokenTooCloseToExpiryIsWaitedFor() throws Exception {
        cache.acquire();
        fetcher.complete(0, "first-token-abcdefgh", Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(59).plusSeconds(1));
        CompletableFuture<Credential> waiting = cache.acquire();
        assertFalse(waiting.isDone(), "59 min into an hour is within the skew: not sent");
        fetcher.complete(1, "second-token-abcdefgh", Duration.ofHours(1));
        assertEquals("second-token-abcdefgh", waiting.get().secret());
    }

    @Test
    void aShortLifetimeKeepsATenthAsSkew() throws Exception {
        cache.acquire();
        fetcher.complete(0, "short-token-abcdefgh", Duration.ofMinutes(2));
        clock.advance(Duration.ofSeconds(95)); // before 120 - 2 × 12 s: fresh
        assertTrue(cache.acquire().isDone());
        assertEquals(1, fetcher.fetches.size());
        clock.advance(Duration.ofSeconds(2)); // 97 s: refresh due, still usable
        assertTrue(cache.acquire().isDone());
        assertEquals(2, fetcher.fetches.size());
        clock.advance(Duration.ofSeconds(12)); // 109 s: within 12 s of expiry
        assertFalse(cache.acquire().isDone());
    }

    @Test
    void aFailedFetchFailsEveryWaiterAndTheNextRequestTriesAgain() {
        CompletableFuture<Credential> a = cache.acquire();
        CompletableFuture<Credential> b = cache.acquire();
        fetcher.fetches.get(0).completeExceptionally(Failures.auth("helper exited with 1"));
        for (CompletableFuture<Credential> waiter : List.of(a, b)) {
            ExecutionException e = assertThrows(ExecutionException.class, waiter::get);
            ProviderException cause = assertInstanceOf(ProviderException.class, e.getCause());
            assertEquals("helper exited with 1", cause.getMessage());
        }
        cache.acquire();
        assertEquals(2, fetcher.fetches.size());
    }

    @Test
    void a401FetchesOnceForEveryStreamThatWasRefused() throws Exception {
        cache.acquire();
        fetcher.complete(0, "revoked-token-abcdefgh", Duration.ofHours(1));
        Credential used = cache.acquire().get();
        List<String> deviations = new ArrayList<>();
        CompletableFuture<Credential> first = cache.refused(used, 401, Map.of(),
                deviations::add);
        CompletableFuture<Credential> second = cache.refused(used, 401, Map.of(),
                deviations::add);
        assertNotNull(first);
        assertEquals(2, fetcher.fetches.size(), "one fetch for both refused streams");
        assertEquals("revoked-token-abcdefgh", fetcher.refused.get(1).value(),
                "the fetcher is told which token was refused");
        fetcher.complete(1, "fresh-token-abcdefgh", Duration.ofHours(1));
        assertEquals("fresh-token-abcdefgh", first.get().secret());
        assertEquals("fresh-token-abcdefgh", second.get().secret());
        assertEquals(List.of(TokenCache.DEVIATION, TokenCache.DEVIATION), deviations);
        // a third stream refused with the old token gets the fresh one without a fetch
        assertEquals("fresh-token-abcdefgh", cache.refused(used, 401, Map.of(),
                deviations::add).get().secret());
        assertEquals(2, fetcher.fetches.size());
        assertNull(cache.refused(used, 403, Map.of(), deviations::add), "only 401 refreshes");
        assertEquals(1, cache.maxResends());
    }

    @Test
    void aTokenThatCannotBeFetchedAgainFailsARefusalWithTheHint() {
        fetcher.refreshable = false;
        cache.acquire();
        fetcher.complete(0, "pasted-token-abcdefgh", Duration.ofHours(1));
        CompletableFuture<Credential> refused = cache.refused(new Credential(
                "pasted-token-abcdefgh", 0), 401, Map.of(), d -> { });
        ExecutionException e = assertThrows(ExecutionException.class, refused::get);
        assertEquals("log in again", e.getCause().getMessage());
    }

    @Test
    void forgettingDropsTheCachedToken() throws Exception {
        cache.acquire();
        fetcher.complete(0, "old-login-abcdefgh", Duration.ofHours(1));
        cache.forget();
        CompletableFuture<Credential> next = cache.acquire();
        assertEquals(2, fetcher.fetches.size());
        fetcher.complete(1, "new-login-abcdefgh", Duration.ofHours(1));
        assertSame("new-login-abcdefgh", next.get().secret());
    }
}
