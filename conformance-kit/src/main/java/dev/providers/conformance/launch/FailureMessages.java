package dev.providers.conformance.launch;

import org.junit.platform.commons.JUnitException;
import org.opentest4j.TestAbortedException;

/**
 * Turns a test's throwable into the message a user reads. JUnit wraps what extensions throw
 * (a {@code ParameterResolutionException} around the kit's "unknown provider"), so the wrapper
 * is peeled off; a failed assertion is its message alone; anything else is prefixed with its
 * type, because "NullPointerException" says more than an empty message.
 */
final class FailureMessages {

    private static final int MAX_DEPTH = 8;

    private FailureMessages() { }

    static String of(Throwable failure) {
        Throwable t = failure;
        for (int i = 0; i < MAX_DEPTH && t instanceof JUnitException && t.getCause() != null; i++) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (t instanceof TestAbortedException) {
            // an assumption that did not hold: its message is the reason to skip
            String reason = message == null ? "" : message.replaceFirst("^Assumption failed: ", "");
            return reason.isBlank() ? "an assumption did not hold" : reason;
        }
        if (t instanceof AssertionError) {
            return message == null || message.isBlank() ? "assertion failed" : message;
        }
        if (t instanceof IllegalStateException || t instanceof IllegalArgumentException) {
            // the kit's own configuration errors are sentences already
            return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
        }
        return message == null || message.isBlank() ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + message;
    }
}
