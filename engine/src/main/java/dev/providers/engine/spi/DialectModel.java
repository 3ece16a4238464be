package dev.providers.engine.spi;

import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;
import java.util.List;

/**
 * One model as a dialect speaks to it: encodes its requests and decodes its responses.
 *
 * <p>Thread-safety: implementations must be thread-safe; {@link #decoder} is called once per
 * request and the decoder it returns is used by one thread at a time.
 */
public interface DialectModel {

    /**
     * Builds the request for a context and options; a pure function of them.
     *
     * @throws IllegalArgumentException if the request cannot be built (it ends as
     *     {@code INVALID_REQUEST} before anything is sent)
     * @throws RequestRefusedException if the request must not be sent, with the kind to report
     */
    DialectRequest encode(Context context, StreamOptions options);

    /** Returns a decoder for the response to one request. */
    StreamDecoder decoder(DecoderContext context);

    /**
     * Returns a decoder for the response to {@code request}, which {@link #encode} built; the
     * engine calls this one. The default ignores the request; a dialect whose reading depends
     * on what it asked for (such as the output limit it sent) overrides it.
     */
    default StreamDecoder decoder(DecoderContext context, DialectRequest request) {
        return decoder(context);
    }

    /**
     * Returns regular expressions (RE2 syntax, matched case-insensitively) that mark an error
     * message as a context overflow, beyond the engine's built-in ones.
     */
    default List<String> overflowPatterns() {
        return List.of();
    }

    /**
     * Returns whether requests to this model may carry tools; a dialect without tool calls says
     * false, and the conformance kit skips its tool tests with that reason.
     */
    default boolean supportsTools() {
        return true;
    }
}
