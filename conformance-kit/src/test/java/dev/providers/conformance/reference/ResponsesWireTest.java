package dev.providers.conformance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reference server's {@code POST /responses} on the wire, per profile: the events it
 * streams and the refusals OpenAI's stateless rules make (docs/dialects/openai-responses.md §9).
 */
class ResponsesWireTest {

    private static final String WEATHER_STRICT = "{\"type\":\"object\",\"properties\":{\"city\":"
            + "{\"type\":\"string\"}},\"required\":[\"city\"],\"additionalProperties\":false}";

    private static void on(Profile profile, Consumer<ReferenceServer> test) {
        try (ReferenceServer server = ReferenceServer.start(profile, Harness.KEY,
                Duration.ZERO)) {
            test.accept(server);
        }
    }

    private static Http.Response post(ReferenceServer server, ObjectNode body) {
        return Http.post(server, "/v1/responses", Harness.KEY, body.toString().getBytes(
                StandardCharsets.UTF_8));
    }

    private static ObjectNode request(String model, String question) {
        ObjectNode body = Json.object();
        body.put("model", model);
        body.putArray("input").addObject().put("role", "user").putArray("content").addObject()
                .put("type", "input_text").put("text", question);
        body.put("stream", true);
        body.put("store", false);
        return body;
    }

