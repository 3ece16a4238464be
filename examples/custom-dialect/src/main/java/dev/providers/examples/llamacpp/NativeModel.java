package dev.providers.examples.llamacpp;

import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;
import dev.providers.engine.spi.DecoderContext;
import dev.providers.engine.spi.DialectModel;
import dev.providers.engine.spi.DialectRequest;
import dev.providers.engine.spi.StreamDecoder;
import org.jspecify.annotations.Nullable;

/**
 * One model as {@code llama-cpp-native} speaks to it: its flags and output limit read once.
 *
 * <p>Thread-safety: immutable.
 */
final class NativeModel implements DialectModel {

    private final NativeCompat compat;
    private final @Nullable Integer maxTokens;

    NativeModel(NativeCompat compat, @Nullable Integer maxTokens) {
        this.compat = compat;
        this.maxTokens = maxTokens;
    }

    @Override
    public DialectRequest encode(Context context, StreamOptions options) {
        return CompletionRequest.encode(compat, maxTokens, context, options);
    }

    @Override
    public StreamDecoder decoder(DecoderContext context) {
        return new CompletionDecoder(context);
    }

    /** A prompt is plain text: there is no way to offer a tool or read a call back. */
    @Override
    public boolean supportsTools() {
        return false;
    }
}
