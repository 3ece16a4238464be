package dev.providers.engine.config;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem found in a provider file, located at a 1-based line and column.
 *
 * <p>Messages never contain secret values: they name keys, types and environment variables only.
 *
 * @param severity whether the problem rejects the file
 * @param source the file as the user spelled it
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param pointer the JSON pointer of the offending value ({@code ""} for the whole file)
 * @param message what is wrong, as one sentence fragment
 * @param schemaLocation the schema keyword that failed, or null for non-schema problems
 * @param suggestions "did you mean" candidates, best first
 * @param hint what to do about it, printed after the suggestions, or null
 */
public record Diagnostic(
        Severity severity,
        String source,
        int line,
        int column,
        String pointer,
        String message,
        @Nullable String schemaLocation,
        List<String> suggestions,
        @Nullable String hint) {

    /** Whether a diagnostic rejects its file. */
    public enum Severity {
        ERROR, WARNING;

        /** Returns the lowercase label used in gcc-style output. */
        public String label() {
            return this == ERROR ? "error" : "warning";
        }
    }

    /** Copies the suggestions and rejects missing values. */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
        suggestions = List.copyOf(suggestions);
    }

    /** Creates a diagnostic without a hint. */
    public Diagnostic(Severity severity, String source, int line, int column, String pointer,
            String message, @Nullable String schemaLocation, List<String> suggestions) {
        this(severity, source, line, column, pointer, message, schemaLocation, suggestions,
                null);
    }

    /** Returns an error without a schema location or suggestions. */
    public static Diagnostic error(String source, int line, int column, String pointer,
            String message) {
        return new Diagnostic(Severity.ERROR, source, line, column, pointer, message, null,
                List.of(), null);
    }

    /** Returns a warning without a schema location or suggestions. */
    public static Diagnostic warning(String source, int line, int column, String pointer,
            String message) {
        return new Diagnostic(Severity.WARNING, source, line, column, pointer, message, null,
                List.of(), null);
    }

    /** Returns whether this diagnostic rejects its file. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Returns the message with the "did you mean" suggestion and the hint, not the location. */
    public String fullMessage() {
        StringBuilder out = new StringBuilder(message);
        if (!suggestions.isEmpty()) {
            out.append("; did you mean ");
            for (int i = 0; i < suggestions.size(); i++) {
                if (i > 0) {
                    out.append(i == suggestions.size() - 1 ? " or " : ", ");
                }
                out.append('\'').append(suggestions.get(i)).append('\'');
            }
            out.append('?');
        }
        if (hint != null) {
            out.append(suggestions.isEmpty() ? "; " : " ").append(hint);
        }
        return out.toString();
    }

    /**
     * Returns the gcc-style line, e.g.
     * {@code providers.d/my-llm.yaml:14:7: error: /models/1/cost/input: expected number, found
     * string}.
     */
    public String format() {
        StringBuilder out = new StringBuilder(source);
        if (line > 0) {
            out.append(':').append(line).append(':').append(Math.max(column, 1));
        }
        out.append(": ").append(severity.label()).append(": ");
        if (!pointer.isEmpty()) {
            out.append(pointer).append(": ");
        }
        return out.append(fullMessage()).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
