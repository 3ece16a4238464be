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
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each profile's deviation as bytes on the wire. */
class ProfilesWireTest {

    @Test
    void azureSendsFilterChunks() {
        on(Profile.AZURE, server -> {
            List<JsonNode> chunks = stream(server, body(user("Count from 1 to 3")));
            JsonNode first = chunks.get(0);
            assertEquals(0, first.path("choices").size());
            assertTrue(first.has("prompt_filter_results"));
            JsonNode content = chunks.get(2);
            assertEquals("safe", content.path("choices").path(0).path("content_filter_results")
                    .path("hate").path("severity").asText());
            assertTrue(content.has("obfuscation"));
            JsonNode trailing = chunks.get(chunks.size() - 2);
            assertFalse(trailing.path("choices").path(0).has("delta"));
            assertTrue(trailing.path("choices").path(0).has("content_filter_offsets"));
        });
    }

    @Test
    void openRouterSendsCommentsReasoningAndInStreamErrors() {
        on(Profile.OPENROUTER, server -> {
            ObjectNode thinking = body(user("Count from 1 to 3")).put("reasoning_effort", "low");
            Http.Response response = post(server, thinking);
            assertTrue(response.body().startsWith(": OPENROUTER PROCESSING\n\n"));
            JsonNode reasoning = response.chunks().get(1).path("choices").path(0).path("delta");
            assertFalse(reasoning.path("reasoning").asText().isEmpty());
            assertEquals("reasoning.text", reasoning.path("reasoning_details").path(0)
                    .path("type").asText());
            Http.Response overflow = post(server, body(user(Fixtures.overflowFiller(
                    ServedModel.CONTEXT_WINDOW))));
            assertEquals(200, overflow.status());
            JsonNode error = overflow.chunks().get(0);
            assertEquals(400, error.path("error").path("code").asInt());
            assertEquals("error", error.path("choices").path(0).path("finish_reason").asText());
            assertTrue(overflow.body().endsWith("data: [DONE]\n\n"));
        });
    }

    @Test
    void mistralSendsWholeCallsWithoutIndexAndChecksIds() {
        on(Profile.MISTRAL, server -> {
            ObjectNode body = withTool(body(user("Calculate 42 * 17 and 453 + 434 using the "
                    + "math_operation tool.")), "math_operation", Requests.MATH);
            List<JsonNode> chunks = stream(server, body);
            JsonNode call = chunks.get(1).path("choices").path(0).path("delta")
                    .path("tool_calls").path(0);
            assertFalse(call.has("index"));
            assertFalse(call.has("type"));
            assertTrue(call.path("id").asText().matches("[A-Za-z0-9]{9}"));
            assertEquals("{\"a\":42,\"b\":17,\"operation\":\"multiply\"}",
                    call.path("function").path("arguments").asText());
            ObjectNode replay = withTool(body(user("Weather?"), assistantCalls("call_abc",
                    "get_weather", "{}"), toolResult("call_abc", "sunny")), "get_weather",
                    Requests.WEATHER);
            Http.Response refused = Http.post(server, replay.toString());
            assertEquals(400, refused.status());
            assertEquals("{\"object\":\"error\",\"message\":\"Tool call id was call_abc but "
                    + "must be a-z, A-Z, 0-9, with a length of 9.\",\"type\":"
                    + "\"invalid_function_call\",\"param\":null,\"code\":\"3280\"}",
                    refused.body());
        });
    }

