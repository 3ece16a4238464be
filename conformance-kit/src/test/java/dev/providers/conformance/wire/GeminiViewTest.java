package dev.providers.conformance.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.WireExchange;
import dev.providers.conformance.api.WireExchanges;
import dev.providers.conformance.api.WireView;
import dev.providers.conformance.api.WireViews;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.CompatSettings;
import dev.providers.engine.spec.InputKind;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import dev.providers.engine.spec.ThinkingLevelMap;
import dev.providers.engine.spec.TransportSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Gemini wire view over literal request bodies and streams. */
class GeminiViewTest {

    private static final WireView VIEW = WireViews.find("google-generative-ai").orElseThrow();
    private static final URI STREAM = URI.create("http://127.0.0.1:1/v1beta/models/"
            + "gemini-x:streamGenerateContent?alt=sse");
    private static final List<Map.Entry<String, String>> KEYED = List.of(
            Map.entry("Content-Type", "application/json"), Map.entry("x-goog-api-key", "***"));

    private static WireExchange exchange(String request, String contentType, String response) {
        return WireExchanges.of(STREAM, KEYED, request, 200, contentType, response);
    }

    /** Returns a Gemini model with these compat flags, keyed like the catalog's files. */
    private static ResolvedModel model(Map<String, Object> compat, boolean reasoning) {
        Origin origin = Origin.ofFile("test");
        Map<String, Origin> origins = new HashMap<>();
        compat.keySet().forEach(flag -> origins.put(flag, origin));
        ModelSpec model = new ModelSpec("gemini-x", "gemini-x", null, null, reasoning,
                Set.of(InputKind.TEXT), ModelCost.ZERO, null, null, Map.of(),
                ThinkingLevelMap.EMPTY, new CompatSettings(compat, origins), origin);
        ProviderSpec provider = new ProviderSpec("g", "g", "google-generative-ai",
                URI.create("http://127.0.0.1:1/v1beta"), SecretRef.parse("k"), true, Map.of(),
                Map.of(), true, TransportSettings.DEFAULTS, CompatSettings.NONE, List.of(model),
                origin, null);
        return new ResolvedModel(provider, model);
    }

    @Test
    void theBuiltInViewIsFoundByItsApi() {
        assertTrue(VIEW instanceof GeminiView);
        assertTrue(VIEW.expectsUsage(model(Map.of(), false)));
        assertEquals(Map.of(), VIEW.usageOffCompat(), "Gemini has no usage switch");
        assertEquals("contextPrecheck", VIEW.contextPrecheckFlag());
        assertEquals(new WireView.ThinkingReplay(WireView.ThinkingReplay.Kind.AS_THINKING,
                "thought"), VIEW.thinkingReplay(model(Map.of(), true), null));
    }

    @Test
    void aRequestReadsAsTurnsWithCallsResultsAndTheirImages() {
        SentRequest sent = VIEW.request(exchange("""
                {"systemInstruction": {"parts": [{"text": "Be brief."}]},
                 "contents": [
                  {"role": "user", "parts": [{"text": "What is this?"},
                    {"inlineData": {"mimeType": "image/png", "data": "iVBO"}}]},
                  {"role": "model", "parts": [{"text": "hm", "thought": true},
                    {"text": "Let me check."},
                    {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}},
                     "thoughtSignature": "c2ln"},
                    {"functionCall": {"name": "get_circle", "args": {}, "id": "fc-2"}}]},
                  {"role": "user", "parts": [
                    {"functionResponse": {"name": "get_circle", "id": "fc-2",
                      "response": {"output": "(see attached image)"}}},
                    {"inlineData": {"mimeType": "image/png", "data": "AAAA"}},
                    {"functionResponse": {"name": "get_weather",
                      "response": {"error": "no station"}}},
                    {"text": "Thanks"}]}],
                 "tools": [{"functionDeclarations": [{"name": "get_weather",
                   "parametersJsonSchema": {"type": "object"}}]}],
                 "toolConfig": {"functionCallingConfig": {"mode": "ANY",
                   "allowedFunctionNames": ["get_weather"]}},
                 "generationConfig": {"maxOutputTokens": 64, "stopSequences": ["END"]}}
                """, "text/event-stream", ""));
        assertEquals("gemini-x", sent.model());
        assertTrue(sent.stream() && sent.usageRequested());
        assertEquals("Be brief.", sent.system());
        assertEquals(3, sent.messages().size());
        SentRequest.Message model = sent.messages().get(1);
        assertEquals(SentRequest.Role.ASSISTANT, model.role());
        assertEquals(List.of(new SentRequest.Thinking("thought", "hm")), model.thinking());
        assertEquals("Let me check.", model.text());
        assertEquals(List.of(new SentRequest.ToolCall("call_1_0", "get_weather",
                "{\"city\":\"Paris\"}"), new SentRequest.ToolCall("fc-2", "get_circle", "{}")),
                model.toolCalls());
        List<SentRequest.ToolResult> results = sent.messages().get(2).toolResults();
        assertEquals("fc-2", results.get(0).callId());
        assertEquals(1, results.get(0).images().size(), "the image after a response is its");
        assertEquals("call_1_0", results.get(1).callId(), "paired by name without an id");
        assertEquals("no station", results.get(1).text());
        assertEquals("Thanks", sent.messages().get(2).text());
        assertEquals(ToolChoice.function("get_weather"), sent.toolChoice());
        assertEquals(64, sent.maxTokens());
        assertEquals(List.of("END"), sent.stop());
        assertEquals("get_weather", sent.tools().get(0).name());
    }

