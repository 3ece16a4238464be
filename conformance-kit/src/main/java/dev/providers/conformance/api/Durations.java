package dev.providers.conformance.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and shows the durations of the kit's settings ({@link ConfigKeys#TEST_TIMEOUT},
 * {@link ConfigKeys#RUN_TIMEOUT}, the CLI's {@code --test-timeout} and {@code --run-timeout}):
 * a number with a unit ({@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}), a bare number of
 * seconds ({@code 120}, {@code 1.5}), or ISO-8601 ({@code PT2M}).
 */
public final class Durations {

    /** The longest duration accepted: a week, far beyond any run, and far from overflow. */
    public static final Duration MAX = Duration.ofDays(7);

    private static final Pattern NUMBER = Pattern.compile(
            "(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(ms|s|sec|m|min|h)?");

    private Durations() { }

    /**
     * Returns the duration the text gives.
     *
     * @throws IllegalArgumentException when the text is not a duration, is not positive or is
     *     longer than {@link #MAX}; the message quotes the text and shows the accepted forms
     */
    public static Duration parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher number = NUMBER.matcher(trimmed);
        if (number.matches()) {
            double value = Double.parseDouble(number.group(1));
            String unit = number.group(2) == null ? "s" : number.group(2);
            double millis = switch (unit) {
                case "ms" -> value;
                case "m", "min" -> value * 60_000;
                case "h" -> value * 3_600_000;
                default -> value * 1000;
            };
            duration = Duration.ofMillis(Math.round(Math.min(millis, Long.MAX_VALUE / 2.0)));
        } else {
            try {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. "
                        + "500ms, 90s, 2m, 1h, 120 (seconds) or PT2M");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the duration '" + text + "' must be positive");
        }
        if (duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("the duration '" + text + "' is longer than "
                    + describe(MAX));
        }
        return duration;
    }

    /**
     * Returns the duration as the kit shows it: {@code "500 ms"}, {@code "1.5 s"},
     * {@code "120 s"}, whole minutes from ten minutes on ({@code "30 min"}), whole hours from
     * three hours on ({@code "168 h"}).
     */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis >= 3 * 3_600_000 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + " h";
        }
        if (millis >= 600_000 && millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        long tenths = (millis + 50) / 100;
        return (tenths % 10 == 0 ? String.valueOf(tenths / 10) : tenths / 10 + "." + tenths % 10)
                + " s";
    }

    /** Returns the duration as a configuration parameter value that {@link #parse} reads. */
    public static String format(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
