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
 * {@code POST /responses}: reads and checks the request, applies the profile's overflow
 * behaviour, asks the model, and writes the answer as Responses events or as one response
 * object (docs/dialects/openai-responses.md §9 for the profiles).
 *
 * <p>Thread-safety: thread-safe; one instance serves all requests of a server.
 */
final class ResponsesEndpoint implements OpenAiRoutes.Endpoint {

    /** OpenAI's text for a prompt beyond the context window. */
    static final String OVERFLOW = "Your input exceeds the context window of this model. "
            + "Please adjust your input and try again.";

    private final Profile profile;
    private final Duration pause;
    private final PromptCache cache = new PromptCache();
    private final IssuedItems issued = new IssuedItems();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger abandoned = new AtomicInteger();

    ResponsesEndpoint(Profile profile, Duration pause) {
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
     * @throws IOException when the client went away
     */
    @Override
    public void handle(HttpExchange exchange, byte[] body) throws ApiError, IOException {
        JsonNode root = parse(body);
        Ids ids = new Ids(body, sequence.incrementAndGet(), false);
        String responseId = ids.completion("resp_");
        long created = System.currentTimeMillis() / 1000;
        if (profile.has(Quirk.FAILED_IN_STREAM) && unknownModel(root)) {
            streamFailure(exchange, root, responseId, created, "model_not_found", "The model `"
                    + root.path("model").asText() + "` does not exist or you do not have access "
                    + "to it.");
            return;
        }
        ResponsesCall call = ResponsesRequestParser.parse(root, profile, issued);
        ChatRequest parsed = call.chat();
        int asked = Tokens.prompt(parsed);
        if (Overflow.exceeds(asked)) {
            if (profile.has(Quirk.FAILED_IN_STREAM) && parsed.stream()) {
                SseStream sse = startStream(exchange);
                stream(() -> new ResponsesStreamWriter(profile, sse).failed(new ResponsesOutput(
                        profile, call, empty(), responseId, created), "context_length_exceeded",
                        OVERFLOW));
                return;
            }
            if (profile.has(Quirk.LLAMACPP_RESPONSES)) {
                throw Overflow.refusal(Profile.LLAMACPP, asked);
            }
            throw ApiError.invalid(OVERFLOW, "input", "context_length_exceeded");
        }
        int prompt = Tokens.prompt(parsed);
        int cached = cache.cachedTokens(parsed);
        Reply reply = Brain.reply(parsed);
        Output out = Generation.of(parsed, reply, profile, ids, prompt, cached);
        ResponsesOutput response = new ResponsesOutput(profile, call, out, responseId, created);
        if (response.reasoningId != null) {
            response.callItemIds.forEach(item -> issued.issued(item, response.reasoningId));
        }
        if (parsed.stream()) {
            SseStream sse = startStream(exchange);
            stream(() -> new ResponsesStreamWriter(profile, sse).write(response));
        } else {
            ObjectNode whole = response.response(response.cut() ? "incomplete" : "completed");
            Router.sendJson(exchange, 200, whole);
        }
    }

    private JsonNode parse(byte[] body) throws ApiError {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw Refusals.notJson(profile, "invalid UTF-8 byte in the body");
        }
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw Refusals.notJson(profile, e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (Json.hasLoneSurrogate(root)) {
            throw Refusals.notJson(profile, "a string holds an unpaired UTF-16 surrogate");
        }
        return root;
    }

    private static boolean unknownModel(JsonNode root) {
        return root.path("model").isTextual() && root.path("stream").asBoolean(false)
                && ServedModel.byId(root.path("model").asText()).isEmpty();
    }

    /** Streams the start of a response and its failure, for a request not read any further. */
    private void streamFailure(HttpExchange exchange, JsonNode root, String responseId,
            long created, String code, String message) throws IOException {
        ChatRequest request = new ChatRequest(ServedModel.CHAT, root.path("model").asText(),
                java.util.List.of(), java.util.List.of(), ChatRequest.Choice.AUTO, true, true,
                null, java.util.List.of(), false, true);
        ResponsesCall call = new ResponsesCall(request, false, false);
        SseStream sse = startStream(exchange);
        stream(() -> new ResponsesStreamWriter(profile, sse).failed(new ResponsesOutput(profile,
                call, empty(), responseId, created), code, message));
    }

    private static Output empty() {
        return new Output(java.util.List.of(), java.util.List.of(), java.util.List.of(), "stop",
                new Output.Counts(0, 0, 0, 0));
    }

    private SseStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        return new SseStream(out, pause);
    }

    private void stream(StreamBody body) throws IOException {
        try {
            body.write();
        } catch (IOException e) {
            abandoned.incrementAndGet();
            throw e;
        }
    }

    /** A stream's writing, which may fail when the client goes away. */
    @FunctionalInterface
    private interface StreamBody {
        void write() throws IOException;
    }
}
