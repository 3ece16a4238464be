package dev.providers.conformance.reference;

/**
 * What the model sees in an image: the dominant non-background colour, the shape of the region
 * it fills, and the background colour.
 *
 * @param colour the colour name of the foreground, e.g. {@code red}; empty when there is none
 * @param shape {@code circle}, {@code oval}, {@code square}, {@code rectangle},
 *     {@code triangle} or {@code shape}; empty when there is no foreground
 * @param background the colour name of the background, e.g. {@code white}
 */
record ImageFacts(String colour, String shape, String background) {

    /** Returns the description a model would give, e.g. "a red circle on a white background". */
    String phrase() {
        if (shape.isEmpty()) {
            return "a plain " + background + " image";
        }
        return article(colour) + " " + colour + " " + shape + " on " + article(background) + " "
                + background + " background";
    }

    private static String article(String word) {
        return !word.isEmpty() && "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
