package dev.providers.conformance.extension;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When one test's time is up, and what its failure says then ("timed out after 120 s").
 *
 * <p>Thread-safety: immutable.
 */
final class TestDeadline {

    private final long endNanos;
    private final String message;
    private final LongSupplier nanoTime;

    TestDeadline(long endNanos, String message, LongSupplier nanoTime) {
        this.endNanos = endNanos;
        this.message = message;
        this.nanoTime = nanoTime;
    }

    /** Returns the time left, zero once the deadline has passed. */
    Duration remaining() {
        long left = endNanos - nanoTime.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Returns the failure message of a test that ran out of time. */
    String message() {
        return message;
    }

    @Override
    public String toString() {
        return "TestDeadline[" + remaining() + " left]";
    }
}
