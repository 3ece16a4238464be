package dev.providers.examples.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.spi.DecoderContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The decoder fed literal wire text, as llama-server (node-llama-cpp 3.22.1's llama.cpp) sent it
 * to {@code curl} for the tiny model; {@code generation_settings} is shortened.
 */
class CompletionDecoderTest {

    private static final DecoderContext OVERFLOW = message ->
            message.contains("exceeds the available context size");

    /** "Hello, world!" and the end-of-turn token, then the final object. */
    static final String HELLO = ""
            + "data: {\"index\":0,\"content\":\"Hello\",\"tokens\":[376],\"stop\":false,"
            + "\"id_slot\":-1,\"tokens_predicted\":1,\"tokens_evaluated\":28}\n\n"
            + "data: {\"index\":0,\"content\":\",\",\"tokens\":[272],\"stop\":false,"
            + "\"id_slot\":-1,\"tokens_predicted\":2,\"tokens_evaluated\":28}\n\n"
            + "data: {\"index\":0,\"content\":\" world\",\"tokens\":[377],\"stop\":false,"
            + "\"id_slot\":-1,\"tokens_predicted\":3,\"tokens_evaluated\":28}\n\n"
            + "data: {\"index\":0,\"content\":\"!\",\"tokens\":[261],\"stop\":false,"
            + "\"id_slot\":-1,\"tokens_predicted\":4,\"tokens_evaluated\":28}\n\n"
            + "data: {\"index\":0,\"content\":\"\",\"tokens\":[383],\"stop\":false,"
            + "\"id_slot\":-1,\"tokens_predicted\":5,\"tokens_evaluated\":28}\n\n"
            + "data: {\"index\":0,\"content\":\"\",\"tokens\":[],\"id_slot\":0,\"stop\":true,"
            + "\"model\":\"tiny-llama\",\"tokens_predicted\":5,\"tokens_evaluated\":28,"
            + "\"generation_settings\":{\"n_predict\":64,\"stop\":[],\"stream\":true},"
            + "\"prompt\":\"<|im_start|>user\\nSay hello.<|im_end|>\\n<|im_start|>assistant\\n\","
            + "\"has_new_line\":false,\"truncated\":false,\"stop_type\":\"eos\","
            + "\"stopping_word\":\"\",\"tokens_cached\":32,\"timings\":{\"cache_n\":0,"
            + "\"prompt_n\":28,\"prompt_ms\":10.514,\"prompt_per_token_ms\":0.3755,"
            + "\"prompt_per_second\":2663.1,\"predicted_n\":5,\"predicted_ms\":0.426,"
            + "\"predicted_per_token_ms\":0.1065,\"predicted_per_second\":9389.6}}\n\n";

    /** {@code n_predict: 2}: two tokens, then {@code stop_type: limit}; the prefix was cached. */
    static final String LIMIT = ""
            + "data: {\"index\":0,\"content\":\"Hello\",\"tokens\":[376],\"stop\":false,"
            + "\"id_slot\":-1,\"tokens_predicted\":1,\"tokens_evaluated\":28}\n\n"
            + "data: {\"index\":0,\"content\":\",\",\"tokens\":[272],\"stop\":false,"
            + "\"id_slot\":-1,\"tokens_predicted\":2,\"tokens_evaluated\":28}\n\n"
            + "data: {\"index\":0,\"content\":\"\",\"tokens\":[],\"id_slot\":0,\"stop\":true,"
            + "\"model\":\"tiny-llama\",\"tokens_predicted\":2,\"tokens_evaluated\":28,"
            + "\"truncated\":false,\"stop_type\":\"limit\",\"stopping_word\":\"\","
            + "\"tokens_cached\":29,\"timings\":{\"cache_n\":27,\"prompt_n\":1,"
            + "\"predicted_n\":2}}\n\n";

    /** {@code stop: ["world"]}: the stop word is withheld, {@code stop_type: word}. */
    static final String WORD = ""
            + "data: {\"index\":0,\"content\":\"Hello\",\"stop\":false,\"tokens_predicted\":1,"
            + "\"tokens_evaluated\":28}\n\n"
            + "data: {\"index\":0,\"content\":\",\",\"stop\":false,\"tokens_predicted\":2,"
            + "\"tokens_evaluated\":28}\n\n"
            + "data: {\"index\":0,\"content\":\" \",\"stop\":false,\"tokens_predicted\":3,"
            + "\"tokens_evaluated\":28,\"timings\":{\"cache_n\":27,\"prompt_n\":1,"
            + "\"predicted_n\":3}}\n\n"
            + "data: {\"index\":0,\"content\":\"\",\"stop\":true,\"model\":\"tiny-llama\","
            + "\"tokens_predicted\":3,\"tokens_evaluated\":28,\"truncated\":false,"
            + "\"stop_type\":\"word\",\"stopping_word\":\"world\",\"timings\":{\"cache_n\":27,"
            + "\"prompt_n\":1,\"predicted_n\":3}}\n\n";

    private final RecordingSink sink = new RecordingSink();
    private final CompletionDecoder decoder = new CompletionDecoder(OVERFLOW);

    /** Splits SSE text into events the way the engine hands them over, then ends the body. */
    private void feed(String sse) {
        feed(sse, sink, decoder);
    }

    private static void feed(String sse, RecordingSink sink, CompletionDecoder decoder) {
        for (String block : sse.split("\n\n")) {
            List<String> data = new ArrayList<>();
            for (String line : block.split("\n")) {
                if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                }
            }
            if (data.isEmpty() || sink.isEnded()) {
                continue;
            }
            byte[] payload = String.join("\n", data).getBytes(StandardCharsets.UTF_8);
            byte[] spare = Arrays.copyOf(payload, payload.length + 1);
            spare[payload.length] = '\n'; // the engine's one spare byte after the data
            decoder.event(null, spare, 0, payload.length, sink);
        }
        if (!sink.isEnded()) {
            decoder.end(sink);
        }
    }

    @Test
    @DisplayName("content streams as text; stop_type eos is a stop with the final usage")
    void eos() {
        feed(HELLO);
        assertEquals(List.of("text text Hello", "text text ,", "text text  world",
                "text text !"), sink.calls.stream().filter(c -> c.startsWith("text ")
                        && !c.equals("text text ")).toList());
        assertEquals(List.of("responseModel tiny-llama", "finish eos STOP", "end"),
                sink.outcome());
        assertEquals("usage in=28 out=5 cacheRead=0 cacheWrite=0 reasoning=0",
                lastUsage(), "timings win: prompt_n evaluated, predicted_n generated");
    }

    @Test
    @DisplayName("stop_type limit is a length stop; cached prompt tokens are cache reads")
    void limit() {
        feed(LIMIT);
        assertEquals(List.of("responseModel tiny-llama", "finish limit LENGTH", "end"),
                sink.outcome());
        assertEquals("usage in=1 out=2 cacheRead=27 cacheWrite=0 reasoning=0", lastUsage());
    }

    @Test
    @DisplayName("stop_type word (a stop sequence matched) is a stop")
    void word() {
        feed(WORD);
        assertEquals(List.of("responseModel tiny-llama", "finish word STOP", "end"),
                sink.outcome());
    }

    @Test
    @DisplayName("before the final object, usage comes from tokens_evaluated/tokens_predicted")
    void usageBeforeTheEnd() {
        feed(HELLO.substring(0, HELLO.indexOf("data: ", 10)));
        assertEquals("usage in=28 out=1 cacheRead=0 cacheWrite=0 reasoning=0", lastUsage());
    }

    @Test
    @DisplayName("a body that ends without stop: true is a protocol error, text kept")
    void truncatedStream() {
        feed(LIMIT.substring(0, LIMIT.lastIndexOf("data: ")));
        assertEquals(List.of("text text Hello", "text text ,"), sink.calls.stream()
                .filter(c -> c.startsWith("text ")).toList());
        assertEquals(List.of("error PROTOCOL the stream ended before the final object "
                + "('stop': true)"), sink.outcome());
    }

    @Test
    @DisplayName("an error object mid-stream ends it with the error's kind and message")
    void errorMidStream() {
        feed("data: {\"index\":0,\"content\":\"Hel\",\"stop\":false}\n\n"
                + "data: {\"error\":{\"code\":500,\"message\":\"Failed to decode the batch\","
                + "\"type\":\"server_error\"}}\n\n");
        assertEquals(List.of("error SERVER Failed to decode the batch"), sink.outcome());
    }

    @Test
    @DisplayName("error types map to kinds; the overflow text and type win")
    void errorKinds() {
        assertEquals("error AUTH Invalid API Key", errorOf(
                "{\"code\":401,\"message\":\"Invalid API Key\","
                + "\"type\":\"authentication_error\"}"));
        assertEquals("error INVALID_REQUEST bad", errorOf(
                "{\"code\":400,\"message\":\"bad\",\"type\":\"invalid_request_error\"}"));
        assertEquals("error MODEL_NOT_FOUND gone", errorOf(
                "{\"code\":404,\"message\":\"gone\",\"type\":\"not_found_error\"}"));
        assertEquals("error SERVER busy", errorOf(
                "{\"code\":503,\"message\":\"busy\",\"type\":\"unavailable_error\"}"));
        assertEquals("error CONTEXT_OVERFLOW too long", errorOf(
                "{\"code\":400,\"message\":\"too long\",\"type\":\"exceed_context_size_error\"}"));
        assertEquals("error CONTEXT_OVERFLOW request (78000 tokens) exceeds the available "
                + "context size (4096 tokens), try increasing it", errorOf("{\"code\":400,"
                + "\"message\":\"request (78000 tokens) exceeds the available context size "
                + "(4096 tokens), try increasing it\",\"type\":\"some_new_type\"}"));
        assertEquals("error RATE_LIMIT slow down", errorOf(
                "{\"code\":429,\"message\":\"slow down\"}"));
        assertEquals("error SERVER {\"code\":500}", errorOf("{\"code\":500}"));
    }

    private String errorOf(String error) {
        RecordingSink one = new RecordingSink();
        byte[] bytes = ("{\"error\":" + error + "}\n").getBytes(StandardCharsets.UTF_8);
        new CompletionDecoder(OVERFLOW).event(null, bytes, 0, bytes.length - 1, one);
        return String.join("|", one.calls);
    }

    @Test
    @DisplayName("a huge error message is cut")
    void hugeErrorMessage() {
        String message = errorOf("{\"code\":500,\"message\":\"" + "x".repeat(100_000) + "\"}");
        assertEquals("error SERVER ".length() + ServerErrors.MAX_MESSAGE_CHARS + 1,
                message.length());
    }

    @Test
    @DisplayName("invalid JSON, a non-object and trailing bytes are protocol errors")
    void notTheProtocol() {
        String cut = outcomeOf("data: {\"content\":\"Hel\n\n").get(0);
        assertTrue(cut.startsWith("error PROTOCOL invalid JSON in the stream (Unexpected "
                + "end-of-input"), cut);
        assertTrue(cut.endsWith("): {\"content\":\"Hel"), "the bad event is quoted: " + cut);
        assertEquals(List.of("error PROTOCOL a stream event is not a JSON object: [1,2]"),
                outcomeOf("data: [1,2]\n\n"));
        assertTrue(outcomeOf("data: {\"content\":\"a\"} {\"content\":\"b\"}\n\n").get(0)
                .startsWith("error PROTOCOL invalid JSON in the stream (Trailing token"));
    }

    private static List<String> outcomeOf(String sse) {
        RecordingSink one = new RecordingSink();
        feed(sse, one, new CompletionDecoder(OVERFLOW));
        return one.outcome();
    }

    @Test
    @DisplayName("stream: false answered with one JSON body decodes as one final object")
    void wholeBody() {
        byte[] body = ("{\"index\":0,\"content\":\"Hello, world!\",\"stop\":true,"
                + "\"model\":\"tiny-llama\",\"tokens_predicted\":5,\"tokens_evaluated\":28,"
                + "\"stop_type\":\"eos\",\"timings\":{\"cache_n\":27,\"prompt_n\":1,"
                + "\"predicted_n\":5}}").getBytes(StandardCharsets.UTF_8);
        decoder.body(body, "application/json", sink);
        assertEquals(List.of("text text Hello, world!", "responseModel tiny-llama",
                "usage in=1 out=5 cacheRead=27 cacheWrite=0 reasoning=0", "finish eos STOP",
                "end"), sink.calls);
    }

    @Test
    @DisplayName("an unknown stop_type is a stop, noted; a truncated prompt is noted")
    void deviations() {
        feed("data: {\"content\":\"\",\"stop\":true,\"stop_type\":\"none\","
                + "\"truncated\":true}\n\n");
        assertEquals(List.of("deviation unknown-stop-type: stop_type 'none' read as stop",
                "deviation prompt-truncated: the server cut the prompt to fit its context",
                "finish none STOP", "end"), sink.outcome());
    }

    @Test
    @DisplayName("without stop_type a final object is a stop with no raw reason")
    void noStopType() {
        feed("data: {\"content\":\"x\",\"stop\":true}\n\n");
        assertEquals(List.of("deviation unknown-stop-type: stop_type '' read as stop",
                "finish null STOP", "end"), sink.outcome());
    }

    private String lastUsage() {
        List<String> usages = sink.calls.stream().filter(c -> c.startsWith("usage ")).toList();
        return usages.get(usages.size() - 1);
    }
}
