package dev.providers.engine.internal.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.Tool;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.Usage;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ThinkingLevel;
import dev.providers.engine.spi.DialectRequest;
import dev.providers.engine.spi.RequestRefusedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request rules of docs/dialects/google-generative-ai.md §3, each checked on the exact bytes
 * of the body (written pretty here, compared compact and in order).
 */
class GeminiRequestTest {

    @TempDir Path dir;

    private static final GeminiDialect DIALECT = new GeminiDialect();

    private ResolvedModel model(String compat, String model) {
        return GeminiModels.load(dir, compat, model);
    }

    private static DialectRequest encode(ResolvedModel model, Context context,
            StreamOptions options) {
        return DIALECT.bind(model).encode(context, options);
    }

    /** Asserts the body's exact bytes: the expected JSON, compact, fields in this order. */
    private static void assertBody(String expected, DialectRequest request) throws Exception {
        String compact = new ObjectMapper().writeValueAsString(new ObjectMapper()
                .readTree(expected));
        assertEquals(compact, new String(request.body(), StandardCharsets.UTF_8));
    }

    /** An ordered schema: Map.of would change the bytes from run to run. */
    private static Map<String, Object> citySchema() {
        Map<String, Object> city = new LinkedHashMap<>();
        city.put("type", "string");
        city.put("description", "The city");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("city", city);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.of("city"));
        schema.put("additionalProperties", false);
        return schema;
    }

    private static final Tool WEATHER = Tool.of("get_weather", "Get the weather", citySchema());

    private static AssistantMessage own(ResolvedModel model, StopReason reason,
            dev.providers.engine.message.AssistantContent... blocks) {
        return new AssistantMessage(List.of(blocks), GeminiDialect.API, model.provider().id(),
                model.model().id(), null, null, Usage.ZERO, reason, null, null, null, 0);
    }

    @Test
    void aTextRequestGoesToStreamGenerateContentWithSseAndTheKeyInAHeader() throws Exception {
        ResolvedModel flash = model("{}", GeminiModels.FLASH);
        DialectRequest request = encode(flash, Context.ofUser("Hello")
                .withSystemPrompt("Be brief."), StreamOptions.defaults());
        assertEquals("models/flash:streamGenerateContent", request.path());
        assertEquals(Map.of("alt", "sse"), request.query());
        assertEquals(Map.of(), request.headers());
        assertEquals("text/event-stream", request.accept());
        assertEquals(Map.of("x-goog-api-key", "k-123"), DIALECT.authHeaders("k-123"));
        assertBody("""
                {"systemInstruction": {"parts": [{"text": "Be brief."}]},
                 "contents": [{"role": "user", "parts": [{"text": "Hello"}]}],
                 "generationConfig": {"maxOutputTokens": 1024}}
                """, request);
        assertEquals(1024, request.maxTokens());
    }

    @Test
    void modelIdsThatNameTheirCollectionOrNeedEscapingKeepTheirPath() {
        assertEquals("tunedModels/my-model-42:streamGenerateContent",
                GeminiModel.path("tunedModels/my-model-42"));
        assertEquals("models/gemini%20x%3A1:streamGenerateContent",
                GeminiModel.path("gemini x:1"));
    }

    @Test
    void samplingOptionsGoInGenerationConfig() throws Exception {
        ResolvedModel flash = model("{}", GeminiModels.FLASH);
        DialectRequest request = encode(flash, Context.ofUser("Count"), StreamOptions.builder()
                .temperature(0.2).topP(0.9).maxTokens(64).stop(List.of("4", "END"))
                .presencePenalty(0.5).frequencyPenalty(0.25).seed(7).build());
        assertBody("""
                {"contents": [{"role": "user", "parts": [{"text": "Count"}]}],
                 "generationConfig": {"temperature": 0.2, "topP": 0.9, "maxOutputTokens": 64,
                   "stopSequences": ["4", "END"], "presencePenalty": 0.5,
                   "frequencyPenalty": 0.25, "seed": 7}}
                """, request);
    }

    @Test
    void imagesAreInlineDataAndConsecutiveUserTurnsMerge() throws Exception {
        ResolvedModel thinker = model("{}", GeminiModels.THINKER);
        Context context = new Context(null, List.of(
                UserMessage.of(new TextContent("What is this?"),
                        new ImageContent("iVBORw0KGgo=", "image/png")),
                UserMessage.of("Be precise.")), List.of());
        assertBody("""
                {"contents": [{"role": "user", "parts": [
                   {"text": "What is this?"},
                   {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
                   {"text": "Be precise."}]}],
                 "generationConfig": {"maxOutputTokens": 8192}}
                """, encode(thinker, context, StreamOptions.defaults()));
    }

    @Test
    void toolsAreFunctionDeclarationsWithTheirJsonSchemaAndTheChoiceIsAMode() throws Exception {
        ResolvedModel flash = model("{}", GeminiModels.FLASH);
        Context context = Context.ofUser("Weather in Paris?").withTools(List.of(WEATHER));
        assertBody("""
                {"contents": [{"role": "user", "parts": [{"text": "Weather in Paris?"}]}],
                 "tools": [{"functionDeclarations": [{"name": "get_weather",
                   "description": "Get the weather",
                   "parametersJsonSchema": {
                     "$schema": "https://json-schema.org/draft/2020-12/schema",
                     "type": "object",
                     "properties": {"city": {"type": "string", "description": "The city"}},
                     "required": ["city"], "additionalProperties": false}}]}],
                 "toolConfig": {"functionCallingConfig": {"mode": "ANY"}},
                 "generationConfig": {"maxOutputTokens": 1024}}
                """, encode(flash, context, StreamOptions.builder()
                .toolChoice(ToolChoice.REQUIRED).build()));
        Map<ToolChoice, String> modes = Map.of(
                ToolChoice.AUTO, "{\"functionCallingConfig\":{\"mode\":\"AUTO\"}}",
                ToolChoice.NONE, "{\"functionCallingConfig\":{\"mode\":\"NONE\"}}",
                ToolChoice.function("get_weather"), "{\"functionCallingConfig\":{\"mode\":"
                        + "\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}}");
        modes.forEach((choice, wire) -> assertEquals(wire,
                GeminiJson.text(ToolDeclarations.config(choice)), choice.toString()));
    }

    @Test
    void withoutToolsNoToolConfigIsSent() throws Exception {
        ResolvedModel flash = model("{}", GeminiModels.FLASH);
        assertBody("""
                {"contents": [{"role": "user", "parts": [{"text": "Hi"}]}],
                 "generationConfig": {"maxOutputTokens": 1024}}
                """, encode(flash, Context.ofUser("Hi"), StreamOptions.builder()
                .toolChoice(ToolChoice.AUTO).build()));
    }

    @Test
    void theOpenApiFlagConvertsSchemasToGeminisSubset() throws Exception {
        ResolvedModel flash = model("{toolSchemaFormat: openapi}", GeminiModels.FLASH);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("$ref", "#/$defs/unit");
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("type", "string");
        unit.put("enum", List.of("c", "f"));
        Map<String, Object> defs = Map.of("unit", unit);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("city", Map.of("type", List.of("string", "null")));
        properties.put("unit", item);
        properties.put("kind", Map.of("const", "now"));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        schema.put("$defs", defs);
        Tool tool = Tool.of("weather", "Weather", schema);
        Tool none = Tool.of("get_time", "Time", Map.of("type", "object", "properties",
                Map.of()));
        assertBody("""
                {"contents": [{"role": "user", "parts": [{"text": "x"}]}],
                 "tools": [{"functionDeclarations": [
                   {"name": "weather", "description": "Weather", "parameters": {
                     "type": "object", "properties": {
                       "city": {"nullable": true, "type": "string"},
                       "unit": {"type": "string", "enum": ["c", "f"]},
                       "kind": {"enum": ["now"]}}}},
                   {"name": "get_time", "description": "Time"}]}],
                 "generationConfig": {"maxOutputTokens": 1024}}
                """, encode(flash, Context.ofUser("x").withTools(List.of(tool, none)),
                StreamOptions.defaults()));
    }

    @Test
    void ownTurnsReplayThoughtsCallsSignaturesAndResults() throws Exception {
        ResolvedModel thinker = model("{}", GeminiModels.THINKER);
        AssistantMessage calls = own(thinker, StopReason.TOOL_USE,
                new ThinkingContent("I need the weather.", "VGhvdWdodFNpZw==", false),
                new TextContent("Checking."),
                new ToolCall("fc-1", "get_weather", Map.of("city", "Paris"), "Q2FsbFNpZw=="),
                ToolCall.of("fc-2", "get_weather", Map.of("city", "Rome")));
        Context context = new Context(null, List.of(UserMessage.of("Weather?"), calls,
                ToolResultMessage.of("fc-1", "get_weather", "sunny"),
                ToolResultMessage.error("fc-2", "get_weather", "no station"),
                UserMessage.of("Thanks!")), List.of(WEATHER));
        assertBody("""
                {"contents": [
                  {"role": "user", "parts": [{"text": "Weather?"}]},
                  {"role": "model", "parts": [
                    {"text": "I need the weather.", "thought": true,
                     "thoughtSignature": "VGhvdWdodFNpZw=="},
                    {"text": "Checking."},
                    {"functionCall": {"name": "get_weather", "args": {"city": "Paris"},
                      "id": "fc-1"}, "thoughtSignature": "Q2FsbFNpZw=="},
                    {"functionCall": {"name": "get_weather", "args": {"city": "Rome"},
                      "id": "fc-2"}}]},
                  {"role": "user", "parts": [
                    {"functionResponse": {"name": "get_weather", "id": "fc-1",
                      "response": {"output": "sunny"}}},
                    {"functionResponse": {"name": "get_weather", "id": "fc-2",
                      "response": {"error": "no station"}}},
                    {"text": "Thanks!"}]}],
                 "tools": [{"functionDeclarations": [{"name": "get_weather",
                   "description": "Get the weather",
                   "parametersJsonSchema": {
                     "$schema": "https://json-schema.org/draft/2020-12/schema",
                     "type": "object",
                     "properties": {"city": {"type": "string", "description": "The city"}},
                     "required": ["city"], "additionalProperties": false}}]}],
                 "generationConfig": {"maxOutputTokens": 8192}}
                """, encode(thinker, context, StreamOptions.defaults()));
    }

    @Test
    void toolResultImagesFollowTheirResponseAndAnImageOnlyResultSaysSo() throws Exception {
        ResolvedModel thinker = model("{}", GeminiModels.THINKER);
        AssistantMessage call = own(thinker, StopReason.TOOL_USE, new ToolCall("fc-9",
                "get_circle", Map.of(), "c2ln"));
        Context context = new Context(null, List.of(UserMessage.of("Draw"), call,
                new ToolResultMessage("fc-9", "get_circle", List.of(new ImageContent("AAAA",
                        "image/png")), false, List.of(), 0)), List.of());
        assertBody("""
                {"contents": [
                  {"role": "user", "parts": [{"text": "Draw"}]},
                  {"role": "model", "parts": [{"functionCall": {"name": "get_circle",
                    "args": {}, "id": "fc-9"}, "thoughtSignature": "c2ln"}]},
                  {"role": "user", "parts": [
                    {"functionResponse": {"name": "get_circle", "id": "fc-9",
                      "response": {"output": "(see attached image)"}}},
                    {"inlineData": {"mimeType": "image/png", "data": "AAAA"}}]}],
                 "generationConfig": {"maxOutputTokens": 8192}}
                """, encode(thinker, context, StreamOptions.defaults()));
    }

    @Test
    void aForeignTurnSendsThinkingAsTextAndItsUnsignedCallGetsThePlaceholder()
            throws Exception {
        ResolvedModel flash = model("{}", GeminiModels.FLASH);
        AssistantMessage foreign = new AssistantMessage(List.of(
                new ThinkingContent("Call the tool.", "sig-from-elsewhere", false),
                new ToolCall("toolu_01|x", "get_weather", Map.of("city", "Paris"),
                        "foreign-signature")),
                "anthropic-messages", "anthropic", "claude", null, null, Usage.ZERO,
                StopReason.TOOL_USE, null, null, null, 0);
        Context context = new Context(null, List.of(UserMessage.of("Weather?"), foreign,
                ToolResultMessage.of("toolu_01|x", "get_weather", "sunny")), List.of());
        assertBody("""
                {"contents": [
                  {"role": "user", "parts": [{"text": "Weather?"}]},
                  {"role": "model", "parts": [{"text": "Call the tool."},
                    {"functionCall": {"name": "get_weather", "args": {"city": "Paris"},
                      "id": "toolu_01_x"},
                     "thoughtSignature": "skip_thought_signature_validator"}]},
                  {"role": "user", "parts": [{"functionResponse": {"name": "get_weather",
                    "id": "toolu_01_x", "response": {"output": "sunny"}}}]}],
                 "generationConfig": {"maxOutputTokens": 1024}}
                """, encode(flash, context, StreamOptions.defaults()));
    }

    @Test
    void aUserMessageMergedIntoTheResultsStillCountsTheCallAsCurrent() throws Exception {
        ResolvedModel flash = model("{}", GeminiModels.FLASH);
        Context context = new Context(null, List.of(UserMessage.of("Weather?"),
                AssistantMessage.of("other", "m", ToolCall.of("c1", "get_weather",
                        Map.of())), ToolResultMessage.of("c1", "get_weather", "sunny"),
                UserMessage.of("Continue.")), List.of());
        assertBody("""
                {"contents": [
                  {"role": "user", "parts": [{"text": "Weather?"}]},
                  {"role": "model", "parts": [{"functionCall": {"name": "get_weather",
                    "args": {}, "id": "c1"},
                    "thoughtSignature": "skip_thought_signature_validator"}]},
                  {"role": "user", "parts": [{"functionResponse": {"name": "get_weather",
                    "id": "c1", "response": {"output": "sunny"}}}, {"text": "Continue."}]}],
                 "generationConfig": {"maxOutputTokens": 1024}}
                """, encode(flash, context, StreamOptions.defaults()));
    }

    @Test
    void callsOfEarlierTurnsAndFlagsOffGetNoPlaceholderOrIds() throws Exception {
        List<Message> history = List.of(UserMessage.of("Weather?"),
                AssistantMessage.of("other", "m", ToolCall.of("c1", "get_weather", Map.of())),
                ToolResultMessage.of("c1", "get_weather", "sunny"),
                AssistantMessage.of("other", "m", new TextContent("Sunny.")),
                UserMessage.of("Next?"));
        ResolvedModel flash = model("{}", GeminiModels.FLASH);
        String body = new String(encode(flash, new Context(null, history, List.of()),
                StreamOptions.defaults()).body(), StandardCharsets.UTF_8);
        assertTrue(!body.contains("thoughtSignature"), "an earlier turn is not validated: "
                + body);
        ResolvedModel plain = model("{sendToolCallIds: false, fillMissingThoughtSignatures: "
                + "false}", GeminiModels.FLASH);
        assertBody("""
                {"contents": [
                  {"role": "user", "parts": [{"text": "Weather?"}]},
                  {"role": "model", "parts": [{"functionCall": {"name": "get_weather",
                    "args": {}}}]},
                  {"role": "user", "parts": [{"functionResponse": {"name": "get_weather",
                    "response": {"output": "sunny"}}}]}],
                 "generationConfig": {"maxOutputTokens": 1024}}
                """, encode(plain, new Context(null, history.subList(0, 3), List.of()),
                StreamOptions.defaults()));
    }

    @Test
    void emptyAndFailedTurnsAreLeftOutAndANothingToSendIsRefusedLocally() throws Exception {
        ResolvedModel flash = model("{}", GeminiModels.FLASH);
        AssistantMessage empty = own(flash, StopReason.STOP);
        Context context = new Context(null, List.of(UserMessage.of("Hello"), empty,
                UserMessage.of("Again")), List.of());
        assertBody("""
                {"contents": [{"role": "user", "parts": [{"text": "Hello"}, {"text": "Again"}]}],
                 "generationConfig": {"maxOutputTokens": 1024}}
                """, encode(flash, context, StreamOptions.defaults()));
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> encode(flash, new Context("sys", List.of(new UserMessage(List.of(), 0)),
                        List.of()), StreamOptions.defaults()));
        assertTrue(nothing.getMessage().startsWith("there is no message to send"));
    }

    @Test
    void loneSurrogatesAreStrippedAndPairsKept() throws Exception {
        ResolvedModel flash = model("{}", GeminiModels.FLASH);
        assertBody("""
                {"contents": [{"role": "user", "parts": [{"text": "a\uD83D\uDE00b"}]}],
                 "generationConfig": {"maxOutputTokens": 1024}}
                """, encode(flash, Context.ofUser("a\uD800\uD83D\uDE00\uDC00b"),
                StreamOptions.defaults()));
    }

    @Test
    void extraBodyFieldsMergeAtTheTopLevel() throws Exception {
        ResolvedModel flash = model("{}", GeminiModels.FLASH);
        assertBody("""
                {"contents": [{"role": "user", "parts": [{"text": "Hi"}]}],
                 "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT",
                   "threshold": "BLOCK_NONE"}]}
                """, encode(flash, Context.ofUser("Hi"), StreamOptions.builder()
                .extraBody("safetySettings", List.of(orderedSafety()))
                .extraBody("generationConfig", null).build()));
    }

    private static Map<String, Object> orderedSafety() {
        Map<String, Object> setting = new LinkedHashMap<>();
        setting.put("category", "HARM_CATEGORY_HARASSMENT");
        setting.put("threshold", "BLOCK_NONE");
        return setting;
    }

    @Test
    void thePrecheckRefusesAPromptThatCannotFit() {
        ResolvedModel small = model("{contextPrecheck: true}",
                "{id: small, maxTokens: 16, contextWindow: 100}");
        RequestRefusedException refused = assertThrows(RequestRefusedException.class,
                () -> encode(small, Context.ofUser("x".repeat(2000)), StreamOptions.defaults()));
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, refused.kind());
        assertEquals(500, encode(model("{}", "{id: big, contextWindow: 1000000}"),
                Context.ofUser("x".repeat(2000)), StreamOptions.defaults())
                .estimatedPromptTokens());
    }
}
