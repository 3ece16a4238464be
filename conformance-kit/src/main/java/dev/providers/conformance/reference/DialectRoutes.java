package dev.providers.conformance.reference;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The routes one dialect adds to the reference server, besides {@code /health} and the key
 * check: its endpoints (such as {@code /chat/completions} and {@code /models}), its answers to
 * everything else, its error bodies. The router picks them by the profile's dialect
 * ({@link #of}).
 *
 * <p>Thread-safety: implementations are thread-safe; one instance serves all requests.
 */
interface DialectRoutes {

    /**
     * Answers a request whose key was accepted; {@code path} is the request path without a
     * leading {@code /v1}.
     *
     * @throws ApiError a refusal, before any response byte (the router writes it)
     * @throws IOException when the client went away
     */
    void route(HttpExchange exchange, String method, String path, byte[] body)
            throws ApiError, IOException;

    /** Returns how many streams ended because the client closed the connection. */
    int abandonedStreams();

    /**
     * Returns the 401 for a missing ({@code given} null) or wrong key, in this dialect's error
     * shape; the default is OpenAI's.
     */
    default ApiError unauthorized(Profile profile, @Nullable String given) {
        return Refusals.unauthorized(profile, given);
    }

    /**
     * Returns the version segment provider files put at the end of the base URL, such as
     * {@code /v1}; paths that start with {@code /v1/} reach {@link #route} without it, others as
     * they are.
     */
    default String basePath() {
        return "/v1";
    }

    /** Returns the routes of a profile's dialect. */
    static DialectRoutes of(Profile profile, java.time.Duration chunkPause) {
        return switch (profile.api()) {
            // one case per dialect the reference server speaks
            case Profile.ANTHROPIC_MESSAGES -> new AnthropicRoutes(profile,
                    new MessagesEndpoint(profile, chunkPause));
            case Profile.RESPONSES_API -> new OpenAiRoutes(profile, "/responses",
                    new ResponsesEndpoint(profile, chunkPause));
            case GeminiRoutes.API -> new GeminiRoutes(profile, chunkPause);
            default -> new OpenAiRoutes(profile, "/chat/completions",
                    new ChatEndpoint(profile, chunkPause));
        };
    }
}
