package dev.providers.engine.internal.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.internal.errors.RetryPolicy.Decision;
import dev.providers.engine.internal.errors.RetryPolicy.GiveUp;
import dev.providers.engine.internal.errors.RetryPolicy.Retry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * W20 and the rules of docs/dialects/openai-completions.md §8.3, on an injected clock and random
 * source.
 */
class RetryPolicyTest {

    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");
    private static final DoubleSupplier NO_JITTER = () -> 0.0;

    private final RetryPolicy policy = new RetryPolicy(2, Duration.ofSeconds(60));

    /** A scripted response: a status (null for a network failure) and its headers. */
    private record Response(@Nullable Integer status, Map<String, String> headers) {
    }

    /**
     * Plays responses through the policy as the transport would, on a fake clock, and returns
     * the times of the attempts in milliseconds after {@link #T0}.
     */
    private static List<Long> attemptTimes(RetryPolicy policy, List<Response> failures) {
        List<Long> times = new ArrayList<>();
        Instant now = T0;
        for (int attempt = 0; ; attempt++) {
            times.add(Duration.between(T0, now).toMillis());
            if (attempt == failures.size()) {
                return times; // this attempt succeeds
            }
            Response response = failures.get(attempt);
            Decision decision = policy.decide(attempt, response.status(), response.headers(),
                    now, NO_JITTER);
            if (!(decision instanceof Retry retry)) {
                return times;
            }
            now = now.plus(retry.delay());
        }
    }

    @Test
    void w20RetryAfterMsThenBackoffThenSuccess() {
        List<Long> times = attemptTimes(policy, List.of(
                new Response(429, Map.of("retry-after-ms", "100")),
                new Response(500, Map.of())));

        // the second delay is the exponential step for one retry done: 0.5 × 2^1 s
        assertEquals(List.of(0L, 100L, 1100L), times);
    }

    @Test
    void w20RetryAfterAboveTheCapFailsAtOnce() {
        Decision decision = policy.decide(0, 429, Map.of("retry-after", "120"), T0, NO_JITTER);

        assertEquals(new GiveUp("Server requested 120s retry delay (max: 60s)."), decision);
        assertEquals(List.of(0L), attemptTimes(policy,
                List.of(new Response(503, Map.of("retry-after", "120")))));
    }

    @Test
    void capMessagesFormatFractionalSeconds() {
        RetryPolicy tight = new RetryPolicy(3, Duration.ofMillis(1500));
        assertEquals(new GiveUp("Server requested 2.25s retry delay (max: 1.5s)."),
                tight.decide(0, 429, Map.of("retry-after-ms", "2250"), T0, NO_JITTER));
        assertEquals(new Retry(Duration.ofMillis(1500)),
                tight.decide(0, 429, Map.of("retry-after", "1.5"), T0, NO_JITTER),
                "exactly at the cap is allowed");
    }

    @Test
    void aZeroCapAcceptsAnyServerDelay() {
        RetryPolicy uncapped = new RetryPolicy(1, Duration.ZERO);
        assertEquals(new Retry(Duration.ofHours(1)),
                uncapped.decide(0, 429, Map.of("retry-after", "3600"), T0, NO_JITTER));
    }

    @Test
    void theCapDoesNotApplyToTheEnginesOwnBackoff() {
        RetryPolicy tight = new RetryPolicy(10, Duration.ofMillis(100));
        assertEquals(new Retry(Duration.ofSeconds(8)), tight.decide(6, 500, Map.of(), T0,
                NO_JITTER));
    }