    @Test
    void groqPutsUsageInXGroqAndRefusesNameAndLogprobs() {
        on(Profile.GROQ, server -> {
            List<JsonNode> chunks = stream(server, body(user("Count from 1 to 3")));
            for (JsonNode chunk : chunks) {
                assertFalse(chunk.has("usage"), chunk.toString());
            }
            JsonNode last = chunks.get(chunks.size() - 1);
            assertEquals(5, last.path("x_groq").path("usage").path("completion_tokens")
                    .asInt());
            ObjectNode named = withTool(body(user("Weather?"), assistantCalls("call_abc",
                    "get_weather", "{}"), toolResult("call_abc", "sunny").put("name",
                    "get_weather")), "get_weather", Requests.WEATHER);
            assertEquals("'messages.2' : for 'role:tool' the following must be satisfied"
                    + "[('messages.2.name' : property 'name' is unsupported)]",
                    Http.post(server, named.toString()).message());
            assertEquals("property 'logprobs' is unsupported", Http.post(server,
                    body(user("Hi")).put("logprobs", true).toString()).message());
        });
    }

    @Test
    void deepSeekRefusesTheDeveloperRoleLikeSerde() {
        on(Profile.DEEPSEEK, server -> {
            Http.Response response = Http.post(server, body(Requests.message("developer",
                    "Be brief."), user("Hi")).toString());
            assertEquals(400, response.status());
            assertTrue(response.message().matches("Failed to deserialize the JSON body into the "
                    + "target type: messages\\[0\\]\\.role: unknown variant `developer`, expected "
                    + "one of `system`, `user`, `assistant`, `tool` at line 1 column \\d+"),
                    response.message());
        });
    }

    @Test
    void llamaCppSendsHeartbeatsAndTimingsAndIsLenient() {
        on(Profile.LLAMACPP, server -> {
            Http.Response response = post(server, body(user("Count from 1 to 3")));
            assertTrue(response.body().startsWith(":\n\n:\n\ndata: "), response.body());
            List<JsonNode> chunks = response.chunks();
            assertTrue(chunks.get(0).path("choices").path(0).path("delta").path("content")
                    .isNull());
            JsonNode finish = chunks.get(chunks.size() - 2);
            assertEquals("stop", finish.path("choices").path(0).path("finish_reason").asText());
            assertTrue(finish.has("timings"));
            Http.Response malformed = Http.post(server, "{\"model\": ");
            assertEquals(500, malformed.status());
            assertEquals("server_error", malformed.json().path("error").path("type").asText());
            assertEquals(200, Http.post(server, body(user("Hi")).put("model", "any")
                    .put("unknown_field", 1).toString()).status());
            assertEquals("{\"error\":{\"code\":401,\"message\":\"Invalid API Key\",\"type\":"
                    + "\"authentication_error\"}}", Http.post(server, "bad-key",
                    body(user("Hi")).toString()).body());
        });
    }

    @Test
    void localAiNeverSendsAFinishReason() {
        on(Profile.LOCALAI, server -> {
            List<JsonNode> chunks = stream(server, body(user("Count from 1 to 3")));
            for (JsonNode chunk : chunks) {
                assertTrue(chunk.path("choices").path(0).path("finish_reason").isNull());
            }
            assertEquals(0, chunks.get(1).path("usage").path("completion_tokens").asInt());
            assertEquals(5, chunks.get(chunks.size() - 1).path("usage")
                    .path("completion_tokens").asInt());
        });
    }

    @Test
    void fieldProfilesRefuseTheirField() {
        on(Profile.NO_DEVELOPER_ROLE, server -> assertEquals("Invalid value: 'developer'. "
                + "Supported values are: 'system', 'assistant', 'user', and 'tool'.",
                Http.post(server, body(Requests.message("developer", "Hi"), user("Hi"))
                        .toString()).message()));
        on(Profile.NO_MAX_COMPLETION_TOKENS, server -> assertEquals("Unrecognized request "
                + "argument supplied: max_completion_tokens", Http.post(server, body(user("Hi"))
                .put("max_completion_tokens", 5).toString()).message()));
        on(Profile.NO_STORE, server -> assertEquals("Unrecognized request argument supplied: "
                + "store", Http.post(server, body(user("Hi")).put("store", false).toString())
                .message()));
        on(Profile.NO_STREAM_OPTIONS, server -> {
            Http.Response response = post(server, body(user("Hi")));
            assertEquals("Unrecognized request argument supplied: stream_options",
                    response.message());
        });
    }

