package dev.providers.examples.llamacpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.spi.AssemblySink;
import dev.providers.engine.spi.DecoderContext;
import dev.providers.engine.spi.StreamDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads the event stream of {@code POST /completion}: every {@code data:} object carries a piece
 * of {@code content} and {@code stop: false}, and the last one {@code stop: true} with
 * {@code stop_type} ({@code eos} or {@code word}: the model stopped; {@code limit}:
 * {@code n_predict} was reached), the {@code model}, {@code timings} and the token counts. An
 * object with an {@code error} member ends the stream with that error; a body that ends before
 * {@code stop: true} is a protocol error, since the server always sends it.
 *
 * <p>Usage: {@code timings} when present ({@code prompt_n} evaluated now, {@code cache_n} reused
 * from the cache, {@code predicted_n} generated), else {@code tokens_evaluated} and
 * {@code tokens_predicted}, which every chunk carries, so a cancelled stream keeps its counts.
 *
 * <p>Thread-safety: confined to one stream, one thread at a time.
 */
final class CompletionDecoder implements StreamDecoder {

    /** The key of the answer's one text block. */
    private static final String TEXT = "text";
    /** The longest piece of a bad event quoted in an error. */
    static final int SNIPPET_CHARS = 200;

    /** One JSON value per event: anything after it is not the protocol. */
    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final DecoderContext context;

    CompletionDecoder(DecoderContext context) {
        this.context = context;
    }

    @Override
    public void event(@Nullable String name, byte[] bytes, int offset, int length,
            AssemblySink sink) {
        JsonNode chunk;
        try {
            chunk = READER.readTree(bytes, offset, length);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage()
                    : e.getMessage();
            sink.error(ErrorKind.PROTOCOL, "invalid JSON in the stream (" + reason + "): "
                    + snippet(bytes, offset, length), null);
            return;
        }
        if (chunk == null || !chunk.isObject()) {
            sink.error(ErrorKind.PROTOCOL, "a stream event is not a JSON object: "
                    + snippet(bytes, offset, length), null);
            return;
        }
        apply(chunk, sink);
    }

    /** A 2xx answer that is not a stream: a {@code stream: false} completion, one object. */
    @Override
    public void body(byte[] bytes, @Nullable String contentType, AssemblySink sink) {
        event(null, bytes, 0, bytes.length, sink);
        end(sink);
    }

    @Override
    public void end(AssemblySink sink) {
        if (!sink.isEnded()) {
            sink.error(ErrorKind.PROTOCOL, "the stream ended before the final object "
                    + "('stop': true)", null);
        }
    }

    private void apply(JsonNode chunk, AssemblySink sink) {
        JsonNode error = chunk.get("error");
        if (error != null) {
            String message = ServerErrors.message(error);
            sink.error(ServerErrors.kind(error, message, context), message, null);
            return;
        }
        JsonNode content = chunk.get("content");
        if (content != null && content.isTextual()) {
            sink.text(TEXT, content.asText());
        }
        JsonNode model = chunk.get("model");
        if (model != null && model.isTextual() && !model.asText().isEmpty()) {
            sink.responseModel(model.asText());
        }
        usage(chunk, sink);
        if (chunk.path("stop").asBoolean(false)) {
            stop(chunk, sink);
        }
    }

    private static void usage(JsonNode chunk, AssemblySink sink) {
        JsonNode timings = chunk.get("timings");
        if (timings != null && timings.has("prompt_n") && timings.has("predicted_n")) {
            sink.usage(timings.path("prompt_n").asLong(), timings.path("predicted_n").asLong(),
                    timings.path("cache_n").asLong(), 0, 0);
        } else if (chunk.has("tokens_evaluated") || chunk.has("tokens_predicted")) {
            sink.usage(chunk.path("tokens_evaluated").asLong(),
                    chunk.path("tokens_predicted").asLong(), 0, 0, 0);
        }
    }

    private static void stop(JsonNode chunk, AssemblySink sink) {
        String type = chunk.path("stop_type").asText("");
        StopReason reason;
        switch (type) {
            case "eos", "word" -> reason = StopReason.STOP;
            case "limit" -> reason = StopReason.LENGTH;
            default -> {
                // the server says it is done without saying why: a normal end, noted
                sink.deviation("unknown-stop-type: stop_type '" + type + "' read as stop");
                reason = StopReason.STOP;
            }
        }
        if (chunk.path("truncated").asBoolean(false)) {
            sink.deviation("prompt-truncated: the server cut the prompt to fit its context");
        }
        sink.finish(type.isEmpty() ? null : type, reason);
        sink.end();
    }

    private static String snippet(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, Math.min(length, SNIPPET_CHARS * 4),
                StandardCharsets.UTF_8);
        return text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "…" : text;
    }
}
