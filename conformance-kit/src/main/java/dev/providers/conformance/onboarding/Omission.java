package dev.providers.conformance.onboarding;

/**
 * One thing an importer did not carry over, or carried over differently: where it was, what it
 * said and why. The value never holds a secret: keys and credential headers appear as a
 * description ("a literal key, not shown").
 *
 * @param subject the provider id, or {@code provider/model}
 * @param field the field in the input, e.g. {@code apiKey} or {@code cost.tiers}
 * @param value what the input said, shortened, secrets replaced by a description
 * @param reason why it was not carried over and what to do instead
 */
public record Omission(String subject, String field, String value, String reason) {

    private static final int MAX_VALUE = 80;

    /** Shortens the value to one line of at most 80 characters. */
    public Omission {
        value = value.replaceAll("\\p{Cntrl}", " ");
        if (value.length() > MAX_VALUE) {
            value = value.substring(0, MAX_VALUE - 1) + "…";
        }
    }

    /** Returns the line the import report prints: {@code subject: field = value: reason}. */
    public String format() {
        return subject + ": " + field + (value.isEmpty() ? "" : " = " + value) + ": " + reason;
    }
}
