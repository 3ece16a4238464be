package dev.providers.engine.spec;

import java.util.Objects;

/**
 * Where a provider, model or compat flag was declared: a file label and a 1-based position.
 *
 * <p>Built-in catalog entries carry a label starting with {@value #BUILTIN_PREFIX}.
 *
 * @param source the file as the user spelled it, or {@code builtin:<file>} for the catalog
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record Origin(String source, int line, int column) {

    /** The label prefix of built-in catalog files. */
    public static final String BUILTIN_PREFIX = "builtin:";

    /** Validates the position. */
    public Origin {
        Objects.requireNonNull(source, "source");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException(
                    "line and column must be >= 0, were " + line + ":" + column);
        }
    }

    /** Returns an origin for a whole file, with no position. */
    public static Origin ofFile(String source) {
        return new Origin(source, 0, 0);
    }

    /** Returns whether this origin lies in the built-in catalog. */
    public boolean isBuiltin() {
        return source.startsWith(BUILTIN_PREFIX);
    }

    /** Returns {@code file:line:col}, or just the file when the position is unknown. */
    @Override
    public String toString() {
        return line == 0 ? source : source + ":" + line + ":" + column;
    }
}
