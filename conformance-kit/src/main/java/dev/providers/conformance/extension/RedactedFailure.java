package dev.providers.conformance.extension;

import dev.providers.conformance.redaction.Redactor;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.jspecify.annotations.Nullable;
import org.opentest4j.TestAbortedException;

/**
 * A test's failure with every secret taken out of its text: its message, its causes' and its
 * suppressed failures', which JUnit XML reports and consoles print. The copy keeps the stack
 * and names the original type; an assumption that did not hold stays a
 * {@link TestAbortedException}, so the test is still skipped rather than failed.
 */
final class RedactedFailure extends AssertionError {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 8;

    private final String type;
    private final @Nullable String original;

    private RedactedFailure(String type, @Nullable String original, String message) {
        super(message);
        this.type = type;
        this.original = original;
    }

    /** Returns the failure itself when its text holds no secret, else a redacted copy. */
    static Throwable of(Throwable failure, Redactor redactor) {
        if (redactor.isEmpty()) {
            return failure;
        }
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return redactor.finds(text.toString()) ? copy(failure, redactor, 0) : failure;
    }

    private static Throwable copy(Throwable t, Redactor redactor, int depth) {
        String message = redactor.redactNullable(t.getMessage());
        Throwable copy;
        if (t instanceof TestAbortedException) {
            copy = new TestAbortedException(message);
        } else if (t instanceof AssertionError || t instanceof IllegalStateException
                || t instanceof IllegalArgumentException) {
            // the kit's reports show these messages alone: they are sentences already
            copy = new RedactedFailure(t.getClass().getName(), message,
                    message == null ? t.getClass().getSimpleName() : message);
        } else {
            copy = new RedactedFailure(t.getClass().getName(), message,
                    t.getClass().getSimpleName() + (message == null ? "" : ": " + message));
        }
        copy.setStackTrace(t.getStackTrace());
        if (depth < MAX_DEPTH) {
            if (t.getCause() != null && t.getCause() != t) {
                copy.initCause(copy(t.getCause(), redactor, depth + 1));
            }
            for (Throwable suppressed : t.getSuppressed()) {
                copy.addSuppressed(copy(suppressed, redactor, depth + 1));
            }
        }
        return copy;
    }

    @Override
    public String toString() {
        return original == null ? type : type + ": " + original;
    }
}
