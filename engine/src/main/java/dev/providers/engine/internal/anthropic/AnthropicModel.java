package dev.providers.engine.internal.anthropic;

import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.DecoderContext;
import dev.providers.engine.spi.DialectModel;
import dev.providers.engine.spi.DialectRequest;
import dev.providers.engine.spi.RequestRefusedException;
import dev.providers.engine.spi.StreamDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One model as {@code anthropic-messages} speaks to it, its compat flags read once.
 *
 * <p>Thread-safety: immutable.
 */
final class AnthropicModel implements DialectModel {

    /** The path of the streaming endpoint under the base URL. */
    static final String PATH = "messages";

    /**
     * Anthropic answers a body over its size limit with 413 {@code request_too_large}, whose
     * message ("Request exceeds the maximum allowed number of bytes") names no tokens: for this
     * dialect every 413 is a context overflow.
     */
    static final String HTTP_413 = "^413:";

    private final ResolvedModel model;
    private final AnthropicCompat compat;
    private final List<String> overflowPatterns;

    AnthropicModel(ResolvedModel model, AnthropicCompat compat) {
        this.model = model;
        this.compat = compat;
        List<String> patterns = new ArrayList<>(compat.overflowPatterns());
        patterns.add(HTTP_413);
        this.overflowPatterns = List.copyOf(patterns);
    }

    @Override
    public DialectRequest encode(Context context, StreamOptions options) {
        MessagesEncoder.Encoded encoded = MessagesEncoder.encode(model, compat, context,
                options);
        Integer window = model.model().contextWindow();
        if (compat.contextPrecheck() && window != null
                && encoded.estimatedPromptTokens() > window) {
            throw new RequestRefusedException(ErrorKind.CONTEXT_OVERFLOW, "the prompt (about "
                    + encoded.estimatedPromptTokens() + " tokens, estimated) does not fit the "
                    + "context window of " + window + " tokens (compat.contextPrecheck)");
        }
        return new DialectRequest(PATH, Map.of(), encoded.headers(),
                WireJson.bytes(encoded.body()), "text/event-stream",
                encoded.estimatedPromptTokens(), encoded.maxTokens());
    }

    @Override
    public StreamDecoder decoder(DecoderContext context) {
        return new MessagesDecoder(context);
    }

    @Override
    public List<String> overflowPatterns() {
        return overflowPatterns;
    }
}
