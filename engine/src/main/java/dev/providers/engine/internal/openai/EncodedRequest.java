package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chat-completions request as the encoder built it.
 *
 * <p>Thread-safety: the headers are immutable; the body is a fresh tree owned by the caller
 * (payload interceptors may rewrite it), so share it only after the last change.
 *
 * @param body the JSON body, fields in construction order
 *     ({@code docs/dialects/openai-completions.md} §3.1)
 * @param headers the session-affinity headers the encoder decided; the transport merges them
 *     under the provider, model, auth and per-call headers, which win
 * @param maxTokensSent the output limit in the body, or null when none was sent
 * @param estimatedPromptTokens the prompt-size estimate (characters / 4), for
 *     {@code contextPrecheck}
 */
public record EncodedRequest(ObjectNode body, Map<String, String> headers,
        @Nullable Integer maxTokensSent, int estimatedPromptTokens) {

    /** Copies the headers and rejects a missing body. */
    public EncodedRequest {
        Objects.requireNonNull(body, "body");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Returns the body as UTF-8 JSON bytes. */
    public byte[] bytes() {
        try {
            return WireJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // the encoder only builds plain trees without lone surrogates, which always encode
            throw new UncheckedIOException(e);
        }
    }
}
