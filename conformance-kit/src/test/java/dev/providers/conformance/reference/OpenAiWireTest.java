package dev.providers.conformance.reference;

import static dev.providers.conformance.reference.Requests.assistantCalls;
import static dev.providers.conformance.reference.Requests.body;
import static dev.providers.conformance.reference.Requests.toolResult;
import static dev.providers.conformance.reference.Requests.user;
import static dev.providers.conformance.reference.Requests.withTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The openai profile on the wire: validation errors, stream framing, non-streaming answers. */
class OpenAiWireTest {

    private static ReferenceServer server;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(Profile.OPENAI, Harness.KEY, Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void refusesWrongAndMissingKeysWithoutEchoingThem() {
        Http.Response wrong = Http.post(server, "sk-wrong-key-123456", body(user("Hi"))
                .toString());
        assertEquals(401, wrong.status());
        assertEquals("{\"error\":{\"message\":\"Incorrect API key provided: sk-...456.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\""
                + "}}", wrong.body());
        assertFalse(wrong.body().contains("sk-wrong-key-123456"));
        Http.Response missing = Http.post(server, null, body(user("Hi")).toString());
        assertEquals(401, missing.status());
        assertTrue(missing.message().startsWith("You didn't provide an API key."));
        assertEquals(200, Http.get(server, "/health", null).status());
    }

    @Test
    void refusesUnknownModelsAndPaths() {
        ObjectNode body = body(user("Hi")).put("model", "gpt-nope");
        Http.Response model = Http.post(server, body.toString());
        assertEquals(404, model.status());
        assertEquals("{\"error\":{\"message\":\"The model `gpt-nope` does not exist or you do "
                + "not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"model_not_found\"}}", model.body());
        Http.Response path = Http.post(server, "/v1/no-such-path/chat/completions", Harness.KEY,
                body(user("Hi")).toString().getBytes());
        assertEquals(404, path.status());
        assertEquals("Invalid URL (POST /v1/no-such-path/chat/completions)", path.message());
    }

    @Test
    void refusesMalformedBodies() {
        assertEquals(400, Http.post(server, "{\"model\": ").status());
        assertTrue(Http.post(server, "{\"model\": \"demo-chat\"} trailing").message()
                .startsWith("We could not parse the JSON body"));
        byte[] invalidUtf8 = ("{\"model\":\"demo-chat\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"\u00ff\"}]}").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(400, Http.post(server, "/v1/chat/completions", Harness.KEY, invalidUtf8)
                .status());
        String loneSurrogate = "{\"model\":\"demo-chat\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"a \\ud83d b\"}]}";
        assertTrue(Http.post(server, loneSurrogate).message().startsWith("We could not parse"));
        String pair = "{\"model\":\"demo-chat\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"a \\ud83d\\ude48 b\"}]}";
        assertEquals(200, Http.post(server, pair).status());
        assertEquals("Missing required parameter: 'messages'.", Http.post(server,
                "{\"model\":\"demo-chat\"}").message());
        assertEquals("Invalid 'messages': empty array. Expected an array with minimum length 1, "
                + "but got an empty array instead.", Http.post(server, body().toString())
                .message());
        assertEquals("Invalid value: 'robot'. Supported values are: 'system', 'assistant', "
                + "'user', 'function', 'tool', and 'developer'.", Http.post(server, body(
                Requests.message("robot", "beep")).toString()).message());
        assertEquals("Unrecognized request argument supplied: temprature", Http.post(server,
                body(user("Hi")).put("temprature", 0.5).toString()).message());
    }

    @Test
    void refusesBrokenToolHistoriesInOpenAisWords() {
        ObjectNode orphanResult = body(user("Hi"), toolResult("call_x", "42"));
        assertEquals("Invalid parameter: messages with role 'tool' must be a response to a "
                + "preceeding message with 'tool_calls'.", Http.post(server,
                orphanResult.toString()).message());
        ObjectNode unanswered = withTool(body(user("Weather in Paris?"), assistantCalls(
                "call_a", "get_weather", "{\"city\":\"Paris\"}", "call_b", "get_weather",
                "{\"city\":\"Rome\"}"), toolResult("call_a", "sunny"), user("And?")),
                "get_weather", Requests.WEATHER);
        Http.Response response = Http.post(server, unanswered.toString());
        assertEquals(400, response.status());
        assertEquals("An assistant message with 'tool_calls' must be followed by tool messages "
                + "responding to each 'tool_call_id'. The following tool_call_ids did not have "
                + "response messages: call_b", response.message());
        ObjectNode emptyTools = body(user("Weather?"), assistantCalls("call_a", "get_weather",
                "{}"), toolResult("call_a", "sunny"), user("Thanks"));
        emptyTools.putArray("tools");
        Http.Response refused = Http.post(server, emptyTools.toString());
        assertEquals("Invalid 'tools': empty array. Expected an array with minimum length 1, "
                + "but got an empty array instead.", refused.message());
        assertEquals("empty_array", refused.json().path("error").path("code").asText());
    }

    @Test
    void refusesOverflowWithTheClassicText() {
        Http.Response response = Http.post(server, body(user(Fixtures.overflowFiller(
                ServedModel.CONTEXT_WINDOW))).toString());
        assertEquals(400, response.status());
        assertTrue(response.message().matches("This model's maximum context length is 16384 "
                + "tokens\\. However, your messages resulted in \\d+ tokens\\. Please reduce the "
                + "length of the messages\\."), response.message());
        assertEquals("context_length_exceeded", response.json().path("error").path("code")
                .asText());
    }

    @Test
    void streamsLikeOpenAi() {
        ObjectNode body = body(user("Count from 1 to 3")).put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        Http.Response response = Http.post(server, body.toString());
        assertEquals(200, response.status());
        assertTrue(response.contentType().startsWith("text/event-stream"));
        assertTrue(response.body().endsWith("data: [DONE]\n\n"));
        List<JsonNode> chunks = response.chunks();
        JsonNode first = chunks.get(0);
        assertEquals("chat.completion.chunk", first.path("object").asText());
        assertEquals("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}",
                first.path("choices").path(0).path("delta").toString());
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks.subList(1, chunks.size() - 2)) {
            text.append(chunk.path("choices").path(0).path("delta").path("content").asText());
            assertTrue(chunk.path("usage").isNull());
        }
        assertEquals("1, 2, 3", text.toString());
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertEquals("{}", finish.path("choices").path(0).path("delta").toString());
        assertEquals("stop", finish.path("choices").path(0).path("finish_reason").asText());
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertEquals(0, usage.path("choices").size());
        assertEquals(5, usage.path("usage").path("completion_tokens").asInt());
        assertEquals(usage.path("usage").path("prompt_tokens").asInt() + 5,
                usage.path("usage").path("total_tokens").asInt());
        for (JsonNode chunk : chunks) {
            assertEquals(first.path("id"), chunk.path("id"));
        }
    }