    @Test
    void aStreamReadsAsDeltasCallsUsageAndItsFraming() {
        String stream = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Let\","
                + "\"thought\":true}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{"
                + "\"promptTokenCount\":10,\"totalTokenCount\":11,\"thoughtsTokenCount\":1},"
                + "\"modelVersion\":\"gemini-x\",\"responseId\":\"r-1\"}\r\n\r\n"
                + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":"
                + "\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":10,"
                + "\"candidatesTokenCount\":1,\"totalTokenCount\":12,\"thoughtsTokenCount\":1},"
                + "\"modelVersion\":\"gemini-x\",\"responseId\":\"r-1\"}\r\n\r\n"
                + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":"
                + "\"f\",\"args\":{\"a\":1}},\"thoughtSignature\":\"c2ln\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{"
                + "\"promptTokenCount\":10,\"candidatesTokenCount\":3,\"totalTokenCount\":14,"
                + "\"cachedContentTokenCount\":4,\"thoughtsTokenCount\":1},\"modelVersion\":"
                + "\"gemini-x\",\"responseId\":\"r-1\"}\r\n\r\n";
        ReceivedResponse received = VIEW.response(exchange("{}", "text/event-stream", stream));
        assertEquals(List.of("Hi"), received.textDeltas());
        assertEquals(List.of("Let"), received.thinkingDeltas());
        assertEquals(List.of(new ReceivedResponse.ToolCallDelta("#0", null, "f", "{\"a\":1}")),
                received.toolCallDeltas());
        assertEquals("STOP", received.finishReason());
        assertEquals(new ReceivedResponse.Usage(10, 3, 4, 0, 1, 14L), received.usage());
        assertEquals("r-1", received.responseId());
        assertEquals("gemini-x", received.responseModel());
        assertEquals(List.of("CRLF line ends", "functionCall without id",
                "thoughtSignature on function calls",
                "no end marker: the body's end ends the stream", "usageMetadata on every chunk"),
                List.copyOf(received.framing()));
    }

    @Test
    void errorBodiesShowTheirShapeAndTheBadKeyIsAuth() {
        ReceivedResponse array = VIEW.response(WireExchanges.of(STREAM, KEYED, "{}", 400,
                "application/json", "[{\"error\":{\"code\":400,\"message\":\"API key not valid."
                + " Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\"}}]"));
        assertTrue(array.framing().contains("an error body wrapped in a one-element array"),
                array.framing().toString());
        assertNull(array.finishReason());
        assertEquals(ErrorKind.AUTH, VIEW.errorKind(400, "400: API key not valid. Please pass a "
                + "valid API key."));
        assertEquals(ErrorKind.INVALID_REQUEST, VIEW.errorKind(400, "400: Bad"));
        assertEquals(ErrorKind.MODEL_NOT_FOUND, VIEW.errorKind(404, "404: x"));
        ReceivedResponse html = VIEW.response(WireExchanges.of(STREAM, KEYED, "{}", 404,
                "text/html; charset=UTF-8", "<html><p>404</p></html>"));
        assertEquals(Set.of("a text/html body"), html.framing());
    }

    @Test
    void theShapeFollowsTheRulesAndTheFlags() {
        String request = """
                {"contents": [{"role": "user", "parts": [{"text": "a"}]},
                  {"role": "user", "parts": [{"text": "b"}]},
                  {"role": "model", "parts": [{"functionCall": {"name": "f", "args": {}}}]},
                  {"role": "user", "parts": [{"functionResponse": {"name": "f", "id": "x",
                    "response": {"output": "1"}}}]}],
                 "tools": [{"functionDeclarations": [{"name": "f",
                   "parameters": {"type": "object"}}]}],
                 "generationConfig": {"thinkingConfig": {"thinkingBudget": 1,
                   "thinkingLevel": "low"}}}
                """;
        WireExchange bad = WireExchanges.of(URI.create("http://127.0.0.1:1/v1beta/models/"
                + "other:streamGenerateContent?key=AIza"), List.of(), request, 200,
                "text/event-stream", "");
        assertEquals(List.of("the path ends with /models/gemini-x:streamGenerateContent, not "
                + "/v1beta/models/other:streamGenerateContent", "the query asks for alt=sse",
                "the API key must not be in the URL (key=), where logs keep it",
                "the key goes in the x-goog-api-key header",
                "contents[1] repeats the role user: consecutive turns are merged",
                "contents[2]: functionCall.id iff compat.sendToolCallIds (true)",
                "tool f: parametersJsonSchema (compat.toolSchemaFormat json-schema)",
                "thinkingConfig was sent for a model without reasoning",
                "thinkingConfig carries both thinkingBudget and thinkingLevel"),
                VIEW.requestShapeProblems(model(Map.of("sendToolCallIds", true), false), bad));
        assertEquals(List.of(), VIEW.requestShapeProblems(model(Map.of("sendToolCallIds", false,
                "toolSchemaFormat", "openapi"), true), exchange("""
                {"contents": [{"role": "user", "parts": [{"text": "a"}]},
                  {"role": "model", "parts": [{"functionCall": {"name": "f", "args": {}}}]},
                  {"role": "user", "parts": [{"functionResponse": {"name": "f",
                    "response": {"output": "1"}}}]}],
                 "tools": [{"functionDeclarations": [{"name": "f",
                   "parameters": {"type": "object", "properties": {"a": {"type": "string"}}}}]}],
                 "generationConfig": {"thinkingConfig": {"thinkingBudget": 1}}}
                """, "text/event-stream", "")));
    }
}