    @Test
    void thinkTagsGoIntoTheContent() {
        on(Profile.THINK_TAGS, server -> {
            List<JsonNode> chunks = stream(server, body(user("Count from 1 to 3"))
                    .put("reasoning_effort", "low"));
            StringBuilder content = new StringBuilder();
            for (JsonNode chunk : chunks) {
                JsonNode delta = chunk.path("choices").path(0).path("delta");
                assertFalse(delta.has("reasoning_content"));
                content.append(delta.path("content").asText(""));
            }
            assertTrue(content.toString().startsWith("<think>"));
            assertTrue(content.toString().endsWith("</think>\n\n1, 2, 3"));
        });
    }

    @Test
    void xaiCountsReasoningOutsideCompletionTokens() {
        on(Profile.XAI, server -> {
            List<JsonNode> chunks = stream(server, body(user("Count from 1 to 3"))
                    .put("reasoning_effort", "low"));
            JsonNode usage = chunks.get(chunks.size() - 1).path("usage");
            int reasoning = usage.path("completion_tokens_details").path("reasoning_tokens")
                    .asInt();
            assertTrue(reasoning > 0);
            assertEquals(5, usage.path("completion_tokens").asInt());
            assertEquals(usage.path("prompt_tokens").asInt() + 5 + reasoning,
                    usage.path("total_tokens").asInt());
        });
    }

    @Test
    void ollamaRepeatsTheRoleAndTruncatesSilently() {
        on(Profile.OLLAMA, server -> {
            List<JsonNode> chunks = stream(server, body(user("Count from 1 to 3")));
            assertEquals("assistant", chunks.get(0).path("choices").path(0).path("delta")
                    .path("role").asText());
            assertEquals("1", chunks.get(0).path("choices").path(0).path("delta")
                    .path("content").asText());
            Http.Response overflow = Http.post(server, body(user(Fixtures.overflowFiller(
                    ServedModel.CONTEXT_WINDOW))).toString());
            assertEquals(200, overflow.status());
            assertTrue(overflow.json().path("usage").path("prompt_tokens").asInt()
                    <= Overflow.TRUNCATED_TOKENS);
        });
    }

    @Test
    void everyProfileAnswersWithoutStreaming() {
        for (Profile profile : Profile.values()) {
            if (!profile.api().equals(Profile.CHAT_COMPLETIONS)) {
                continue; // a chat-completions body; other dialects test their own
            }
            on(profile, server -> {
                ObjectNode body = withTool(body(user("What is the weather in Paris? Use the "
                        + "get_weather tool.")), "get_weather", Requests.WEATHER);
                JsonNode completion = Http.post(server, body.toString()).json();
                assertEquals("chat.completion", completion.path("object").asText(),
                        profile.id());
                JsonNode call = completion.path("choices").path(0).path("message")
                        .path("tool_calls").path(0);
                assertEquals("{\"city\":\"Paris\"}", call.path("function").path("arguments")
                        .asText(), profile.id());
                assertTrue(completion.path("usage").path("total_tokens").asInt() > 0);
            });
        }
    }

    private static void on(Profile profile, Consumer<ReferenceServer> test) {
        try (ReferenceServer server = ReferenceServer.start(profile, Harness.KEY,
                Duration.ZERO)) {
            test.accept(server);
        }
    }

    /** Posts a streaming request with usage on. */
    private static Http.Response post(ReferenceServer server, ObjectNode body) {
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        return Http.post(server, body.toString());
    }

    private static List<JsonNode> stream(ReferenceServer server, ObjectNode body) {
        Http.Response response = post(server, body);
        assertEquals(200, response.status(), response.body());
        assertTrue(response.body().endsWith("data: [DONE]\n\n"));
        return response.chunks();
    }
}
