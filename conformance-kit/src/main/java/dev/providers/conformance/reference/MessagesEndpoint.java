package dev.providers.conformance.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /messages} and {@code POST /messages/count_tokens}: reads and checks the request,
 * refuses a prompt beyond the context window, asks the model, and writes the answer as an event
 * stream or as one message.
 *
 * <p>Prompt caching follows Anthropic's rule: only a request with {@code cache_control}
 * breakpoints reads or writes the cache, and only a prefix of at least
 * {@value PromptCache#MIN_TOKENS} tokens is cached; what the cache did not have is written. The
 * llama.cpp profile and the profile without {@code cache_control} cache every prefix on their
 * own and report only reads.
 *
 * <p>Thread-safety: thread-safe; one instance serves all requests of a server.
 */
final class MessagesEndpoint {

    private final Profile profile;
    private final Duration pause;
    private final PromptCache cache = new PromptCache();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger abandoned = new AtomicInteger();

    MessagesEndpoint(Profile profile, Duration pause) {
        this.profile = profile;
        this.pause = pause;
    }

    /** Returns how many streams ended because the client closed the connection. */
    int abandonedStreams() {
        return abandoned.get();
    }

    /**
     * Answers one request to {@code /messages}.
     *
     * @throws ApiError a refusal, before any response byte
     * @throws IOException when the client went away
     */
    void handle(HttpExchange exchange, byte[] body) throws ApiError, IOException {
        checkHeaders(exchange);
        MessagesRequest parsed = MessagesRequestParser.parse(read(body), profile, false);
        ChatRequest request = parsed.chat();
        int prompt = Tokens.prompt(request);
        if (Overflow.exceeds(prompt)) {
            throw overflow(prompt);
        }
        if (profile.has(Quirk.REQUIRE_THINKING_REPLAY) && request.thinking()
                && !parsed.replayedThinking()) {
            throw AnthropicErrors.invalid(profile, "The `content[].thinking` in the thinking "
                    + "mode must be passed back to the API.");
        }
        MessagesStreamWriter.Split split = split(parsed, prompt);
        Ids ids = new Ids(body, sequence.incrementAndGet(), false);
        String id = ids.completion(profile.has(Quirk.LLAMACPP_WIRE) ? "chatcmpl-" : "msg_");
        Reply reply = Brain.reply(request);
        Output out = Generation.of(request, reply, profile, ids, prompt, split.cacheRead());
        String stop = out.finishReason().equals("stop") ? parsed.stopSequence(reply.text())
                : null;
        MessagesStreamWriter writer = new MessagesStreamWriter(profile, parsed, id, out, split,
                stop);
        if (!request.stream()) {
            Router.sendJson(exchange, 200, writer.message());
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream stream = exchange.getResponseBody();
        try {
            writer.stream(new SseStream(stream, pause));
        } catch (IOException e) {
            abandoned.incrementAndGet();
            throw e;
        }
    }

    /**
     * Answers {@code /messages/count_tokens}: {@code {input_tokens}}.
     *
     * @throws ApiError a refusal
     * @throws IOException when the client went away
     */
    void countTokens(HttpExchange exchange, byte[] body) throws ApiError, IOException {
        checkHeaders(exchange);
        MessagesRequest parsed = MessagesRequestParser.parse(read(body), profile, true);
        ObjectNode answer = Json.object().put("input_tokens", Tokens.prompt(parsed.chat()));
        Router.sendJson(exchange, 200, answer);
    }

    /** Anthropic requires anthropic-version; one profile refuses anthropic-beta. */
    private void checkHeaders(HttpExchange exchange) throws ApiError {
        String version = exchange.getRequestHeaders().getFirst("anthropic-version");
        if (version == null && !profile.has(Quirk.LENIENT)) {
            throw AnthropicErrors.invalid(profile, "anthropic-version: header is required");
        }
        String beta = exchange.getRequestHeaders().getFirst("anthropic-beta");
        if (beta != null && profile.has(Quirk.REJECT_BETA)) {
            throw AnthropicErrors.invalid(profile, "Unexpected value(s) `" + beta + "` for the "
                    + "`anthropic-beta` header. Please consult our documentation or try again "
                    + "without the header.");
        }
    }

    private MessagesStreamWriter.Split split(MessagesRequest parsed, int prompt) {
        ChatRequest request = parsed.chat();
        boolean automatic = profile.has(Quirk.LLAMACPP_WIRE)
                || profile.has(Quirk.REJECT_CACHE_CONTROL);
        if (automatic) {
            int read = Math.min(cache.cachedTokens(request), prompt - Tokens.PRIMING);
            return new MessagesStreamWriter.Split(prompt - read, read, 0);
        }
        // the breakpoint ends the cached prefix; the reply's priming tokens come after it
        int prefix = prompt - Tokens.PRIMING;
        if (!parsed.cacheMarked() || prefix < PromptCache.MIN_TOKENS) {
            return new MessagesStreamWriter.Split(prompt, 0, 0);
        }
        int read = Math.min(cache.cachedTokens(request), prefix);
        return new MessagesStreamWriter.Split(prompt - prefix, read, prefix - read);
    }

    private ApiError overflow(int tokens) {
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            return AnthropicErrors.of(profile, 400, "exceed_context_size_error", "request ("
                    + tokens + " tokens) exceeds the available context size ("
                    + ServedModel.CONTEXT_WINDOW + " tokens), try increasing it");
        }
        return AnthropicErrors.invalid(profile, "prompt is too long: " + tokens + " tokens > "
                + ServedModel.CONTEXT_WINDOW + " maximum");
    }

    private JsonNode read(byte[] body) throws ApiError {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw AnthropicErrors.notJson(profile, "invalid UTF-8 byte in the body");
        }
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw AnthropicErrors.notJson(profile, e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        }
        if (Json.hasLoneSurrogate(root)) {
            throw AnthropicErrors.notJson(profile, "a string holds an unpaired UTF-16 "
                    + "surrogate");
        }
        return root;
    }
}
