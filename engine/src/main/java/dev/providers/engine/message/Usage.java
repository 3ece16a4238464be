package dev.providers.engine.message;

import dev.providers.engine.spec.ModelCost;

/**
 * Token counts of one response and their cost.
 *
 * @param input non-cached prompt tokens: prompt tokens minus cache reads and writes
 * @param output completion tokens, reasoning included
 * @param cacheRead prompt tokens read from the cache
 * @param cacheWrite prompt tokens written to the cache
 * @param reasoning the part of {@code output} spent on reasoning, or 0 when not reported
 * @param totalTokens input + output + cacheRead + cacheWrite (computed, never the wire value)
 * @param cost the cost of these tokens at the model's prices
 */
public record Usage(long input, long output, long cacheRead, long cacheWrite, long reasoning,
        long totalTokens, UsageCost cost) {

    /** No tokens, no cost: what a stream reports until the server sends usage. */
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, UsageCost.ZERO);

    /** Rejects negative counts and an inconsistent total. */
    public Usage {
        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0 || reasoning < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
        if (totalTokens != input + output + cacheRead + cacheWrite) {
            throw new IllegalArgumentException("totalTokens must be the sum of the counts");
        }
    }

    /** Returns usage with the total and the cost computed at {@code prices} ($ / 1M tokens). */
    public static Usage of(long input, long output, long cacheRead, long cacheWrite,
            long reasoning, ModelCost prices) {
        double in = prices.input() * input / 1e6;
        double out = prices.output() * output / 1e6;
        double read = prices.cacheRead() * cacheRead / 1e6;
        double write = prices.cacheWrite() * cacheWrite / 1e6;
        return new Usage(input, output, cacheRead, cacheWrite, reasoning,
                input + output + cacheRead + cacheWrite,
                new UsageCost(in, out, read, write, in + out + read + write));
    }
}
