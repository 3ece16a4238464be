package dev.providers.engine.internal.responses;

import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.DecoderContext;
import dev.providers.engine.spi.DialectModel;
import dev.providers.engine.spi.DialectRequest;
import dev.providers.engine.spi.RequestRefusedException;
import dev.providers.engine.spi.StreamDecoder;
import java.util.List;
import java.util.Map;

/**
 * One model as {@code openai-responses} speaks to it, its compat flags read once.
 *
 * <p>Thread-safety: immutable.
 */
final class ResponsesModel implements DialectModel {

    /** The path of the endpoint under the base URL. */
    static final String PATH = "responses";

    private final ResolvedModel model;
    private final ResponsesCompat compat;

    ResponsesModel(ResolvedModel model, ResponsesCompat compat) {
        this.model = model;
        this.compat = compat;
    }

    @Override
    public DialectRequest encode(Context context, StreamOptions options) {
        ResponsesEncoder.Encoded encoded = ResponsesEncoder.encode(model, compat, context,
                options);
        Integer window = model.model().contextWindow();
        if (compat.contextPrecheck() && window != null
                && encoded.estimatedPromptTokens() > window) {
            throw new RequestRefusedException(ErrorKind.CONTEXT_OVERFLOW, "the prompt (about "
                    + encoded.estimatedPromptTokens() + " tokens, estimated) does not fit the "
                    + "context window of " + window + " tokens (compat.contextPrecheck)");
        }
        return new DialectRequest(PATH, Map.of(), Map.of(),
                ResponsesJson.bytes(encoded.body()), "text/event-stream",
                encoded.estimatedPromptTokens(), encoded.maxTokens());
    }

    @Override
    public StreamDecoder decoder(DecoderContext context) {
        return new ResponsesDecoder(context, compat.lengthFromUsage(), null);
    }

    @Override
    public StreamDecoder decoder(DecoderContext context, DialectRequest request) {
        return new ResponsesDecoder(context, compat.lengthFromUsage(), request.maxTokens());
    }

    @Override
    public List<String> overflowPatterns() {
        return compat.overflowPatterns();
    }
}
