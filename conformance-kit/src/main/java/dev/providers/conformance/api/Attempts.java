package dev.providers.conformance.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a BEHAVIOUR check several times, because models are not deterministic, and reports the
 * pass rate instead of hiding failed attempts: the test passes when at least one attempt passed,
 * and the report shows {@code k/N} with why the others failed.
 */
public final class Attempts {

    /** One attempt of a check; throws (typically an AssertionError) when it fails. */
    @FunctionalInterface
    public interface Check {
        /** Runs attempt {@code number} (1-based). */
        void run(int number) throws Exception;
    }

    private Attempts() { }

    /**
     * Runs {@code check} as many times as the kit is configured to (all of them, to measure the
     * rate).
     *
     * @throws AssertionError when no attempt passed, listing every attempt's failure
     */
    public static void run(ProviderUnderTest provider, Check check) throws Exception {
        int total = provider.attempts();
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            try {
                check.run(i);
                passed++;
            } catch (AssertionError e) {
                failures.add("attempt " + i + ": " + e.getMessage());
            }
        }
        String summary = passed + "/" + total + " attempts passed"
                + (failures.isEmpty() ? "" : "; " + String.join("; ", failures));
        provider.notebook().attempts(summary);
        if (passed == 0) {
            throw new AssertionError(summary);
        }
    }
}
