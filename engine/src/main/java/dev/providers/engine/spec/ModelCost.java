package dev.providers.engine.spec;

/**
 * A model's prices in US dollars per million tokens.
 *
 * @param input non-cached input tokens
 * @param output output tokens, reasoning included
 * @param cacheRead prompt tokens read from the cache
 * @param cacheWrite prompt tokens written to the cache
 */
public record ModelCost(double input, double output, double cacheRead, double cacheWrite) {

    /** The free model. */
    public static final ModelCost ZERO = new ModelCost(0, 0, 0, 0);

    /** Rejects negative or non-finite prices. */
    public ModelCost {
        check("input", input);
        check("output", output);
        check("cacheRead", cacheRead);
        check("cacheWrite", cacheWrite);
    }

    /** Returns whether any price is above zero. */
    public boolean isPriced() {
        return input > 0 || output > 0 || cacheRead > 0 || cacheWrite > 0;
    }

    private static void check(String name, double price) {
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException(name + " price must be a finite number >= 0, was "
                    + price);
        }
    }
}
