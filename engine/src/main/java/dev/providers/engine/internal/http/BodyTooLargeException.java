package dev.providers.engine.internal.http;

import java.io.IOException;

/** A response body passed the size it may have. */
public final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for a body over {@code limit} bytes. */
    public BodyTooLargeException(int limit) {
        super("the response body is larger than " + limit + " bytes");
    }
}
