package dev.providers.engine.internal.gemini;

import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spi.DecoderContext;
import dev.providers.engine.spi.DialectModel;
import dev.providers.engine.spi.DialectRequest;
import dev.providers.engine.spi.RequestRefusedException;
import dev.providers.engine.spi.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One model as {@code google-generative-ai} speaks to it, its compat flags read once: requests go
 * to {@code models/{model}:streamGenerateContent?alt=sse}.
 *
 * <p>Thread-safety: immutable.
 */
final class GeminiModel implements DialectModel {

    /** The query every request carries: server-sent events instead of one JSON array. */
    static final Map<String, String> QUERY = Map.of("alt", "sse");

    private final ResolvedModel model;
    private final GeminiCompat compat;
    private final String path;

    GeminiModel(ResolvedModel model, GeminiCompat compat) {
        this.model = model;
        this.compat = compat;
        this.path = path(model.model().id());
    }

    @Override
    public DialectRequest encode(Context context, StreamOptions options) {
        RequestEncoder.Encoded encoded = RequestEncoder.encode(model, compat, context, options);
        Integer window = model.model().contextWindow();
        if (compat.contextPrecheck() && window != null
                && encoded.estimatedPromptTokens() > window) {
            throw new RequestRefusedException(ErrorKind.CONTEXT_OVERFLOW, "the prompt (about "
                    + encoded.estimatedPromptTokens() + " tokens, estimated) does not fit the "
                    + "context window of " + window + " tokens (compat.contextPrecheck)");
        }
        return new DialectRequest(path, QUERY, Map.of(), GeminiJson.bytes(encoded.body()),
                "text/event-stream", encoded.estimatedPromptTokens(),
                encoded.maxOutputTokens());
    }

    @Override
    public StreamDecoder decoder(DecoderContext context) {
        return new GeminiDecoder(context);
    }

    @Override
    public List<String> overflowPatterns() {
        return compat.overflowPatterns();
    }

    /**
     * Returns the endpoint's path for a model id: {@code models/<id>:streamGenerateContent}, or
     * {@code <id>:streamGenerateContent} for an id that names its collection
     * ({@code tunedModels/…}); characters outside a URL path segment are percent-encoded.
     */
    static String path(String id) {
        String name = id.contains("/") ? id : "models/" + id;
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            out.append(plain ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return out.append(":streamGenerateContent").toString();
    }
}
