package dev.providers.conformance.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code POST /chat/completions}: reads and checks the request, applies the profile's overflow
 * behaviour, asks the model, and writes the answer as a stream or as one completion object.
 *
 * <p>Thread-safety: thread-safe; one instance serves all requests of a server.
 */
final class ChatEndpoint implements OpenAiRoutes.Endpoint {

    private final Profile profile;
    private final Duration pause;
    private final PromptCache cache = new PromptCache();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger abandoned = new AtomicInteger();

    ChatEndpoint(Profile profile, Duration pause) {
        this.profile = profile;
        this.pause = pause;
    }

    /** Returns how many streams ended because the client closed the connection. */
    @Override
    public int abandonedStreams() {
        return abandoned.get();
    }

    /**
     * Answers one request.
     *
     * @throws ApiError a refusal, before any response byte
     * @throws IOException when the client went away (nothing more can be sent)
     */
    @Override
    public void handle(HttpExchange exchange, byte[] body) throws ApiError, IOException {
        String text = utf8(body);
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw Refusals.notJson(profile, e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (Json.hasLoneSurrogate(root)) {
            // a correct client strips lone surrogates; escaped ones are not Unicode text
            throw Refusals.notJson(profile, "a string holds an unpaired UTF-16 surrogate");
        }
        ChatRequest parsed = RequestParser.parse(root, text, profile);
        Ids ids = new Ids(body, sequence.incrementAndGet(), profile.has(Quirk.MISTRAL_TOOL_CALLS));
        String id = ids.completion(profile == Profile.OPENROUTER ? "gen-" : "chatcmpl-");
        long created = System.currentTimeMillis() / 1000;
        int asked = Tokens.prompt(parsed);
        boolean overflow = Overflow.exceeds(asked);
        if (overflow && profile.has(Quirk.IN_STREAM_OVERFLOW) && parsed.stream()) {
            SseStream sse = startStream(exchange);
            stream(() -> new StreamWriter(profile, parsed, id, created, sse)
                    .error(Overflow.openRouterError(asked)));
            return;
        }
        if (overflow && !profile.has(Quirk.SILENT_TRUNCATION)) {
            throw Overflow.refusal(profile, asked);
        }
        // Ollama answers what is left after cutting the head, and counts only that
        ChatRequest request = overflow ? Overflow.truncate(parsed) : parsed;
        int prompt = Tokens.prompt(request);
        int cached = cache.cachedTokens(request);
        Reply reply = Brain.reply(request);
        Output out = Generation.of(request, reply, profile, ids, prompt, cached);
        if (request.stream()) {
            SseStream sse = startStream(exchange);
            stream(() -> new StreamWriter(profile, request, id, created, sse).write(out));
        } else {
            Router.sendJson(exchange, 200, CompletionWriter.of(profile, request, out, id,
                    created));
        }
    }

    private SseStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        return new SseStream(out, pause);
    }

    /** Runs a stream writer, counting a client that leaves before the end. */
    private void stream(StreamBody body) throws IOException {
        try {
            body.write();
        } catch (IOException e) {
            abandoned.incrementAndGet();
            throw e;
        }
    }

    private String utf8(byte[] body) throws ApiError {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw Refusals.notJson(profile, "invalid UTF-8 byte in the body");
        }
    }

    /** A stream's writing, which may fail when the client goes away. */
    @FunctionalInterface
    private interface StreamBody {
        void write() throws IOException;
    }
}
