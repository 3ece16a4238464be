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
 * {@code POST /models/{model}:streamGenerateContent} and {@code :generateContent}: reads and
 * checks the request as Gemini does ({@link GeminiRequestParser}), refuses a prompt over the
 * context window in Gemini's words, asks the shared model, and writes its answer as Gemini's
 * {@code GenerateContentResponse} chunks ({@link GeminiStreamWriter}).
 *
 * <p>Thread-safety: thread-safe; one instance serves all requests of a server.
 */
final class GeminiEndpoint {

    /** How the answer is sent. */
    enum Mode {
        /** {@code alt=sse}: one server-sent event per chunk. */
        SSE,
        /** {@code streamGenerateContent} without {@code alt=sse}: one JSON array of chunks. */
        JSON_ARRAY,
        /** {@code generateContent}: one whole response. */
        ONE
    }

    private final Profile profile;
    private final Duration pause;
    private final PromptCache cache = new PromptCache();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger abandoned = new AtomicInteger();

    GeminiEndpoint(Profile profile, Duration pause) {
        this.profile = profile;
        this.pause = pause;
    }

    /** Returns how many streams ended because the client closed the connection. */
    int abandonedStreams() {
        return abandoned.get();
    }

    /**
     * Answers one request for {@code modelId}.
     *
     * @throws ApiError a refusal, before any response byte
     * @throws IOException when the client went away
     */
    void handle(HttpExchange exchange, String modelId, byte[] body, Mode mode)
            throws ApiError, IOException {
        ServedModel model = ServedModel.byId(modelId).orElseThrow(() ->
                GoogleErrors.unknownModel(profile, modelId, mode == Mode.ONE ? "generateContent"
                        : "streamGenerateContent"));
        String text = utf8(body);
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw GoogleErrors.invalid(profile, "Invalid JSON payload received. "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        }
        if (Json.hasLoneSurrogate(root)) {
            throw GoogleErrors.invalid(profile, "Invalid JSON payload received. Invalid "
                    + "string: an unpaired UTF-16 surrogate.");
        }
        ChatRequest request = GeminiRequestParser.parse(root, profile, model, modelId,
                mode != Mode.ONE);
        int prompt = Tokens.prompt(request);
        if (Overflow.exceeds(prompt)) {
            throw GoogleErrors.overflow(profile, prompt);
        }
        int cached = cache.cachedTokens(request);
        Ids ids = new Ids(body, sequence.incrementAndGet(), false);
        Reply reply = Brain.reply(request);
        Output out = Generation.of(request, reply, profile, ids, prompt, cached);
        GeminiStreamWriter writer = new GeminiStreamWriter(profile, request, ids);
        if (mode == Mode.SSE) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            SseStream sse = new SseStream(exchange.getResponseBody(), pause);
            try {
                writer.stream(out, sse);
            } catch (IOException e) {
                abandoned.incrementAndGet();
                throw e;
            }
            return;
        }
        JsonNode answer = mode == Mode.ONE ? writer.whole(out) : writer.array(out);
        byte[] bytes = Json.text(answer).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(bytes);
        }
    }

    private String utf8(byte[] body) throws ApiError {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw GoogleErrors.invalid(profile, "Invalid JSON payload received. Invalid UTF-8 "
                    + "in the body.");
        }
    }
}