    /** Returns the events of an SSE body: each {@code event:} name must match its type. */
    private static List<JsonNode> events(Http.Response response) {
        List<JsonNode> out = new ArrayList<>();
        String name = null;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                JsonNode event = response(line.substring(6));
                assertEquals(name, event.path("type").asText(), "event name and type");
                out.add(event);
            }
        }
        return out;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    @Test
    @DisplayName("OpenAI's events: sequence numbers, output indexes, encrypted reasoning")
    void conformantStream() {
        on(Profile.RESPONSES, server -> {
            ObjectNode body = request(Profile.DEFAULT_MODEL, "Reply with exactly: 'Hello'");
            body.putArray("include").add("reasoning.encrypted_content");
            body.putObject("reasoning").put("effort", "low").put("summary", "auto");
            List<JsonNode> events = events(post(server, body));
            List<String> types = types(events);
            assertEquals(List.of("response.created", "response.in_progress",
                    "response.output_item.added", "response.reasoning_summary_part.added"),
                    types.subList(0, 4));
            assertEquals("response.completed", types.get(types.size() - 1));
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i, events.get(i).path("sequence_number").asInt(), types.get(i));
            }
            JsonNode output = events.get(events.size() - 1).at("/response/output");
            assertEquals("reasoning", output.path(0).path("type").asText());
            assertTrue(output.path(0).path("encrypted_content").asText().startsWith("gAAAAA"));
            assertEquals("Hello", output.path(1).at("/content/0/text").asText());
            JsonNode usage = events.get(events.size() - 1).at("/response/usage");
            assertEquals(usage.path("input_tokens").asInt() + usage.path("output_tokens")
                    .asInt(), usage.path("total_tokens").asInt());
            assertTrue(usage.at("/output_tokens_details/reasoning_tokens").asInt() > 0);
        });
    }

    @Test
    @DisplayName("a cut at max_output_tokens ends with response.incomplete")
    void incomplete() {
        on(Profile.RESPONSES, server -> {
            ObjectNode body = request(Profile.LITE_MODEL, "Count from 1 to 3");
            body.put("max_output_tokens", 2);
            List<JsonNode> events = events(post(server, body));
            JsonNode last = events.get(events.size() - 1);
            assertEquals("response.incomplete", last.path("type").asText());
            assertEquals("max_output_tokens", last.at("/response/incomplete_details/reason")
                    .asText());
        });
    }

    @Test
    @DisplayName("OpenAI's refusals: unknown parameters, include without reasoning, strict "
            + "schemas")
    void refusals() {
        on(Profile.RESPONSES, server -> {
            ObjectNode stop = request(Profile.DEFAULT_MODEL, "Hi");
            stop.putArray("stop").add("END");
            Http.Response unknown = post(server, stop);
            assertEquals(400, unknown.status());
            assertEquals("Unknown parameter: 'stop'.", unknown.message());

            ObjectNode include = request(Profile.LITE_MODEL, "Hi");
            include.putArray("include").add("reasoning.encrypted_content");
            assertEquals("Encrypted content is not supported with this model.",
                    post(server, include).message());

            ObjectNode loose = request(Profile.DEFAULT_MODEL, "Weather?");
            loose.putArray("tools").addObject().put("type", "function").put("name",
                    "get_weather").set("parameters", Json.object().put("type", "object"));
            assertEquals("Invalid schema for function 'get_weather': In context=(), "
                    + "'additionalProperties' is required to be supplied and to be false.",
                    post(server, loose).message());
        });
    }

    @Test
    @DisplayName("stateless replay: a reasoning item needs its encrypted content and its "
            + "following item; a call issued with reasoning needs it back")
    void statelessReplay() {
        on(Profile.RESPONSES, server -> {
            ObjectNode first = request(Profile.DEFAULT_MODEL, "What is the weather in Paris? "
                    + "Use the get_weather tool.");
            first.putArray("include").add("reasoning.encrypted_content");
            first.putArray("tools").addObject().put("type", "function").put("name",
                    "get_weather").put("strict", true).set("parameters",
                    response(WEATHER_STRICT));
            List<JsonNode> events = events(post(server, first));
            JsonNode output = events.get(events.size() - 1).at("/response/output");
            JsonNode reasoning = output.path(0);
            JsonNode call = output.path(1);
            assertEquals("function_call", call.path("type").asText());
            ObjectNode outputItem = Json.object().put("type", "function_call_output")
                    .put("call_id", call.path("call_id").asText()).put("output", "sunny");

            ObjectNode replay = first.deepCopy();
            ArrayNode input = replay.withArray("input");
            input.add(reasoning).add(call).add(outputItem);
            assertEquals(200, post(server, replay).status());

            ObjectNode withoutReasoning = first.deepCopy();
            withoutReasoning.withArray("input").add(call).add(outputItem);
            assertEquals("Item '" + call.path("id").asText() + "' of type 'function_call' was "
                    + "provided without its required 'reasoning' item: '"
                    + reasoning.path("id").asText() + "'.",
                    post(server, withoutReasoning).message());

            ObjectNode bare = first.deepCopy();
            ObjectNode unsealed = ((ObjectNode) reasoning.deepCopy());
            unsealed.remove("encrypted_content");
            bare.withArray("input").add(unsealed).add(call).add(outputItem);
            Http.Response notFound = post(server, bare);
            assertEquals(404, notFound.status());
            assertTrue(notFound.message().contains("Items are not persisted when `store` is "
                    + "set to false."), notFound.message());

            ObjectNode tampered = first.deepCopy();
            ObjectNode forged = ((ObjectNode) reasoning.deepCopy());
            forged.put("id", "rs_other");
            tampered.withArray("input").add(forged).add(call.deepCopy()).add(outputItem);
            assertEquals("The encrypted content for item rs_other could not be verified.",
                    post(server, tampered).message());

            ObjectNode alone = first.deepCopy();
            alone.withArray("input").add(reasoning);
            assertEquals("Item '" + reasoning.path("id").asText() + "' of type 'reasoning' was "
                    + "provided without its required following item.",
                    post(server, alone).message());

            ObjectNode unanswered = first.deepCopy();
            unanswered.withArray("input").add(reasoning).add(call).addObject()
                    .put("role", "user").put("content", "And now?");
            assertEquals("No tool output found for function call "
                    + call.path("call_id").asText() + ".", post(server, unanswered).message());
        });
    }

    @Test
    @DisplayName("llama.cpp: items by item_id only, done events last, completed at the limit")
    void llamaCppShape() {
        on(Profile.RESPONSES_LLAMACPP, server -> {
            ObjectNode body = request("any-model", "Count from 1 to 3");
            body.put("max_output_tokens", 3);
            body.putObject("reasoning").put("effort", "low");
            List<JsonNode> events = events(post(server, body));
            for (JsonNode event : events) {
                assertFalse(event.has("output_index") || event.has("sequence_number"),
                        event.toString());
            }
            List<String> types = types(events);
            int lastDelta = Math.max(types.lastIndexOf("response.output_text.delta"),
                    types.lastIndexOf("response.reasoning_text.delta"));
            assertTrue(types.indexOf("response.output_item.done") > lastDelta, types.toString());
            JsonNode last = events.get(events.size() - 1);
            assertEquals("response.completed", last.path("type").asText());
            assertEquals("completed", last.at("/response/status").asText());
            assertTrue(last.has("timings"));
            assertTrue(last.at("/response/usage/output_tokens_details").isMissingNode());
            JsonNode reasoning = last.at("/response/output/0");
            assertEquals("reasoning_text", reasoning.at("/content/0/type").asText());
            assertEquals("", reasoning.path("encrypted_content").asText());

            ObjectNode replay = request("any-model", "Again");
            ObjectNode item = replay.withArray("input").insertObject(0);
            item.put("type", "reasoning").putArray("summary");
            Http.Response refused = post(server, replay);
            assertEquals(400, refused.status());
            assertEquals("item['content'] is not an array", refused.message());
        });
    }

    @Test
    @DisplayName("response.failed for an overflow; completed with status incomplete; no "
            + "encrypted reasoning")
    void deviationProfiles() {
        on(Profile.RESPONSES_FAILED, server -> {
            Http.Response overflow = post(server, request(Profile.DEFAULT_MODEL,
                    Fixtures.overflowFiller(ServedModel.CONTEXT_WINDOW)));
            assertEquals(200, overflow.status());
            List<JsonNode> events = events(overflow);
            JsonNode last = events.get(events.size() - 1);
            assertEquals("response.failed", last.path("type").asText());
            assertEquals("context_length_exceeded", last.at("/response/error/code").asText());
        });
        on(Profile.RESPONSES_INCOMPLETE, server -> {
            ObjectNode body = request(Profile.LITE_MODEL, "Count from 1 to 3");
            body.put("max_output_tokens", 2);
            List<JsonNode> events = events(post(server, body));
            JsonNode last = events.get(events.size() - 1);
            assertEquals("response.completed", last.path("type").asText());
            assertEquals("incomplete", last.at("/response/status").asText());
        });
        on(Profile.RESPONSES_NO_ENCRYPTED, server -> {
            ObjectNode body = request(Profile.DEFAULT_MODEL, "Hi");
            body.putArray("include").add("reasoning.encrypted_content");
            assertEquals("Encrypted content is not supported with this model.",
                    post(server, body).message());
            List<JsonNode> events = events(post(server, request(Profile.DEFAULT_MODEL, "Hi")));
            JsonNode reasoning = events.get(events.size() - 1).at("/response/output/0");
            assertEquals("reasoning", reasoning.path("type").asText());
            assertNull(reasoning.get("encrypted_content"));
        });
    }

    @Test
    @DisplayName("without stream: one response object")
    void wholeResponse() {
        on(Profile.RESPONSES, server -> {
            ObjectNode body = request(Profile.LITE_MODEL, "Reply with exactly: 'Hello'");
            body.put("stream", false);
            JsonNode response = post(server, body).json();
            assertEquals("response", response.path("object").asText());
            assertEquals("completed", response.path("status").asText());
            assertEquals("Hello", response.at("/output/0/content/0/text").asText());
        });
    }

    private static JsonNode response(String json) {
        try {
            return Json.parse(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
