package dev.providers.engine.internal.openai;

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
 * One model as {@code openai-completions} speaks to it, its compat flags read once.
 *
 * <p>Thread-safety: immutable.
 */
final class OpenAiModel implements DialectModel {

    /** The path of the streaming endpoint under the base URL. */
    static final String PATH = "chat/completions";

    private final ResolvedModel model;
    private final CompatFlags compat;
    private final DecoderSettings decoding;

    OpenAiModel(ResolvedModel model, CompatFlags compat) {
        this.model = model;
        this.compat = compat;
        this.decoding = DecoderSettings.of(compat);
    }

    @Override
    public DialectRequest encode(Context context, StreamOptions options) {
        EncodedRequest encoded = RequestEncoder.encode(model, compat, context, options);
        Integer window = model.model().contextWindow();
        if (compat.contextPrecheck() && window != null
                && encoded.estimatedPromptTokens() > window) {
            throw new RequestRefusedException(ErrorKind.CONTEXT_OVERFLOW, "the prompt (about "
                    + encoded.estimatedPromptTokens() + " tokens, estimated) does not fit the "
                    + "context window of " + window + " tokens (compat.contextPrecheck)");
        }
        return new DialectRequest(PATH, Map.of(), encoded.headers(), encoded.bytes(),
                "text/event-stream", encoded.estimatedPromptTokens(), encoded.maxTokensSent());
    }

    @Override
    public StreamDecoder decoder(DecoderContext context) {
        return new ChunkDecoder(decoding, context);
    }

    @Override
    public List<String> overflowPatterns() {
        return compat.overflowPatterns();
    }
}
