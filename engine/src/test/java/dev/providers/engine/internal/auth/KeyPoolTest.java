package dev.providers.engine.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.providers.engine.spec.SecretRef;
import dev.providers.engine.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** apiKeys: round robin, 401/403 drop a key, 429 cools it down, keys named by position only. */
class KeyPoolTest {

    private static final Map<String, String> ENV = Map.of("KEY_A", "sk-aaaaaaaaaaaaaaaa",
            "KEY_B", "sk-bbbbbbbbbbbbbbbb", "KEY_C", "sk-cccccccccccccccc");
    private final TestClock clock = new TestClock();
    private final List<String> deviations = new ArrayList<>();

    private KeyPool pool(String... names) {
        List<SecretRef> keys = new ArrayList<>();
        for (String name : names) {
            keys.add(SecretRef.env(name));
        }
        return new KeyPool(keys, ENV::get, clock, () -> 0.0);
    }

    private static int key(KeyPool pool) throws Exception {
        return pool.acquire().get().keyNumber();
    }

    @Test
    void requestsTakeTheKeysInTurn() throws Exception {
        KeyPool pool = pool("KEY_A", "KEY_B", "KEY_C");
        assertEquals(List.of(1, 2, 3, 1, 2), List.of(key(pool), key(pool), key(pool), key(pool),
                key(pool)));
        assertEquals("sk-cccccccccccccccc", pool.acquire().get().secret());
        assertEquals("Credential[key #1]", pool.acquire().get().toString());
    }

    @Test
    void a401DropsTheKeyForGoodAndTheRequestGoesToTheNext() throws Exception {
        KeyPool pool = pool("KEY_A", "KEY_B", "KEY_C");
        Credential first = pool.acquire().get();
        Credential next = pool.refused(first, 401, Map.of(), deviations::add).get();
        assertEquals(2, next.keyNumber());
        assertEquals(List.of("api-key-failed: key #1 answered 401, dropped for this process"),
                deviations);
        clock.advance(Duration.ofDays(1));
        for (int i = 0; i < 6; i++) {
            int number = key(pool);
            assertFalse(number == 1, "key #1 never comes back");
        }
    }

    @Test
    void a429CoolsTheKeyDownForRetryAfterThenItServesAgain() throws Exception {
        KeyPool pool = pool("KEY_A", "KEY_B");
        Credential first = pool.acquire().get();
        Credential next = pool.refused(first, 429, Map.of("retry-after", "20"),
                deviations::add).get();
        assertEquals(2, next.keyNumber());
        assertEquals(List.of("api-key-rate-limited: key #1 answered 429, cooling down for 20 s"),
                deviations);
        assertEquals(List.of(2, 2, 2), List.of(key(pool), key(pool), key(pool)));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of(1, 2), List.of(key(pool), key(pool)));
    }

    @Test
    void withoutRetryAfterTheBackoffGrowsWithEach429OfTheKey() throws Exception {
        KeyPool pool = pool("KEY_A", "KEY_B");
        pool.refused(new Credential("sk-aaaaaaaaaaaaaaaa", 1), 429, Map.of(), deviations::add);
        clock.advance(Duration.ofMillis(500));
        pool.refused(new Credential("sk-aaaaaaaaaaaaaaaa", 1), 429, Map.of(), deviations::add);
        assertEquals(List.of("api-key-rate-limited: key #1 answered 429, cooling down for 0.5 s",
                "api-key-rate-limited: key #1 answered 429, cooling down for 1 s"), deviations);
    }

    @Test
    void whenEveryKeyIsCoolingTheOneFreeSoonestIsSentAndTheRetryPolicyWaits()
            throws Exception {
        KeyPool pool = pool("KEY_A", "KEY_B");
        pool.refused(new Credential("a", 1), 429, Map.of("retry-after", "30"), deviations::add);
        assertNull(pool.refused(new Credential("b", 2), 429, Map.of("retry-after", "10"),
                deviations::add), "no key left: the request retries as usual");
        assertEquals(2, key(pool));
    }

    @Test
    void whenEveryKeyWasRefusedTheRequestEndsWithItsErrorAndNewOnesSayWhy() {
        KeyPool pool = pool("KEY_A", "KEY_B", "UNSET");
        assertEquals(1, pool.refused(new Credential("x", 2), 403, Map.of(), deviations::add)
                .join().keyNumber());
        assertNull(pool.refused(new Credential("x", 1), 401, Map.of(), deviations::add));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> pool.acquire().get());
        assertEquals("no API key of the provider can be used: keys #1, #2 were refused "
                + "(401/403) and are dropped for this process; keys #3 ${UNSET} reference "
                + "environment variables that are not set", e.getCause().getMessage());
        assertEquals(3, pool.maxResends());
    }

    @Test
    void otherStatusesAreNotTheKeysFault() {
        assertNull(pool("KEY_A", "KEY_B").refused(new Credential("x", 1), 500, Map.of(),
                deviations::add));
        assertEquals(List.of(), deviations);
    }
}
