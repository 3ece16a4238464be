package dev.providers.conformance.extension;

import dev.providers.conformance.api.ConfigKeys;
import dev.providers.conformance.api.Durations;
import dev.providers.conformance.api.Tier;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The run's two deadlines: one per test ({@link ConfigKeys#TEST_TIMEOUT}, given once per attempt
 * to a BEHAVIOUR test) and one for the whole run ({@link ConfigKeys#RUN_TIMEOUT}). The run's
 * clock starts when the first test of the run is considered, which is when this object is made
 * and put into the root store.
 *
 * <p>Thread-safety: immutable.
 */
final class Deadlines {

    private final Duration testTimeout;
    private final Duration runTimeout;
    private final int attempts;
    private final LongSupplier nanoTime;
    private final long runStart;

    Deadlines(Duration testTimeout, Duration runTimeout, int attempts, LongSupplier nanoTime) {
        this.testTimeout = testTimeout;
        this.runTimeout = runTimeout;
        this.attempts = attempts;
        this.nanoTime = nanoTime;
        this.runStart = nanoTime.getAsLong();
    }

    /** Returns the deadlines of this run, starting the run's clock on first use. */
    static Deadlines of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(Deadlines.class))
                .getOrComputeIfAbsent(Deadlines.class, key -> new Deadlines(
                        duration(context, ConfigKeys.TEST_TIMEOUT,
                                ConfigKeys.DEFAULT_TEST_TIMEOUT),
                        duration(context, ConfigKeys.RUN_TIMEOUT, ConfigKeys.DEFAULT_RUN_TIMEOUT),
                        context.getConfigurationParameter(ConfigKeys.ATTEMPTS, Integer::parseInt)
                                .filter(n -> n > 0).orElse(3),
                        System::nanoTime), Deadlines.class);
    }

    private static Duration duration(ExtensionContext context, String key, Duration fallback) {
        String value = context.getConfigurationParameter(key).orElse(null);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the configuration parameter " + key + ": "
                    + e.getMessage());
        }
    }

    /** Returns how long one test (one attempt of a BEHAVIOUR test) may run. */
    Duration testTimeout() {
        return testTimeout;
    }

    /** Returns whether the run's deadline has passed. */
    boolean runPassed() {
        return nanoTime.getAsLong() - runStart >= runTimeout.toNanos();
    }

    /** Returns why a test is not run once the run's deadline has passed. */
    String notRunReason() {
        return ProviderUnderTestExtension.NOT_RUN + "the run's deadline (" + Durations.describe(
                runTimeout) + ") passed";
    }

    /** Returns the deadline of a test that starts now. */
    TestDeadline forTest(ExtensionContext context) {
        return forTest(context.getTags().contains(Tier.BEHAVIOUR.tag()));
    }

    /** Returns the deadline of a test that starts now, of the BEHAVIOUR tier or not. */
    TestDeadline forTest(boolean behaviour) {
        int times = behaviour ? attempts : 1;
        Duration budget = testTimeout.multipliedBy(times);
        long now = nanoTime.getAsLong();
        Duration runLeft = runTimeout.minusNanos(now - runStart);
        if (runLeft.compareTo(budget) < 0) {
            Duration left = runLeft.isNegative() ? Duration.ZERO : runLeft;
            return new TestDeadline(now + left.toNanos(), "timed out after "
                    + Durations.describe(left) + ": the run's deadline ("
                    + Durations.describe(runTimeout) + ") passed", nanoTime);
        }
        return new TestDeadline(now + budget.toNanos(), "timed out after "
                + Durations.describe(budget) + (times > 1 ? " (" + times + " attempts × "
                        + Durations.describe(testTimeout) + ")" : ""), nanoTime);
    }

    @Override
    public String toString() {
        return "Deadlines[" + Durations.describe(testTimeout) + " per test, "
                + Durations.describe(runTimeout) + " per run]";
    }
}
