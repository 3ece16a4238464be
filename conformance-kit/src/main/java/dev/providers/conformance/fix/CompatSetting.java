package dev.providers.conformance.fix;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One compat setting as the advisor suggests it: a flag and its value as YAML text, e.g.
 * {@code supportsDeveloperRole} and {@code false}, or {@code thinkTags} and
 * {@code {open: "<think>", close: "</think>"}}.
 *
 * @param key the compat flag
 * @param value the value, a one-line YAML scalar or flow collection
 */
public record CompatSetting(String key, String value) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** Rejects a key that is not a plain flag name and a value that is blank or multi-line. */
    public CompatSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a compat flag name: '" + key + "'");
        }
        if (value.isBlank() || value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("the value of " + key
                    + " must be one non-blank line");
        }
    }

    /**
     * Parses a suggestion line, {@code key: value}.
     *
     * @throws IllegalArgumentException when the line is not of that form
     */
    public static CompatSetting parse(String line) {
        String stripped = line.strip();
        int colon = stripped.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a 'flag: value' line: '" + stripped + "'");
        }
        return new CompatSetting(stripped.substring(0, colon).strip(),
                stripped.substring(colon + 1).strip());
    }

    /** Returns the setting as one YAML line, {@code key: value}. */
    public String line() {
        return key + ": " + value;
    }
}
