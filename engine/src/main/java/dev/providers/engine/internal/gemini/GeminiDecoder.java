package dev.providers.engine.internal.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.internal.errors.HttpErrors;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.spi.AssemblySink;
import dev.providers.engine.spi.DecoderContext;
import dev.providers.engine.spi.StreamDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code streamGenerateContent?alt=sse} answer into the sink
 * ({@code docs/dialects/google-generative-ai.md} §4): each event is one
 * {@code GenerateContentResponse}. Text and thought parts are deltas of the current text or
 * thinking block (a change of kind, or a call, starts the next block); a {@code functionCall}
 * part arrives whole and is one complete tool-call block, its id synthesised when the server
 * sent none (a deviation); a {@code thoughtSignature} stays with the thought or call it came on;
 * {@code usageMetadata} replaces the usage so far; the last {@code finishReason} (or a
 * {@code promptFeedback.blockReason}) decides how the answer ends, and the end of the body is
 * the end of the stream: without a finish reason it is a protocol error. An {@code error}
 * object, alone or as the one element of an array, ends the stream at once.
 *
 * <p>Unknown fields and part types are skipped and recorded once each as a deviation. Error
 * texts are matched against the overflow patterns here, before the sink is called.
 *
 * <p>Thread-safety: confined to one stream's decoding, one thread at a time.
 */
final class GeminiDecoder implements StreamDecoder {

    /** The longest snippet of a bad payload quoted in an error. */
    static final int SNIPPET = 200;

    private static final Set<String> RESPONSE_FIELDS = Set.of("candidates", "promptFeedback",
            "usageMetadata", "modelVersion", "responseId", "createTime", "modelStatus");
    private static final Set<String> CANDIDATE_FIELDS = Set.of("content", "finishReason",
            "finishMessage", "index", "safetyRatings", "citationMetadata", "tokenCount",
            "groundingAttributions", "groundingMetadata", "avgLogprobs", "logprobsResult",
            "urlContextMetadata", "urlRetrievalMetadata");
    private static final Set<String> PART_FIELDS = Set.of("text", "thought",
            "thoughtSignature", "functionCall", "partMetadata", "videoMetadata",
            "mediaResolution");

    private final DecoderContext context;
    private final Supplier<String> freshIds;
    /** The deviations already recorded, so that a repeated one is recorded once. */
    private final Set<String> noted = new HashSet<>();
    /** The text or thinking block the next text or thought part continues, or null. */
    private @Nullable Run run;
    private int blocks;
    private int calls;
    private @Nullable String responseId;
    private @Nullable String model;
    private FinishReasons.@Nullable Mapped finish;
    private @Nullable String finishRaw;

    GeminiDecoder(DecoderContext context) {
        this(context, GeminiDecoder::randomId);
    }

    /** Creates a decoder whose ids for unnamed calls, without a response id, come from there. */
    GeminiDecoder(DecoderContext context, Supplier<String> freshIds) {
        this.context = context;
        this.freshIds = freshIds;
    }

