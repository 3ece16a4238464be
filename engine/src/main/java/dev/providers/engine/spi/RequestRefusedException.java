package dev.providers.engine.spi;

import dev.providers.engine.message.ErrorKind;

/**
 * Thrown by {@link DialectModel#encode} when a request must not be sent, such as a prompt that
 * cannot fit the model's context window; the stream ends with this kind before anything is sent.
 */
public final class RequestRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    /** Creates the exception with the kind the stream ends with and a message for users. */
    public RequestRefusedException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** Returns the kind the stream ends with. */
    public ErrorKind kind() {
        return kind;
    }
}
