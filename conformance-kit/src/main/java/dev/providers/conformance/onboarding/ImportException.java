package dev.providers.conformance.onboarding;

/**
 * The input of an import cannot be read or is not the expected format; the message says where
 * ({@code file:line:col} when known) and what was expected, and never quotes a value.
 */
public final class ImportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its located message. */
    public ImportException(String message) {
        super(message);
    }
}