    @Override
    public void event(@Nullable String name, byte[] bytes, int offset, int length,
            AssemblySink sink) {
        if (name != null && !name.equals("message")) {
            note(sink, "sse-event-name", "an event named '" + name + "', read as data");
        }
        JsonNode root;
        try {
            root = GeminiJson.MAPPER.readTree(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage()
                    : e.getMessage();
            sink.error(ErrorKind.PROTOCOL, "invalid JSON in the stream (" + reason + "): "
                    + snippet(bytes, offset, length), null);
            return;
        }
        if (root == null || root.isMissingNode()) {
            note(sink, "empty-event", "an event without data, skipped");
            return;
        }
        read(root, sink);
    }

    @Override
    public void body(byte[] bytes, @Nullable String contentType, AssemblySink sink) {
        // the answer of streamGenerateContent without alt=sse: one JSON array of responses
        try {
            read(GeminiJson.MAPPER.readTree(bytes), sink);
        } catch (IOException | RuntimeException e) {
            sink.error(ErrorKind.PROTOCOL, "the server answered with JSON that cannot be read ("
                    + e.getMessage() + "): " + snippet(bytes, 0, bytes.length), null);
            return;
        }
        end(sink);
    }

    @Override
    public void end(AssemblySink sink) {
        if (sink.isEnded()) {
            return;
        }
        FinishReasons.Mapped mapped = finish;
        if (mapped == null) {
            sink.error(ErrorKind.PROTOCOL, "the stream ended without a finishReason", null);
            return;
        }
        if (mapped.reason() == StopReason.ERROR) {
            sink.error(mapped.kind(), mapped.message(), finishRaw);
            return;
        }
        sink.finish(finishRaw, mapped.reason() == StopReason.STOP && calls > 0
                ? StopReason.TOOL_USE : mapped.reason());
        sink.end();
    }

    @Override
    public @Nullable ErrorKind errorKind(int status, String message, byte[] body) {
        JsonNode error = GeminiErrors.errorObject(body);
        if (error == null) {
            return null; // an HTML page or a proxy's text: a 404 then names the path it missed
        }
        if (GeminiErrors.isInvalidKey(error)) {
            return ErrorKind.AUTH; // Google answers a bad key with a 400
        }
        // Google's own 404 for a model it does not serve; any other 404 goes by the status
        // rules, which add the path and a hint to check the baseUrl
        return status == 404 && GeminiErrors.isUnknownModel(error) ? ErrorKind.MODEL_NOT_FOUND
                : null;
    }

    @Override
    public @Nullable Duration retryDelay(int status, byte[] body) {
        JsonNode error = GeminiErrors.errorObject(body);
        return error == null ? null : GeminiErrors.retryDelay(error);
    }

    /** Reads one parsed payload: a response, an error, or an array of either. */
    private void read(JsonNode root, AssemblySink sink) {
        JsonNode error = GeminiErrors.errorObject(root);
        if (error != null) {
            if (root.isArray()) {
                note(sink, "error-array", "an error object inside a one-element array");
            }
            String message = HttpErrors.truncate(GeminiErrors.message(error),
                    HttpErrors.MAX_BODY_CHARS);
            sink.error(context.isOverflow(message) ? ErrorKind.CONTEXT_OVERFLOW
                    : GeminiErrors.kind(error), message, null);
            return;
        }
        if (root.isArray()) {
            note(sink, "response-array", "responses inside a JSON array");
            for (JsonNode item : root) {
                if (sink.isEnded()) {
                    return;
                }
                read(item, sink);
            }
            return;
        }
        if (!root.isObject()) {
            sink.error(ErrorKind.PROTOCOL, "an event is not a JSON object: "
                    + shorten(root.toString()), null);
            return;
        }
        response(root, sink);
    }

    private void response(JsonNode chunk, AssemblySink sink) {
        for (Map.Entry<String, JsonNode> field : chunk.properties()) {
            if (!RESPONSE_FIELDS.contains(field.getKey())) {
                note(sink, "unknown-field", field.getKey() + " (skipped)");
            }
        }
        String id = GeminiJson.string(chunk, "responseId");
        if (id != null && !id.isEmpty() && responseId == null) {
            responseId = id;
            sink.responseId(id);
        }
        String version = GeminiJson.string(chunk, "modelVersion");
        if (version != null && !version.equals(model)) {
            model = version;
            sink.responseModel(version);
        }
        JsonNode candidates = chunk.path("candidates");
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            if (candidate.path("index").asInt(0) != 0) {
                note(sink, "extra-candidate", "candidates beyond the first, skipped");
                continue;
            }
            candidate(candidate, sink);
        }
        JsonNode usage = chunk.get("usageMetadata");
        if (usage != null && usage.isObject()) {
            usage(usage, sink);
        }
        String blocked = GeminiJson.string(chunk.path("promptFeedback"), "blockReason");
        if (blocked != null && !blocked.isEmpty()) {
            finish = FinishReasons.blocked(blocked);
            finishRaw = blocked;
        }
    }

    private void candidate(JsonNode candidate, AssemblySink sink) {
        for (Map.Entry<String, JsonNode> field : candidate.properties()) {
            if (!CANDIDATE_FIELDS.contains(field.getKey())) {
                note(sink, "unknown-field", "candidates[]." + field.getKey() + " (skipped)");
            }
        }
        for (JsonNode part : candidate.path("content").path("parts")) {
            part(part, sink);
        }
        String reason = GeminiJson.string(candidate, "finishReason");
        if (reason != null && !reason.isEmpty()) {
            finishRaw = reason;
            finish = FinishReasons.finish(reason, GeminiJson.string(candidate,
                    "finishMessage"));
        }
    }

