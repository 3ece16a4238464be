package dev.providers.engine.message;

/** What kind of failure ended a stream. */
public enum ErrorKind {
    /** 401/403, or a key that could not be resolved. */
    AUTH,
    /** 429. */
    RATE_LIMIT,
    /** 400, 413, 422 and other 4xx the server blamed on the request. */
    INVALID_REQUEST,
    /** 404 naming the model: the server does not serve that model. */
    MODEL_NOT_FOUND,
    /** 404 that does not name the model: nothing answers at that path (check the baseUrl). */
    NOT_FOUND,
    /** The prompt does not fit the model's context window. */
    CONTEXT_OVERFLOW,
    /** The provider filtered the content. */
    CONTENT_FILTER,
    /** 5xx. */
    SERVER,
    /** Connection refused or reset, DNS failure, a connection lost mid-stream. */
    NETWORK,
    /** A connect, response-head, idle or total timeout. */
    TIMEOUT,
    /** The server sent something that is not the protocol (bad JSON, truncated stream). */
    PROTOCOL,
    /** The caller cancelled. */
    ABORTED
}
