package dev.providers.engine.message;

/**
 * What a response cost in US dollars, from the model's prices.
 *
 * @param input non-cached input tokens
 * @param output output tokens
 * @param cacheRead cached input tokens read
 * @param cacheWrite input tokens written to the cache
 * @param total the sum of the four
 */
public record UsageCost(double input, double output, double cacheRead, double cacheWrite,
        double total) {

    /** No cost. */
    public static final UsageCost ZERO = new UsageCost(0, 0, 0, 0, 0);
}
