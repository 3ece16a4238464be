package dev.providers.engine;

import dev.providers.engine.message.ErrorKind;
import java.util.Objects;

/**
 * A failed call that is not a stream (model listing): what kind of failure and the server's
 * message. Streams never throw; they end with an error event instead.
 */
public final class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    /** Creates the exception. */
    public ProviderException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Returns the kind of failure. */
    public ErrorKind kind() {
        return kind;
    }
}
