package dev.providers.conformance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The Gemini routes of the reference server on the wire: Google's framing, its error bodies and
 * the checks the API makes, each deviation profile's exact difference.
 */
class GeminiWireTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final String WEATHER_TOOL = """
            "tools": [{"functionDeclarations": [{"name": "get_weather",
              "description": "Weather", "parametersJsonSchema": {"type": "object",
              "properties": {"city": {"type": "string"}}, "required": ["city"]}}]}]""";

    /** A response: status, content type, body. */
    private record Answer(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return Json.parse(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** Returns the payloads of the events, which end with a blank CRLF line. */
        List<JsonNode> events() {
            List<JsonNode> out = new ArrayList<>();
            for (String event : body.split("\r\n\r\n")) {
                if (!event.isEmpty()) {
                    assertTrue(event.startsWith("data: "), event);
                    try {
                        out.add(Json.parse(event.substring(6)));
                    } catch (IOException e) {
                        throw new AssertionError(event, e);
                    }
                }
            }
            return out;
        }

        String message() {
            JsonNode root = json();
            return (root.isArray() ? root.get(0) : root).path("error").path("message").asText();
        }
    }

    private static Answer send(ReferenceServer server, String method, String path,
            @Nullable String key, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl()
                + path)).timeout(Duration.ofSeconds(20)).header("Content-Type",
                "application/json").method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("x-goog-api-key", key);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers()
                    .firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Answer stream(ReferenceServer server, String model, String body) {
        return send(server, "POST", "/models/" + model + ":streamGenerateContent?alt=sse",
                Harness.KEY, body);
    }

    private static void on(Profile profile, Consumer<ReferenceServer> test) {
        try (ReferenceServer server = ReferenceServer.start(profile, Harness.KEY,
                Duration.ZERO)) {
            test.accept(server);
        }
    }

    private static String user(String text) {
        return "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"" + text
                + "\"}]}]}";
    }

    @Test
    void aTextAnswerIsGeminisChunksWithUsageOnEachAndTheFinishOnTheLast() {
        on(Profile.GEMINI, server -> {
            assertTrue(server.baseUrl().toString().endsWith("/v1beta"));
            Answer answer = stream(server, "demo-chat", user("Count from 1 to 3"));
            assertEquals(200, answer.status());
            assertEquals("text/event-stream", answer.contentType());
            assertFalse(answer.body().contains("[DONE]"), "Gemini has no end marker");
            List<JsonNode> events = answer.events();
            assertEquals("1", events.get(0).at("/candidates/0/content/parts/0/text").asText());
            assertEquals("model", events.get(0).at("/candidates/0/content/role").asText());
            for (JsonNode event : events) {
                assertTrue(event.path("usageMetadata").has("promptTokenCount"));
                assertEquals("demo-chat", event.path("modelVersion").asText());
                assertEquals(events.get(0).path("responseId"), event.path("responseId"));
            }
            JsonNode last = events.get(events.size() - 1);
            assertEquals("STOP", last.at("/candidates/0/finishReason").asText());
            assertEquals(5, last.at("/usageMetadata/candidatesTokenCount").asInt(),
                    "1 , 2 , 3: five pieces");
        });
    }

    @Test
    void callsComeWholeWithIdsAndTheFirstSignedByAThinkingModel() {
        on(Profile.GEMINI, server -> {
            Answer answer = stream(server, "demo-chat", "{\"contents\": [{\"role\": \"user\","
                    + "\"parts\": [{\"text\": \"Weather in Paris and Rome? Use the get_weather "
                    + "tool.\"}]}]," + WEATHER_TOOL + ", \"toolConfig\": {\"functionCallingConfig"
                    + "\": {\"mode\": \"ANY\"}}}");
            JsonNode last = answer.events().get(answer.events().size() - 1);
            JsonNode parts = last.at("/candidates/0/content/parts");
            assertEquals("get_weather", parts.get(0).at("/functionCall/name").asText());
            assertEquals("Paris", parts.get(0).at("/functionCall/args/city").asText());
            assertTrue(parts.get(0).at("/functionCall/id").asText().startsWith("call_"));
            assertTrue(ThoughtSignatures.isValid(parts.get(0).path("thoughtSignature")
                    .asText()));
            assertEquals("STOP", last.at("/candidates/0/finishReason").asText(),
                    "Gemini stops with STOP when it calls functions");
        });
        on(Profile.GEMINI_NO_CALL_IDS, server -> {
            JsonNode call = stream(server, "demo-chat", "{\"contents\": [{\"role\": \"user\","
                    + "\"parts\": [{\"text\": \"Weather in Paris? Use the get_weather tool.\"}]}],"
                    + WEATHER_TOOL + "}").events().get(0).at("/candidates/0/content/parts/0");
            assertFalse(call.path("functionCall").has("id"));
        });
    }

    @Test
    void withoutAltSseTheChunksComeAsOneArrayAndGenerateContentAsOneResponse() {
        on(Profile.GEMINI, server -> {
            Answer array = send(server, "POST", "/models/demo-chat:streamGenerateContent",
                    Harness.KEY, user("Count from 1 to 3"));
            assertTrue(array.contentType().startsWith("application/json"));
            assertTrue(array.json().isArray() && array.json().size() > 1);
            Answer one = send(server, "POST", "/models/demo-chat:generateContent", Harness.KEY,
                    user("Count from 1 to 3"));
            assertEquals("1, 2, 3", one.json().at("/candidates/0/content/parts/0/text")
                    .asText());
            assertEquals("STOP", one.json().at("/candidates/0/finishReason").asText());
        });
    }

    @Test
    void theKeyIsCheckedInGooglesWords() {
        on(Profile.GEMINI, server -> {
            Answer missing = send(server, "POST", "/models/demo-chat:streamGenerateContent",
                    null, user("hi"));
            assertEquals(403, missing.status());
            assertEquals("PERMISSION_DENIED", missing.json().at("/error/status").asText());
            Answer wrong = send(server, "POST", "/models/demo-chat:streamGenerateContent",
                    "AIza-wrong", user("hi"));
            assertEquals(400, wrong.status());
            assertEquals("API key not valid. Please pass a valid API key.", wrong.message());
            assertEquals("API_KEY_INVALID", wrong.json().at("/error/details/0/reason")
                    .asText());
            assertFalse(wrong.body().contains("AIza-wrong"));
        });
        on(Profile.GEMINI_ERROR_ARRAY, server -> {
            Answer wrong = send(server, "POST", "/models/demo-chat:streamGenerateContent",
                    "AIza-wrong", user("hi"));
            assertTrue(wrong.json().isArray() && wrong.json().size() == 1, wrong.body());
            assertEquals("INVALID_ARGUMENT", wrong.json().at("/0/error/status").asText());
        });
    }

    @Test
    void modelsAreListedPageByPage() {
        on(Profile.GEMINI, server -> {
            JsonNode first = send(server, "GET", "/models?pageSize=1", Harness.KEY, null).json();
            assertEquals("models/demo-chat", first.at("/models/0/name").asText());
            assertEquals(ServedModel.CONTEXT_WINDOW, first.at("/models/0/inputTokenLimit")
                    .asInt());
            assertEquals(ServedModel.MAX_TOKENS, first.at("/models/0/outputTokenLimit").asInt());
            String token = first.path("nextPageToken").asText();
            JsonNode second = send(server, "GET", "/models?pageSize=1&pageToken=" + token,
                    Harness.KEY, null).json();
            assertEquals("models/demo-lite", second.at("/models/0/name").asText());
            assertFalse(second.has("nextPageToken"));
            assertEquals(2, send(server, "GET", "/models", Harness.KEY, null).json()
                    .path("models").size());
            assertEquals("models/demo-lite", send(server, "GET", "/models/demo-lite",
                    Harness.KEY, null).json().path("name").asText());
            Answer html = send(server, "GET", "/no-such-path", Harness.KEY, null);
            assertEquals(404, html.status());
            assertTrue(html.contentType().startsWith("text/html"));
        });
    }

    @Test
    void requestsAreCheckedAsGeminiChecksThem() {
        on(Profile.GEMINI, server -> {
            assertRefused(server, "{\"contents\": [], \"foo\": 1}", 400,
                    "Invalid JSON payload received. Unknown name \"foo\": Cannot find field.");
            assertRefused(server, "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": "
                    + "\"a\", \"bogus\": 1}]}]}", 400, "Invalid JSON payload received. Unknown "
                    + "name \"bogus\" at 'contents[0].parts[0]': Cannot find field.");
            assertRefused(server, "{\"contents\": []}", 400,
                    "* GenerateContentRequest.contents: contents is not specified\n");
            assertRefused(server, "{\"contents\": [{\"role\": \"assistant\", \"parts\": [{"
                    + "\"text\": \"a\"}]}]}", 400, "Please use a valid role: user, model.");
            assertRefused(server, "{\"contents\": [{\"role\": \"user\", \"parts\": []}]}", 400,
                    "* GenerateContentRequest.contents[0].parts: contents.parts must not be "
                    + "empty.\n");
            assertRefused(server, "{\"contents\": [{\"role\": \"user\", \"parts\": [{"
                    + "\"functionResponse\": {\"name\": \"f\", \"response\": {}}}]}]}", 400,
                    "Please ensure that function response turn comes immediately after a "
                    + "function call turn.");
            assertRefused(server, "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": "
                    + "\"a\"}]}, {\"role\": \"model\", \"parts\": [{\"functionCall\": {\"name\": "
                    + "\"f\", \"args\": {}}, \"thoughtSignature\": \"skip_thought_signature_"
                    + "validator\"}, {\"functionCall\": {\"name\": \"f\", \"args\": {}}}]}, "
                    + "{\"role\": \"user\", \"parts\": [{\"functionResponse\": {\"name\": \"f\", "
                    + "\"response\": {}}}]}]}", 400, "Please ensure that the number of function "
                    + "response parts is equal to the number of function call parts of the "
                    + "function call turn.");
            assertRefused(server, "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": "
                    + "\"a\"}]}], \"generationConfig\": {\"thinkingConfig\": {\"thinkingBudget"
                    + "\": 10, \"thinkingLevel\": \"low\"}}}", 400, "Thinking budget and "
                    + "thinking level cannot both be set.");
            assertRefused(server, "demo-lite", "{\"contents\": [{\"role\": \"user\", \"parts\": "
                    + "[{\"text\": \"a\"}]}], \"generationConfig\": {\"thinkingConfig\": {"
                    + "\"thinkingBudget\": 10}}}", 400, "Thinking is not supported for this "
                    + "model.");
            assertRefused(server, "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": "
                    + "\"a\"}]}], \"tools\": [{\"functionDeclarations\": [{\"name\": \"f\", "
                    + "\"parameters\": {\"type\": \"OBJECT\", \"properties\": {}}}]}]}", 400,
                    "* GenerateContentRequest.tools[0].function_declarations[0].parameters."
                    + "properties: should be non-empty for OBJECT type\n");
            assertRefused(server, "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": "
                    + "\"a\"}]}], \"tools\": [{\"functionDeclarations\": [{\"name\": \"f\", "
                    + "\"parameters\": {\"type\": \"object\", \"additionalProperties\": false}}]}"
                    + "]}", 400, "Invalid JSON payload received. Unknown name "
                    + "\"additionalProperties\" at 'tools[0].function_declarations[0]."
                    + "parameters': Cannot find field.");
            // snake_case is proto JSON too
            assertEquals(200, stream(server, "demo-chat", "{\"contents\": [{\"role\": \"user\", "
                    + "\"parts\": [{\"text\": \"hi\"}]}], \"generation_config\": {"
                    + "\"max_output_tokens\": 5}}").status());
        });
    }

    @Test
    void aThinkingModelRefusesAnUnsignedCallOfTheCurrentTurnButNotOfAnEarlierOne() {
        String call = "{\"role\": \"model\", \"parts\": [{\"functionCall\": {\"name\": "
                + "\"get_weather\", \"args\": {\"city\": \"Paris\"}}%s}]}";
        String result = "{\"role\": \"user\", \"parts\": [{\"functionResponse\": {\"name\": "
                + "\"get_weather\", \"response\": {\"output\": \"sunny\"}}}]}";
        String question = "{\"role\": \"user\", \"parts\": [{\"text\": \"Weather in Paris?\"}]}";
        on(Profile.GEMINI, server -> {
            String body = "{\"contents\": [" + question + ", " + call.formatted("") + ", "
                    + result + "], " + WEATHER_TOOL + "}";
            Answer refused = stream(server, "demo-chat", body);
            assertEquals(400, refused.status());
            assertTrue(refused.message().startsWith("Function call is missing a "
                    + "thought_signature in functionCall parts."), refused.message());
            assertEquals(200, stream(server, "demo-lite", body).status(),
                    "a model that does not think does not check");
            Answer corrupted = stream(server, "demo-chat", "{\"contents\": [" + question
                    + ", " + call.formatted(", \"thoughtSignature\": \"bm90LW91cnM=\"") + ", "
                    + result + "], " + WEATHER_TOOL + "}");
            assertEquals("Corrupted thought signature.", corrupted.message(),
                    "a signature this server did not issue");
            assertEquals(200, stream(server, "demo-chat", "{\"contents\": [" + question + ", "
                    + call.formatted(", \"thoughtSignature\": \"skip_thought_signature_"
                    + "validator\"") + ", " + result + "], " + WEATHER_TOOL + "}").status());
            assertEquals(200, stream(server, "demo-chat", "{\"contents\": [" + question + ", "
                    + call.formatted("") + ", " + result + ", {\"role\": \"model\", \"parts\": "
                    + "[{\"text\": \"Sunny.\"}]}, " + question + "], " + WEATHER_TOOL + "}")
                    .status(), "an earlier turn is not checked");
        });
    }

    @Test
    void eachDeviationProfileChangesExactlyItsPartOfTheWire() {
        on(Profile.GEMINI_USAGE_LAST, server -> {
            List<JsonNode> events = stream(server, "demo-chat", user("Count from 1 to 3"))
                    .events();
            for (int i = 0; i < events.size() - 1; i++) {
                assertFalse(events.get(i).has("usageMetadata"), "chunk " + i);
            }
            assertTrue(events.get(events.size() - 1).has("usageMetadata"));
        });
        on(Profile.GEMINI_SAFETY, server -> {
            List<JsonNode> events = stream(server, "demo-chat", user("Count from 1 to 10"))
                    .events();
            assertEquals(GeminiStreamWriter.SAFETY_AFTER + 1, events.size());
            JsonNode last = events.get(events.size() - 1).at("/candidates/0");
            assertEquals("SAFETY", last.path("finishReason").asText());
            assertTrue(last.at("/safetyRatings/0/blocked").asBoolean());
        });
        on(Profile.GEMINI_MALFORMED_CALLS, server -> {
            JsonNode last = stream(server, "demo-chat", "{\"contents\": [{\"role\": \"user\","
                    + "\"parts\": [{\"text\": \"Weather in Paris? Use the get_weather tool.\"}]}]"
                    + "," + WEATHER_TOOL + "}").events().get(0).at("/candidates/0");
            assertEquals("MALFORMED_FUNCTION_CALL", last.path("finishReason").asText());
            assertFalse(last.has("content"));
            assertTrue(last.path("finishMessage").asText().startsWith("Malformed function call: "
                    + "print(default_api.get_weather("), last.toString());
        });
        on(Profile.GEMINI_OPENAPI_ONLY, server -> assertRefused(server, "{\"contents\": [{"
                + "\"role\": \"user\", \"parts\": [{\"text\": \"a\"}]}], " + WEATHER_TOOL + "}",
                400, "Invalid JSON payload received. Unknown name \"parametersJsonSchema\" at "
                + "'tools[0].function_declarations[0]': Cannot find field."));
        on(Profile.GEMINI_NO_ID_FIELDS, server -> assertRefused(server, "{\"contents\": [{"
                + "\"role\": \"user\", \"parts\": [{\"text\": \"a\"}]}, {\"role\": \"model\", "
                + "\"parts\": [{\"functionCall\": {\"name\": \"f\", \"args\": {}, \"id\": \"x\"}}"
                + "]}]}", 400, "Invalid JSON payload received. Unknown name \"id\" at "
                + "'contents[1].parts[0].function_call': Cannot find field."));
    }

    @Test
    void theOverflowAndAnUnknownModelAreRefusedInGooglesWords() {
        on(Profile.GEMINI, server -> {
            Answer overflow = stream(server, "demo-chat", user("x ".repeat(40_000)));
            assertEquals(400, overflow.status());
            assertTrue(overflow.message().startsWith("The input token count ("),
                    overflow.message());
            Answer unknown = stream(server, "nope", user("hi"));
            assertEquals(404, unknown.status());
            assertEquals("NOT_FOUND", unknown.json().at("/error/status").asText());
        });
    }

    private static void assertRefused(ReferenceServer server, String body, int status,
            String message) {
        assertRefused(server, "demo-chat", body, status, message);
    }

    private static void assertRefused(ReferenceServer server, String model, String body,
            int status, String message) {
        Answer answer = stream(server, model, body);
        assertEquals(status, answer.status(), answer.body());
        assertEquals(message, answer.message());
    }
}