    private void part(JsonNode part, AssemblySink sink) {
        for (Map.Entry<String, JsonNode> field : part.properties()) {
            if (!PART_FIELDS.contains(field.getKey())) {
                note(sink, "unknown-part", field.getKey() + " (skipped)");
            }
        }
        JsonNode call = part.get("functionCall");
        if (call != null && call.isObject()) {
            call(call, GeminiJson.string(part, "thoughtSignature"), sink);
            return;
        }
        String text = GeminiJson.string(part, "text");
        String signature = GeminiJson.string(part, "thoughtSignature");
        if (part.path("thought").asBoolean(false)) {
            Run key = run(true);
            if (text != null && !text.isEmpty()) {
                sink.thinking(key, text);
            }
            if (signature != null && !signature.isEmpty()) {
                sink.thinkingSignature(key, signature);
            }
        } else if (text != null && !text.isEmpty()) {
            sink.text(run(false), text);
        }
        // a signature on a text part has no place in the message; Gemini does not require it
    }

    private void call(JsonNode call, @Nullable String signature, AssemblySink sink) {
        String name = GeminiJson.string(call, "name");
        if (name == null || name.isEmpty()) {
            note(sink, "unnamed-function-call", "a functionCall without a name, dropped");
            return;
        }
        String id = GeminiJson.string(call, "id");
        int index = calls++;
        if (id == null || id.isEmpty()) {
            id = responseId != null ? "call_" + sanitize(responseId) + "_" + index
                    : freshIds.get();
            sink.deviation("synthesized-tool-call-id: the server sent no id for function call '"
                    + name + "'; using " + id);
        }
        JsonNode args = call.get("args");
        String arguments;
        if (args == null || args.isNull()) {
            arguments = "{}";
        } else if (args.isObject()) {
            arguments = GeminiJson.text(args);
        } else {
            note(sink, "function-call-args", "args that are not an object, replaced by {}");
            arguments = "{}";
        }
        run = null; // text after a call is a new block
        CallKey key = new CallKey(index);
        sink.toolCall(key, id, name, arguments);
        if (signature != null && !signature.isEmpty()) {
            sink.toolCallSignature(id, signature);
        }
        sink.endBlock(key); // a call arrives whole
    }

    private void usage(JsonNode usage, AssemblySink sink) {
        long prompt = usage.path("promptTokenCount").asLong(0);
        long cached = usage.path("cachedContentTokenCount").asLong(0);
        long candidates = usage.path("candidatesTokenCount").asLong(0);
        long thoughts = usage.path("thoughtsTokenCount").asLong(0);
        long toolPrompt = usage.path("toolUsePromptTokenCount").asLong(0);
        sink.usage(Math.max(0, prompt - cached) + toolPrompt, candidates + thoughts, cached, 0,
                thoughts);
        JsonNode total = usage.get("totalTokenCount");
        long computed = Math.max(prompt, cached) + toolPrompt + candidates + thoughts;
        if (total != null && total.canConvertToLong() && total.asLong() != computed
                && noted.add("usage-total-mismatch")) {
            sink.deviation("usage-total-mismatch: wire totalTokenCount " + total.asLong()
                    + " != computed " + computed);
        }
    }

    /** Returns the block a text or thought part continues, starting a new one on a change. */
    private Run run(boolean thought) {
        Run current = run;
        if (current == null || current.thought() != thought) {
            current = new Run(thought, blocks++);
            run = current;
        }
        return current;
    }

    /** Records a deviation of this kind once per stream. */
    private void note(AssemblySink sink, String code, String details) {
        if (noted.add(code + ": " + details)) {
            sink.deviation(code + ": " + details);
        }
    }

    private static String sanitize(String id) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < id.length() && out.length() < 24; i++) {
            char c = id.charAt(i);
            out.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-') ? c
                    : '_');
        }
        return out.toString();
    }

    private static String randomId() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder out = new StringBuilder("call_");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 16; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String snippet(byte[] bytes, int offset, int length) {
        return shorten(new String(bytes, offset, Math.min(length, SNIPPET * 4),
                StandardCharsets.UTF_8));
    }

    private static String shorten(String text) {
        return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
    }

    /** The key of a text or thinking block: its kind and its number in the response. */
    private record Run(boolean thought, int number) { }

    /** The key of a function-call block: its number among the response's calls. */
    private record CallKey(int number) { }
}