    @Test
    void sendsNoUsageWithoutIncludeUsage() {
        Http.Response response = Http.post(server, body(user("Count from 1 to 3"))
                .put("stream", true).toString());
        List<JsonNode> chunks = response.chunks();
        for (JsonNode chunk : chunks) {
            assertFalse(chunk.has("usage"), chunk.toString());
        }
        assertEquals("stop", chunks.get(chunks.size() - 1).path("choices").path(0)
                .path("finish_reason").asText());
    }

    @Test
    void streamsToolCallsHeaderThenFragments() {
        ObjectNode body = withTool(body(user("Calculate 42 * 17 and 453 + 434 using the "
                + "math_operation tool.")), "math_operation", Requests.MATH).put("stream", true);
        List<JsonNode> chunks = Http.post(server, body.toString()).chunks();
        JsonNode header = chunks.get(1).path("choices").path(0).path("delta").path("tool_calls")
                .path(0);
        assertEquals(0, header.path("index").asInt());
        assertTrue(header.path("id").asText().matches("call_[A-Za-z0-9]{24}"));
        assertEquals("function", header.path("type").asText());
        assertEquals("math_operation", header.path("function").path("name").asText());
        assertEquals("", header.path("function").path("arguments").asText());
        StringBuilder[] arguments = {new StringBuilder(), new StringBuilder()};
        for (JsonNode chunk : chunks) {
            for (JsonNode call : chunk.path("choices").path(0).path("delta").path("tool_calls")) {
                arguments[call.path("index").asInt()].append(call.path("function")
                        .path("arguments").asText());
            }
        }
        assertEquals("{\"a\":42,\"b\":17,\"operation\":\"multiply\"}", arguments[0].toString());
        assertEquals("{\"a\":453,\"b\":434,\"operation\":\"add\"}", arguments[1].toString());
        assertEquals("tool_calls", chunks.get(chunks.size() - 1).path("choices").path(0)
                .path("finish_reason").asText());
    }

    @Test
    void answersWithoutStreaming() {
        JsonNode completion = Http.post(server, body(user("Reply with exactly: 'Hi there'"))
                .toString()).json();
        assertEquals("chat.completion", completion.path("object").asText());
        assertEquals("Hi there", completion.path("choices").path(0).path("message")
                .path("content").asText());
        assertEquals("stop", completion.path("choices").path(0).path("finish_reason").asText());
        assertTrue(completion.path("usage").path("prompt_tokens").asInt() > 0);
    }

    @Test
    void listsModelsAndAnswersWithoutV1() {
        JsonNode models = Http.get(server, "/v1/models", Harness.KEY).json();
        assertEquals("demo-chat", models.path("data").path(0).path("id").asText());
        assertEquals(200, Http.post(server, "/chat/completions", Harness.KEY,
                body(user("Hi")).toString().getBytes()).status());
        assertEquals(401, Http.get(server, "/v1/models", "sk-bad-key-0000").status());
    }

    @Test
    void refusesFieldsAModelDoesNotTake() {
        ObjectNode lite = body(user("Hi")).put("model", "demo-lite").put("reasoning_effort",
                "low");
        assertEquals("unsupported_parameter", Http.post(server, lite.toString()).json()
                .path("error").path("code").asText());
        ObjectNode image = body(Requests.userWithImage("What is this?", Fixtures.redCircle()))
                .put("model", "demo-lite");
        assertEquals(400, Http.post(server, image.toString()).status());
    }
}