    @Test
    void retryAfterInSeconds() {
        assertEquals(new Retry(Duration.ofSeconds(2)),
                policy.decide(0, 429, Map.of("retry-after", "2"), T0, NO_JITTER));
        assertEquals(new Retry(Duration.ofMillis(1500)),
                policy.decide(0, 429, Map.of("retry-after", " 1.5 "), T0, NO_JITTER));
        assertEquals(new Retry(Duration.ZERO),
                policy.decide(0, 503, Map.of("retry-after", "0"), T0, NO_JITTER));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertEquals(new Retry(Duration.ofSeconds(30)),
                policy.decide(0, 503, Map.of("retry-after", httpDate(T0.plusSeconds(30))), T0,
                        NO_JITTER));
        assertEquals(new Retry(Duration.ZERO),
                policy.decide(0, 503, Map.of("retry-after", httpDate(T0.minusSeconds(30))), T0,
                        NO_JITTER), "a past date means now");
        assertEquals(new GiveUp("Server requested 90s retry delay (max: 60s)."),
                policy.decide(0, 503, Map.of("retry-after", httpDate(T0.plusSeconds(90))), T0,
                        NO_JITTER));
        assertEquals(new Retry(Duration.ofSeconds(30)), policy.decide(0, 503,
                Map.of("retry-after", "Thu, 01 May 2025 10:00:30 GMT"), T0, NO_JITTER));
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        assertEquals(new Retry(Duration.ofMillis(250)), policy.decide(0, 429,
                Map.of("retry-after-ms", "250", "retry-after", "120"), T0, NO_JITTER));
        assertEquals(new Retry(Duration.ofNanos(12_500_000)), policy.decide(0, 429,
                Map.of("retry-after-ms", "12.5"), T0, NO_JITTER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-5", "1e3", "", "NaN", "Infinity", "+3"})
    void unusableServerDelaysFallBackToBackoff(String value) {
        assertEquals(new Retry(Duration.ofMillis(500)),
                policy.decide(0, 429, Map.of("retry-after", value), T0, NO_JITTER));
        assertEquals(new Retry(Duration.ofSeconds(3)), policy.decide(0, 429,
                Map.of("retry-after-ms", value, "retry-after", "3"), T0, NO_JITTER),
                "a bad retry-after-ms falls back to retry-after");
    }

    @Test
    void absurdServerDelaysAreClampedAndRefused() {
        assertEquals(new GiveUp("Server requested 1000000000s retry delay (max: 60s)."),
                policy.decide(0, 429, Map.of("retry-after", "999999999999999999"), T0,
                        NO_JITTER));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504, 529})
    void retryableStatuses(int status) {
        assertEquals(new Retry(Duration.ofMillis(500)),
                policy.decide(0, status, Map.of(), T0, NO_JITTER));
    }

    @Test
    void aNetworkFailureIsRetried() {
        assertEquals(new Retry(Duration.ofMillis(500)),
                policy.decide(0, null, Map.of(), T0, NO_JITTER));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 422})
    void clientErrorsAreNotRetried(int status) {
        assertEquals(new GiveUp(null), policy.decide(0, status, Map.of(), T0, NO_JITTER));
        assertEquals(new GiveUp(null), policy.decide(0, status, Map.of("retry-after", "1"), T0,
                NO_JITTER), "retry-after alone does not make a status retryable");
    }

    @Test
    void xShouldRetryDecidesBothWays() {
        assertEquals(new Retry(Duration.ofMillis(500)),
                policy.decide(0, 400, Map.of("x-should-retry", "true"), T0, NO_JITTER));
        assertEquals(new Retry(Duration.ofMillis(500)),
                policy.decide(0, 401, Map.of("x-should-retry", " TRUE "), T0, NO_JITTER));
        assertEquals(new GiveUp(null),
                policy.decide(0, 503, Map.of("x-should-retry", "false"), T0, NO_JITTER));
        assertEquals(new GiveUp(null), policy.decide(0, 429,
                Map.of("x-should-retry", "false", "retry-after", "600"), T0, NO_JITTER),
                "no retry, so no complaint about the delay");
        assertEquals(new GiveUp(null), policy.decide(0, null,
                Map.of("x-should-retry", "False"), T0, NO_JITTER));
        assertEquals(new Retry(Duration.ofMillis(500)),
                policy.decide(0, 503, Map.of("x-should-retry", "maybe"), T0, NO_JITTER),
                "other values are ignored");
    }

    @Test
    void attemptsBeyondMaxRetriesGiveUpWithoutAMessage() {
        assertInstanceOf(Retry.class, policy.decide(1, 500, Map.of(), T0, NO_JITTER));
        assertEquals(new GiveUp(null), policy.decide(2, 500, Map.of(), T0, NO_JITTER));
        assertEquals(new GiveUp(null), policy.decide(2, 429, Map.of("retry-after", "120"), T0,
                NO_JITTER), "the count runs out before the cap is checked");
        RetryPolicy none = new RetryPolicy(0, Duration.ofSeconds(60));
        assertEquals(new GiveUp(null), none.decide(0, 503, Map.of(), T0, NO_JITTER));
        assertEquals(List.of(0L, 500L, 1500L), attemptTimes(policy, List.of(
                new Response(500, Map.of()), new Response(500, Map.of()),
                new Response(500, Map.of()))));
    }

    @Test
    void exponentialBackoffDoublesUpToEightSeconds() {
        long[] expectedMillis = {500, 1000, 2000, 4000, 8000, 8000, 8000};
        for (int attempt = 0; attempt < expectedMillis.length; attempt++) {
            assertEquals(Duration.ofMillis(expectedMillis[attempt]),
                    RetryPolicy.backoff(attempt, 0.0), "attempt " + attempt);
        }
        assertEquals(Duration.ofSeconds(8), RetryPolicy.backoff(Integer.MAX_VALUE, 0.0));
        assertEquals(Duration.ofSeconds(8), RetryPolicy.backoff(63, 0.0));
    }

    @Test
    void jitterTakesOffAtMostAQuarter() {
        assertEquals(Duration.ofMillis(375), RetryPolicy.backoff(0, 1.0));
        assertEquals(Duration.ofMillis(875), RetryPolicy.backoff(1, 0.5));
        assertEquals(Duration.ofMillis(6000), RetryPolicy.backoff(5, 1.0));
        assertEquals(Duration.ofMillis(500), RetryPolicy.backoff(0, -3.0), "clamped");
        assertEquals(Duration.ofMillis(375), RetryPolicy.backoff(0, 7.0), "clamped");
        assertEquals(Duration.ofMillis(500), RetryPolicy.backoff(0, Double.NaN));
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            int attempt = i % 6;
            Decision decision = new RetryPolicy(10, Duration.ofSeconds(60))
                    .decide(attempt, 500, Map.of(), T0, random::nextDouble);
            long nanos = ((Retry) decision).delay().toNanos();
            long base = RetryPolicy.backoff(attempt, 0.0).toNanos();
            assertTrue(nanos <= base && nanos >= base * 3 / 4, attempt + ": " + nanos);
        }
    }

    @Test
    void secondsAreFormattedForPeople() {
        assertEquals("120", RetryPolicy.seconds(Duration.ofSeconds(120)));
        assertEquals("1.5", RetryPolicy.seconds(Duration.ofMillis(1500)));
        assertEquals("0.1", RetryPolicy.seconds(Duration.ofMillis(100)));
        assertEquals("0", RetryPolicy.seconds(Duration.ZERO));
        assertEquals("60", RetryPolicy.seconds(Duration.ofMinutes(1)));
    }

    @Test
    void negativeSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(-1, Duration.ofSeconds(60)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(1, Duration.ofSeconds(-1)));
    }

    @Test
    void giveUpFromTheCountHasNoMessage() {
        assertNull(((GiveUp) policy.decide(5, 500, Map.of(), T0, NO_JITTER)).message());
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
