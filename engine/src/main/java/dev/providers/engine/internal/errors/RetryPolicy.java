package dev.providers.engine.internal.errors;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a failed request is sent again, and after how long
 * (docs/dialects/openai-completions.md §8.3).
 * It only decides: the transport sleeps, on its injected scheduler, and never retries once a
 * stream has started.
 *
 * <p>Thread-safety: immutable.
 *
 * @param maxRetries how many retries follow the first attempt; 0 disables retries
 * @param maxRetryDelay the longest delay a server may ask for before the request fails at once;
 *     {@link Duration#ZERO} accepts any delay
 */
public record RetryPolicy(int maxRetries, Duration maxRetryDelay) {

    private static final long INITIAL_BACKOFF_NANOS = Duration.ofMillis(500).toNanos();
    private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(8).toNanos();
    private static final double MAX_JITTER = 0.25;
    // a server delay beyond this is absurd; clamping keeps the arithmetic in range
    private static final BigDecimal MAX_SERVER_SECONDS = BigDecimal.valueOf(1_000_000_000L);
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,18}(\\.\\d{1,30})?");

    /** Rejects a negative count or delay. */
    public RetryPolicy {
        Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
        if (maxRetries < 0 || maxRetryDelay.isNegative()) {
            throw new IllegalArgumentException("maxRetries and maxRetryDelay must be >= 0");
        }
    }

    /** What to do after a failed attempt. */
    public sealed interface Decision permits Retry, GiveUp {
    }

    /**
     * Send the request again after {@code delay}.
     *
     * @param delay how long to wait first, zero or more
     */
    public record Retry(Duration delay) implements Decision {
    }

    /**
     * Stop and report the failure.
     *
     * @param message a sentence to put before the provider's message, or null for none
     */
    public record GiveUp(@Nullable String message) implements Decision {
    }

    /**
     * Returns whether and when to retry after a failed attempt.
     *
     * @param attempt how many retries have already been made (0 after the first attempt)
     * @param status the response status, or null when the request failed before a response
     * @param headers the response headers with lower-case names (empty without a response)
     * @param now the current time, for a {@code retry-after} HTTP date
     * @param random values in [0, 1) for the jitter
     */
    public Decision decide(int attempt, @Nullable Integer status, Map<String, String> headers,
            Instant now, DoubleSupplier random) {
        if (!retryable(status, headers) || attempt >= maxRetries) {
            return new GiveUp(null);
        }
        Duration requested = serverDelay(headers, now);
        if (requested == null) {
            return new Retry(backoff(attempt, random.getAsDouble()));
        }
        if (!maxRetryDelay.isZero() && requested.compareTo(maxRetryDelay) > 0) {
            return new GiveUp("Server requested " + seconds(requested) + "s retry delay (max: "
                    + seconds(maxRetryDelay) + "s).");
        }
        return new Retry(requested);
    }

    /** Returns whether the status may be retried, letting {@code x-should-retry} decide first. */
    static boolean retryable(@Nullable Integer status, Map<String, String> headers) {
        String shouldRetry = headers.get("x-should-retry");
        if (shouldRetry != null && shouldRetry.strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (shouldRetry != null && shouldRetry.strip().equalsIgnoreCase("false")) {
            return false;
        }
        return status == null || status == 408 || status == 409 || status == 429
                || status >= 500;
    }

    /**
     * Returns the delay the server asked for: {@code retry-after-ms}, else {@code retry-after}
     * in seconds or as an HTTP date (a past date is zero); null when neither is usable.
     */
    public static @Nullable Duration serverDelay(Map<String, String> headers, Instant now) {
        BigDecimal millis = number(headers.get("retry-after-ms"));
        if (millis != null) {
            return ofSeconds(millis.movePointLeft(3));
        }
        String retryAfter = headers.get("retry-after");
        if (retryAfter == null) {
            return null;
        }
        BigDecimal seconds = number(retryAfter);
        if (seconds != null) {
            return ofSeconds(seconds);
        }
        try {
            Instant at = ZonedDateTime.parse(retryAfter.strip(),
                    DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Returns {@code min(0.5 × 2^attempt, 8)} seconds less up to 25 % jitter. */
    public static Duration backoff(int attempt, double random) {
        // 0.5 s doubled four times reaches the 8 s ceiling; avoid shifting past it
        long base = attempt >= 4 ? MAX_BACKOFF_NANOS
                : Math.min(INITIAL_BACKOFF_NANOS << Math.max(0, attempt), MAX_BACKOFF_NANOS);
        double r = Double.isNaN(random) ? 0 : Math.min(1, Math.max(0, random));
        return Duration.ofNanos(Math.round(base * (1 - MAX_JITTER * r)));
    }

    /** Returns a duration in seconds as written for people: {@code 120}, {@code 1.5}. */
    public static String seconds(Duration duration) {
        BigDecimal nanos = BigDecimal.valueOf(duration.getSeconds()).movePointRight(9)
                .add(BigDecimal.valueOf(duration.getNano()));
        return nanos.movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    private static @Nullable BigDecimal number(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        // plain decimals only: exponents and signs are not HTTP, and huge exponents are slow
        return DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
    }

    private static Duration ofSeconds(BigDecimal seconds) {
        BigDecimal bounded = seconds.min(MAX_SERVER_SECONDS);
        return Duration.ofNanos(bounded.movePointRight(9).longValue());
    }
}
