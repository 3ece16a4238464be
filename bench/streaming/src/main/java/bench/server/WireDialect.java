package bench.server;

/**
 * The event framing the firehose streams, chosen by the request path: chat completions
 * ({@code …/chat/completions}, one {@code data:} event per token), Anthropic Messages
 * ({@code …/messages}, named events, {@code content_block_delta} per token) or the Responses API
 * ({@code …/responses}, named events, {@code response.output_text.delta} per token).
 */
public enum WireDialect {
    CHAT_COMPLETIONS,
    ANTHROPIC_MESSAGES,
    RESPONSES;

    /** The dialect a request path asks for, or null when the path streams nothing. */
    public static WireDialect ofPath(String path) {
        if (path.endsWith("/chat/completions")) return CHAT_COMPLETIONS;
        if (path.endsWith("/messages")) return ANTHROPIC_MESSAGES;
        if (path.endsWith("/responses")) return RESPONSES;
        return null;
    }
}
