package dev.providers.engine.internal.errors;

import dev.providers.engine.message.ErrorKind;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Classifies a non-2xx HTTP response and turns its body into the {@code <status>: <text>}
 * message of docs/dialects/openai-completions.md §8.1–§8.2.
 *
 * <p>The message is built from the response body alone, never from the request or its headers,
 * so it cannot carry a key the engine sent. Context overflow is not decided here: the caller
 * applies {@link OverflowDetector} to the message and, on a match, reports
 * {@link ErrorKind#CONTEXT_OVERFLOW} instead of {@link #kindOf}.
 *
 * <p>Thread-safety: stateless.
 */
public final class HttpErrors {

    /** The longest body text kept in a message, in characters, before the truncation marker. */
    public static final int MAX_BODY_CHARS = 4000;

    /** The longest text kept from an HTML page, which is mostly boilerplate after the title. */
    static final int MAX_HTML_CHARS = 500;

    /** What an empty or blank body reads as. */
    static final String NO_BODY = "(no body)";

    private HttpErrors() {
    }

    /** Returns the error kind of an HTTP status, before any context-overflow check. */
    public static ErrorKind kindOf(int status) {
        if (status == 401 || status == 403) {
            return ErrorKind.AUTH;
        }
        if (status == 404) {
            return ErrorKind.NOT_FOUND;
        }
        if (status == 408) {
            return ErrorKind.TIMEOUT;
        }
        if (status == 429) {
            return ErrorKind.RATE_LIMIT;
        }
        if (status >= 500) {
            return ErrorKind.SERVER;
        }
        if (status >= 400) {
            return ErrorKind.INVALID_REQUEST;
        }
        // 1xx and 3xx: the transport follows no redirects, so these answers break the protocol
        return ErrorKind.PROTOCOL;
    }

    /**
     * Returns the kind of a 404 whose message is {@code message}: {@link ErrorKind#MODEL_NOT_FOUND}
     * when it names the model ({@code modelId}, or OpenAI's {@code model_not_found}), otherwise
     * {@link ErrorKind#NOT_FOUND}, which is a wrong path far more often than a missing model. The
     * model inside a URL or path the page quotes does not count: Gemini's URLs hold the model,
     * and a front end's "The requested URL /v1/models/x:generateContent was not found" is a
     * wrong path.
     */
    public static ErrorKind notFoundKind(String message, String modelId) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("model_not_found")) {
            return ErrorKind.MODEL_NOT_FOUND;
        }
        String id = modelId.toLowerCase(Locale.ROOT);
        for (int at = id.isEmpty() ? -1 : lower.indexOf(id); at >= 0;
                at = lower.indexOf(id, at + 1)) {
            if (!insideQuotedPath(lower, at)) {
                return ErrorKind.MODEL_NOT_FOUND;
            }
        }
        return ErrorKind.NOT_FOUND;
    }

    /**
     * Returns whether {@code at} lies past the start of a word of {@code text} that is a path
     * or a URL, after any opening quote or bracket: {@code /v1/…}, {@code "/v1/…},
     * {@code https://…}.
     */
    private static boolean insideQuotedPath(String text, int at) {
        int start = at;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        while (start < at && "\"'`([<".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        String head = text.substring(start, at);
        return head.startsWith("/") || head.contains("://");
    }

    /**
     * Returns {@code message} with the path that was not found and a hint, for a 404 that is
     * {@link ErrorKind#NOT_FOUND}; the path holds no query, so no key.
     */
    public static String withPath(String message, URI uri) {
        return message + " (nothing at " + uri.getRawPath() + "; check the provider's baseUrl)";
    }

    /**
     * Returns {@code <status>: <text>} for an error response, never throwing.
     *
     * <p>{@code body} is what the caller read of the response, already bounded (the transport
     * reads at most 64 KiB); larger bodies work but cost time and memory in proportion.
     * {@code contentType} is the response's Content-Type header, or null; its charset decodes the
     * body (UTF-8 otherwise), with undecodable bytes replaced.
     */
    public static String message(int status, byte[] body, @Nullable String contentType) {
        String text = BodyText.decode(body, contentType).strip();
        String detail = BodyText.clean(describe(text, contentType)).strip();
        return status + ": " + (detail.isEmpty() ? NO_BODY : truncate(detail, MAX_BODY_CHARS));
    }

    private static String describe(String text, @Nullable String contentType) {
        if (text.isEmpty()) {
            return text;
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            String fromJson = JsonErrorText.parse(text);
            return fromJson != null ? fromJson : text;
        }
        if (BodyText.isHtml(text, contentType)) {
            return truncate(HtmlText.of(text), MAX_HTML_CHARS);
        }
        return text;
    }

    /** Returns {@code text} cut to {@code max} characters plus a marker saying how many went. */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max;
        // never split a surrogate pair, which would leave half a character behind
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "… [truncated " + (text.length() - cut) + " chars]";
    }
}
