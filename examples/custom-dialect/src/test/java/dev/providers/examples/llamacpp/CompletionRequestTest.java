package dev.providers.examples.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.providers.engine.ResponseFormat;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.Tool;
import dev.providers.engine.spi.DialectRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CompletionRequestTest {

    private static final Context HI = Context.ofUser("Say hello.");

    private static String body(DialectRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the least request: prompt, stream, the model's n_predict, cache_prompt")
    void defaults() {
        DialectRequest request = CompletionRequest.encode(NativeCompat.DEFAULTS, 64, HI,
                StreamOptions.defaults());
        assertEquals("{\"prompt\":\"<|im_start|>user\\nSay hello.<|im_end|>\\n"
                + "<|im_start|>assistant\\n\",\"stream\":true,\"n_predict\":64,"
                + "\"cache_prompt\":true}", body(request));
        assertEquals("completion", request.path());
        assertEquals("text/event-stream", request.accept());
        assertEquals(Map.of(), request.query());
        assertEquals(Map.of(), request.headers());
        assertEquals(64, request.maxTokens());
        assertEquals(15, request.estimatedPromptTokens(), "60 characters, about 4 per token");
    }

    @Test
    @DisplayName("every option in its native field, the template's stops after the caller's")
    void everyOption() {
        StreamOptions options = StreamOptions.builder().maxTokens(2).temperature(0)
                .topP(0.5).presencePenalty(0.25).frequencyPenalty(-0.5).seed(42)
                .stop(List.of("world", "\nUser:")).responseFormat(ResponseFormat.JSON_OBJECT)
                .build();
        DialectRequest request = CompletionRequest.encode(new NativeCompat(PromptTemplate.PLAIN,
                false), 64, HI, options);
        assertEquals("{\"prompt\":\"User: Say hello.\\nAssistant:\",\"stream\":true,"
                + "\"n_predict\":2,\"cache_prompt\":false,\"stop\":[\"world\",\"\\nUser:\"],"
                + "\"temperature\":0.0,\"top_p\":0.5,\"presence_penalty\":0.25,"
                + "\"frequency_penalty\":-0.5,\"seed\":42,"
                + "\"json_schema\":{\"type\":\"object\"}}", body(request));
        assertEquals(2, request.maxTokens(), "the caller's limit wins over the model's");
    }

    @Test
    @DisplayName("without any limit n_predict is left out")
    void noLimit() {
        DialectRequest request = CompletionRequest.encode(NativeCompat.DEFAULTS, null, HI,
                StreamOptions.defaults());
        assertEquals(-1, body(request).indexOf("n_predict"), body(request));
        assertNull(request.maxTokens());
    }

    @Test
    @DisplayName("a JSON schema response format becomes json_schema; text sends nothing")
    void responseFormats() {
        ResponseFormat schema = ResponseFormat.jsonSchema("answer", Map.of("type", "object",
                "required", List.of("x")), true);
        assertEquals("{\"prompt\":\"<|im_start|>assistant\\n\",\"stream\":true,"
                + "\"cache_prompt\":true,\"json_schema\":{\"type\":\"object\","
                + "\"required\":[\"x\"]}}", sorted(CompletionRequest.encode(
                        NativeCompat.DEFAULTS, null, new Context(null, List.of(), List.of()),
                        StreamOptions.builder().responseFormat(schema).build())));
        assertEquals(-1, body(CompletionRequest.encode(NativeCompat.DEFAULTS, null, HI,
                StreamOptions.builder().responseFormat(ResponseFormat.TEXT).build()))
                .indexOf("json_schema"));
    }

    /** Returns the body with the schema's keys in a fixed order (Map.of has none). */
    private static String sorted(DialectRequest request) {
        return body(request).replace("{\"required\":[\"x\"],\"type\":\"object\"}",
                "{\"type\":\"object\",\"required\":[\"x\"]}");
    }

    @Test
    @DisplayName("extraBody adds native fields last, overrides ours, and null removes one")
    void extraBody() {
        StreamOptions options = StreamOptions.builder().extraBody("top_k", 1)
                .extraBody("cache_prompt", null).extraBody("n_predict", 7)
                .extraBody("samplers", List.of("top_k")).build();
        assertEquals("{\"prompt\":\"<|im_start|>user\\nSay hello.<|im_end|>\\n"
                + "<|im_start|>assistant\\n\",\"stream\":true,\"n_predict\":7,"
                + "\"top_k\":1,\"samplers\":[\"top_k\"]}", body(CompletionRequest.encode(
                        NativeCompat.DEFAULTS, 64, HI, options)));
    }

    @Test
    @DisplayName("a context with tools cannot be encoded")
    void tools() {
        Tool tool = Tool.of("get_time", "The time", Map.of("type", "object"));
        assertThrows(IllegalArgumentException.class, () -> CompletionRequest.encode(
                NativeCompat.DEFAULTS, 64, HI.withTools(List.of(tool)),
                StreamOptions.defaults()));
    }
}
