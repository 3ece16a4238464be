package dev.providers.conformance.reference;

import java.util.Map;

/**
 * A request as the reference server received it, for tests and reports.
 *
 * @param method the HTTP method
 * @param path the path with its query, e.g. {@code /v1/chat/completions}
 * @param headers the headers, names in lower case, repeated values joined by {@code ", "}; the
 *     key in {@code authorization} and {@code api-key} is masked
 * @param body the body as text (bytes that are not UTF-8 become U+FFFD)
 */
public record RecordedRequest(String method, String path, Map<String, String> headers,
        String body) {

    /** Copies the headers. */
    public RecordedRequest {
        headers = Map.copyOf(headers);
    }
}
