package dev.providers.engine.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request as a dialect built it. The engine adds the provider's query parameters, its headers
 * and model headers, the auth headers and the per-call headers (which win over these).
 *
 * @param path the path under the base URL, without a leading slash (such as
 *     {@code chat/completions})
 * @param query query parameters the dialect needs, in order (such as Gemini's {@code alt=sse})
 * @param headers headers the dialect decided
 * @param body the request body, JSON as UTF-8
 * @param accept the {@code Accept} header: {@code text/event-stream} for a streaming dialect
 * @param estimatedPromptTokens the dialect's estimate of the prompt's size, for reports
 * @param maxTokens the output limit sent, or null when none was
 */
public record DialectRequest(String path, Map<String, String> query, Map<String, String> headers,
        byte[] body, String accept, int estimatedPromptTokens, @Nullable Integer maxTokens) {

    /** Copies the maps and rejects missing values. */
    public DialectRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(accept, "accept");
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Shows the path and the body's size, never a header value. */
    @Override
    public String toString() {
        return "DialectRequest[" + path + ", " + body.length + " bytes]";
    }
}
