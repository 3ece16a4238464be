package dev.providers.engine.internal.auth;

import dev.providers.engine.ProviderException;
import dev.providers.engine.message.ErrorKind;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The failures of the credential machinery: {@link ProviderException}s of kind {@code AUTH}
 * whose message says why in a sentence, and the unwrapping of futures' wrappers.
 */
public final class Failures {

    private Failures() { }

    /** Returns an {@code AUTH} failure with this message (already free of secrets). */
    public static ProviderException auth(String message) {
        return new ProviderException(ErrorKind.AUTH, message);
    }

    /** Returns the failure inside the wrappers futures add. */
    public static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Returns the message of a credential failure, for a stream's error. */
    public static String message(Throwable failure) {
        Throwable t = cause(failure);
        if (t instanceof ProviderException) {
            return String.valueOf(t.getMessage());
        }
        // not one of ours: a defect; say what it was without a stack trace
        return "the credential could not be obtained: " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
