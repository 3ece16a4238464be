package dev.providers.engine.internal.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.providers.engine.CacheRetention;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.AssistantContent;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact request bodies and headers, rule by rule (docs/dialects/anthropic-messages.md §3).
 * Expected JSON is written with single quotes for readability and compared as text, so field
 * order counts.
 */
class MessagesEncoderTest {

    private static final String CACHE = "'cache_control':{'type':'ephemeral'}";
    private static final Tool WEATHER = Tool.of("get_weather", "Current weather", schema());

    /** An ordered schema, as one read from JSON is. */
    private static Map<String, Object> schema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of("city", Map.of("type", "string")));
        return schema;
    }

    @TempDir
    Path dir;

    private ResolvedModel model(String compat, String model) {
        return AnthropicModels.load(dir, compat, model);
    }

    private static DialectRequest encode(ResolvedModel model, Context context,
            StreamOptions options) {
        return new AnthropicMessagesDialect().bind(model).encode(context, options);
    }

    private static String body(ResolvedModel model, Context context, StreamOptions options) {
        return new String(encode(model, context, options).body(), StandardCharsets.UTF_8);
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static AssistantMessage own(ResolvedModel model, StopReason reason,
            AssistantContent... blocks) {
        return new AssistantMessage(List.of(blocks), AnthropicMessagesDialect.API,
                model.provider().id(), model.model().id(), null, null, Usage.ZERO, reason, null,
                null, null, 0);
    }

    private static Context chat(Message... messages) {
        return new Context(null, List.of(messages), List.of());
    }

    @Test
    void aTextRequestHasTheSystemBlockMaxTokensStreamAndTheHeaders() {
        ResolvedModel plain = model("{}", AnthropicModels.PLAIN);
        DialectRequest request = encode(plain, Context.ofUser("Hi").withSystemPrompt(
                "Be brief."), StreamOptions.defaults());
        assertEquals(json("{'model':'plain','system':[{'type':'text','text':'Be brief.',"
                + CACHE + "}],'messages':[{'role':'user','content':[{'type':'text','text':'Hi',"
                + CACHE + "}]}],'max_tokens':4096,'stream':true}"),
                new String(request.body(), StandardCharsets.UTF_8));
        assertEquals("messages", request.path());
        assertEquals("text/event-stream", request.accept());
        assertEquals(Map.of("anthropic-version", "2023-06-01", "anthropic-beta",
                "fine-grained-tool-streaming-2025-05-14,interleaved-thinking-2025-05-14"),
                request.headers());
        assertEquals(4096, request.maxTokens());
    }

    @Test
    void aToolConversationWithEveryOptionIsSentInOrder() {
        ResolvedModel thinker = model("{}", AnthropicModels.THINKER);
        ImageContent red = new ImageContent("iVBORw0KGgo=", "image/png");
        Context context = new Context("You are a weather bot.", List.of(
                UserMessage.of(new TextContent("Weather in Paris?"), red),
                own(thinker, StopReason.TOOL_USE,
                        new ThinkingContent("Use the tool.", "sig-1", false),
                        new TextContent("Checking."),
                        ToolCall.of("toolu_01", "get_weather", Map.of("city", "Paris"))),
                new ToolResultMessage("toolu_01", "get_weather", List.of(
                        new TextContent("sunny"), red), false, List.of(), 0),
                UserMessage.of("Thanks, and tomorrow?")), List.of(WEATHER));
        StreamOptions options = StreamOptions.builder().toolChoice(ToolChoice.REQUIRED)
                .temperature(0.3).topP(0.9).stop(List.of("END")).sessionId("sess-1")
                .cacheRetention(CacheRetention.LONG).maxTokens(1000).build();
        String ttl = "'cache_control':{'type':'ephemeral','ttl':'1h'}";
        assertEquals(json("{'model':'thinker',"
                + "'system':[{'type':'text','text':'You are a weather bot.'," + ttl + "}],"
                + "'messages':["
                + "{'role':'user','content':[{'type':'text','text':'Weather in Paris?'},"
                + "{'type':'image','source':{'type':'base64','media_type':'image/png',"
                + "'data':'iVBORw0KGgo='}}]},"
                + "{'role':'assistant','content':[{'type':'thinking','thinking':'Use the tool.',"
                + "'signature':'sig-1'},{'type':'text','text':'Checking.'},{'type':'tool_use',"
                + "'id':'toolu_01','name':'get_weather','input':{'city':'Paris'}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_01',"
                + "'content':[{'type':'text','text':'sunny'},{'type':'image','source':{'type':"
                + "'base64','media_type':'image/png','data':'iVBORw0KGgo='}}],'is_error':false},"
                + "{'type':'text','text':'Thanks, and tomorrow?'," + ttl + "}]}],"
                + "'max_tokens':1000,'stream':true,'stop_sequences':['END'],'temperature':0.3,"
                + "'top_p':0.9,'metadata':{'user_id':'sess-1'},"
                + "'tools':[{'name':'get_weather','description':'Current weather',"
                + "'input_schema':{'type':'object','properties':{'city':{'type':'string'}}},"
                + ttl + "}],'tool_choice':{'type':'any'}}"),
                body(thinker, context, options));
    }

    @Test
    void rolesAlternateByMergingTurnsNeverByDroppingThem() {
        ResolvedModel plain = model("{supportsCacheControl: false}", AnthropicModels.PLAIN);
        Context context = chat(UserMessage.of("one"), UserMessage.of("   "),
                UserMessage.of("two"),
                own(plain, StopReason.STOP), // empty: left out
                own(plain, StopReason.STOP, new TextContent("a")),
                own(plain, StopReason.STOP, new TextContent(" "), new TextContent("b")),
                UserMessage.of("three"));
        assertEquals(json("{'model':'plain','messages':["
                + "{'role':'user','content':[{'type':'text','text':'one'},"
                + "{'type':'text','text':'two'}]},"
                + "{'role':'assistant','content':[{'type':'text','text':'a'},"
                + "{'type':'text','text':'b'}]},"
                + "{'role':'user','content':[{'type':'text','text':'three'}]}],"
                + "'max_tokens':4096,'stream':true}"),
                body(plain, context, StreamOptions.defaults()));
    }

    @Test
    void consecutiveResultsShareOneUserTurnWithTheNextUserMessage() {
        ResolvedModel plain = model("{supportsCacheControl: false}", AnthropicModels.PLAIN);
        Context context = new Context(null, List.of(UserMessage.of("both"),
                own(plain, StopReason.TOOL_USE, ToolCall.of("a1", "get_weather", Map.of()),
                        ToolCall.of("a2", "get_weather", Map.of())),
                ToolResultMessage.of("a1", "get_weather", "one"),
                ToolResultMessage.error("a2", "get_weather", "failed"),
                UserMessage.of("go on")), List.of(WEATHER));
        assertEquals(json("{'role':'user','content':[{'type':'tool_result','tool_use_id':'a1',"
                + "'content':[{'type':'text','text':'one'}],'is_error':false},"
                + "{'type':'tool_result','tool_use_id':'a2','content':[{'type':'text','text':"
                + "'failed'}],'is_error':true},{'type':'text','text':'go on'}]}"),
                lastTurn(body(plain, context, StreamOptions.defaults())));
    }

    @Test
    void anOrphanedCallGetsASyntheticResultInTheNextUserTurn() {
        ResolvedModel plain = model("{supportsCacheControl: false}", AnthropicModels.PLAIN);
        Context context = new Context(null, List.of(UserMessage.of("weather"),
                own(plain, StopReason.TOOL_USE, ToolCall.of("c1", "get_weather", Map.of())),
                UserMessage.of("never mind")), List.of(WEATHER));
        assertEquals(json("{'role':'user','content':[{'type':'tool_result','tool_use_id':'c1',"
                + "'content':[{'type':'text','text':'No result provided'}],'is_error':true},"
                + "{'type':'text','text':'never mind'}]}"),
                lastTurn(body(plain, context, StreamOptions.defaults())));
    }

    @Test
    void withoutImagesInToolResultsABatchsImagesFollowItsResults() {
        ResolvedModel thinker = model("{supportsCacheControl: false, "
                + "supportsImagesInToolResults: false}", AnthropicModels.THINKER);
        ImageContent red = new ImageContent("AAAA", "image/png");
        Context context = new Context(null, List.of(UserMessage.of("draw"),
                own(thinker, StopReason.TOOL_USE, ToolCall.of("d1", "draw", Map.of())),
                new ToolResultMessage("d1", "draw", List.of(new TextContent("a circle"), red),
                        false, List.of(), 0)), List.of(Tool.of("draw", "d", Map.of())));
        assertEquals(json("{'role':'user','content':[{'type':'tool_result','tool_use_id':'d1',"
                + "'content':[{'type':'text','text':'a circle'}],'is_error':false},"
                + "{'type':'text','text':'Attached image(s) from tool result:'},"
                + "{'type':'image','source':{'type':'base64','media_type':'image/png',"
                + "'data':'AAAA'}}]}"), lastTurn(body(thinker, context,
                StreamOptions.defaults())));
    }

    @Test
    void ownThinkingReplaysSignedRedactedOrAsTextForeignThinkingAsText() {
        ResolvedModel thinker = model("{supportsCacheControl: false}", AnthropicModels.THINKER);
        AssistantMessage mine = own(thinker, StopReason.STOP,
                new ThinkingContent("signed", "sig", false),
                new ThinkingContent("", "opaque-data", true),
                new ThinkingContent("unsigned", null, false),
                new ThinkingContent("  ", null, false),
                new TextContent("answer"));
        AssistantMessage foreign = new AssistantMessage(List.of(
                new ThinkingContent("their thought", "reasoning_content", false),
                new TextContent("their answer")), "openai-completions", "other", "m", null,
                null, Usage.ZERO, StopReason.STOP, null, null, null, 0);
        Context context = chat(UserMessage.of("q1"), mine, UserMessage.of("q2"), foreign,
                UserMessage.of("q3"));
        String body = body(thinker, context, StreamOptions.defaults());
        assertEquals(json("{'role':'assistant','content':[{'type':'thinking','thinking':"
                + "'signed','signature':'sig'},{'type':'redacted_thinking','data':'opaque-data'},"
                + "{'type':'text','text':'unsigned'},{'type':'text','text':'answer'}]}"),
                turn(body, 1));
        assertEquals(json("{'role':'assistant','content':[{'type':'text','text':"
                + "'their thought\\n\\ntheir answer'}]}"), turn(body, 3));

        ResolvedModel unsignedOk = model("{supportsCacheControl: false, "
                + "requiresThinkingSignature: false}", AnthropicModels.THINKER);
        AssistantMessage deepseek = own(unsignedOk, StopReason.STOP,
                new ThinkingContent("unsigned", null, false), new TextContent("answer"));
        assertEquals(json("{'role':'assistant','content':[{'type':'thinking','thinking':"
                + "'unsigned'},{'type':'text','text':'answer'}]}"), turn(body(unsignedOk,
                chat(UserMessage.of("q1"), deepseek, UserMessage.of("q2")),
                StreamOptions.defaults()), 1));
    }

    @Test
    void aForeignToolCallIdIsNormalisedInTheCallAndItsResultAlike() {
        ResolvedModel plain = model("{supportsCacheControl: false}", AnthropicModels.PLAIN);
        String foreignId = "call|" + "abc=def".repeat(20) + "|item=1";
        AssistantMessage foreign = new AssistantMessage(List.of(ToolCall.of(foreignId,
                "get_weather", Map.of())), "openai-responses", "other", "m", null, null,
                Usage.ZERO, StopReason.TOOL_USE, null, null, null, 0);
        String body = body(plain, new Context(null, List.of(UserMessage.of("w"), foreign,
                ToolResultMessage.of(foreignId, "get_weather", "ok")), List.of(WEATHER)),
                StreamOptions.defaults());
        String id = between(turn(body, 1), "\"id\":\"", "\"");
        assertEquals(64, id.length());
        assertEquals(true, id.matches("[a-zA-Z0-9_-]{1,64}"), id);
        assertEquals(id, between(turn(body, 2), "\"tool_use_id\":\"", "\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AUTO|{\"type\":\"auto\"}",
        "REQUIRED|{\"type\":\"any\"}",
        "NONE|{\"type\":\"none\"}"})
    void toolChoiceMapsToAutoAnyAndNone(ToolChoice.Mode mode, String wire) {
        ResolvedModel plain = model("{supportsCacheControl: false}", AnthropicModels.PLAIN);
        String body = body(plain, Context.ofUser("w").withTools(List.of(WEATHER)),
                StreamOptions.builder().toolChoice(new ToolChoice(mode, null)).build());
        assertEquals(wire, between(body, "\"tool_choice\":", "}") + "}");
    }

    @Test
    void aNamedToolChoiceIsToolWithItsName() {
        ResolvedModel plain = model("{supportsCacheControl: false}", AnthropicModels.PLAIN);
        String body = body(plain, Context.ofUser("w").withTools(List.of(WEATHER)),
                StreamOptions.builder().toolChoice(ToolChoice.function("get_weather")).build());
        assertEquals(true, body.endsWith(json("'tool_choice':{'type':'tool','name':"
                + "'get_weather'}}")), body);
    }

    @Test
    void withoutToolChoiceNoneTheToolsAreLeftOutInstead() {
        ResolvedModel llama = model("{supportsCacheControl: false, supportsToolChoiceNone: "
                + "false}", AnthropicModels.PLAIN);
        assertEquals(json("{'model':'plain','messages':[{'role':'user','content':[{'type':"
                + "'text','text':'w'}]}],'max_tokens':4096,'stream':true}"), body(llama,
                Context.ofUser("w").withTools(List.of(WEATHER)), StreamOptions.builder()
                        .toolChoice(ToolChoice.NONE).build()));
    }

    @Test
    void aToolChoiceWithoutToolsIsNotSent() {
        ResolvedModel plain = model("{supportsCacheControl: false}", AnthropicModels.PLAIN);
        assertFalse(body(plain, Context.ofUser("w"), StreamOptions.builder()
                .toolChoice(ToolChoice.AUTO).build()).contains("tool_choice"));
    }

    @Test
    void aSchemaWithoutTypeGetsObject() {
        ResolvedModel plain = model("{supportsCacheControl: false}", AnthropicModels.PLAIN);
        String body = body(plain, Context.ofUser("w").withTools(List.of(Tool.of("ping", "p",
                Map.of("properties", Map.of())))), StreamOptions.defaults());
        assertEquals(true, body.contains(json("'input_schema':{'type':'object','properties':"
                + "{}}")), body);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // level | thinkingLevelMap | caller budget | maxTokens | expected thinking
        "MEDIUM||||{'type':'enabled','budget_tokens':8192}",
        "MINIMAL||||{'type':'enabled','budget_tokens':1024}",
        "LOW||||{'type':'enabled','budget_tokens':2048}",
        "HIGH||||{'type':'enabled','budget_tokens':16384}",
        "MEDIUM|{medium: '5000'}|||{'type':'enabled','budget_tokens':5000}",
        "MEDIUM|{medium: '5000'}|3000||{'type':'enabled','budget_tokens':3000}",
        "HIGH|||4000|{'type':'enabled','budget_tokens':3999}",
        "XHIGH|{xhigh: '32768'}|||{'type':'enabled','budget_tokens':31999}"})
    void thinkingBudgetsComeFromTheCallerTheMapOrTheDefaultsBelowMaxTokens(ThinkingLevel level,
            String map, Integer budget, Integer maxTokens, String expected) {
        ResolvedModel thinker = model("{supportsCacheControl: false}",
                "{id: thinker, reasoning: true, maxTokens: 32000, contextWindow: 200000"
                        + (map == null ? "" : ", thinkingLevelMap: " + map) + "}");
        StreamOptions.Builder options = StreamOptions.builder().reasoning(level)
                .temperature(0.5);
        if (budget != null) {
            options.thinkingBudget(level, budget);
        }
        if (maxTokens != null) {
            options.maxTokens(maxTokens);
        }
        String body = body(thinker, Context.ofUser("think"), options.build());
        assertEquals(json("'thinking':" + expected + "}"), body.substring(body.indexOf(
                "\"thinking\":")));
        assertFalse(body.contains("temperature"), "no temperature while thinking: " + body);
    }

    @Test
    void adaptiveThinkingSendsAnEffort() {
        ResolvedModel opus = model("{supportsCacheControl: false, thinkingMode: adaptive}",
                "{id: opus, reasoning: true, maxTokens: 128000, contextWindow: 200000, "
                        + "thinkingLevelMap: {xhigh: max}}");
        assertEquals(json("'thinking':{'type':'adaptive'},'output_config':{'effort':'medium'}}"),
                tail(body(opus, Context.ofUser("t"), StreamOptions.builder()
                        .reasoning(ThinkingLevel.MEDIUM).build()), "\"thinking\":"));
        assertEquals(json("'thinking':{'type':'adaptive'},'output_config':{'effort':'low'}}"),
                tail(body(opus, Context.ofUser("t"), StreamOptions.builder()
                        .reasoning(ThinkingLevel.MINIMAL).build()), "\"thinking\":"));
        assertEquals(json("'thinking':{'type':'adaptive'},'output_config':{'effort':'max'}}"),
                tail(body(opus, Context.ofUser("t"), StreamOptions.builder()
                        .reasoning(ThinkingLevel.XHIGH).build()), "\"thinking\":"));
    }

    @Test
    void thinkingIsLeftOutWhenOffForcedByToolChoiceOrForAModelThatCannotReason() {
        ResolvedModel thinker = model("{supportsCacheControl: false}", AnthropicModels.THINKER);
        ResolvedModel plain = model("{supportsCacheControl: false}", AnthropicModels.PLAIN);
        Context weather = Context.ofUser("w").withTools(List.of(WEATHER));
        assertFalse(body(thinker, weather, StreamOptions.builder().reasoning(ThinkingLevel.OFF)
                .build()).contains("thinking"));
        assertFalse(body(thinker, weather, StreamOptions.builder().reasoning(ThinkingLevel.HIGH)
                .toolChoice(ToolChoice.REQUIRED).build()).contains("thinking"));
        assertFalse(body(thinker, weather, StreamOptions.builder().reasoning(ThinkingLevel.HIGH)
                .toolChoice(ToolChoice.function("get_weather")).build()).contains("thinking"));
        String plainBody = body(plain, weather, StreamOptions.builder()
                .reasoning(ThinkingLevel.HIGH).temperature(0.2).build());
        assertFalse(plainBody.contains("thinking"));
        assertEquals(true, plainBody.contains("\"temperature\":0.2"), plainBody);
    }

    @Test
    void aBudgetThatCannotFitBelowMaxTokensCannotBeSent() {
        ResolvedModel thinker = model("{}", AnthropicModels.THINKER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encode(
                thinker, Context.ofUser("t"), StreamOptions.builder()
                        .reasoning(ThinkingLevel.MEDIUM).maxTokens(1000).build()));
        assertEquals("thinking at level medium needs a budget of at least 1024 tokens below "
                + "max_tokens, but max_tokens is 1000; raise maxTokens or think less",
                e.getMessage());
        ResolvedModel efforts = model("{}", "{id: t, reasoning: true, "
                + "thinkingLevelMap: {medium: high}}");
        assertThrows(IllegalArgumentException.class, () -> encode(efforts,
                Context.ofUser("t"), StreamOptions.builder().reasoning(ThinkingLevel.MEDIUM)
                        .build()));
    }

    @Test
    void maxTokensIsTheCallersElseTheModelsElse4096CutToTheContextWindow() {
        assertEquals(700, MessagesEncoder.maxTokens(700, 4096, 8192, 100));
        assertEquals(4096, MessagesEncoder.maxTokens(null, 4096, 200_000, 100));
        assertEquals(4096, MessagesEncoder.maxTokens(null, null, null, 100));
        // 8192 - 5000 prompt - min(4096, 8192 / 4) margin
        assertEquals(1144, MessagesEncoder.maxTokens(null, 4096, 8192, 5000));
        assertEquals(1, MessagesEncoder.maxTokens(null, 4096, 8192, 90_000));
        ResolvedModel bare = model("{}", "{id: bare}");
        assertEquals(4096, encode(bare, Context.ofUser("x"), StreamOptions.defaults())
                .maxTokens());
    }

    @Test
    void cacheBreakpointsFollowRetentionAndTheFlags() {
        Context context = new Context("sys", List.of(UserMessage.of("q")), List.of(WEATHER));
        ResolvedModel plain = model("{}", AnthropicModels.PLAIN);
        assertFalse(body(plain, context, StreamOptions.builder()
                .cacheRetention(CacheRetention.NONE).build()).contains("cache_control"));
        ResolvedModel off = model("{supportsCacheControl: false}", AnthropicModels.PLAIN);
        assertFalse(body(off, context, StreamOptions.defaults()).contains("cache_control"));
        ResolvedModel shortOnly = model("{supportsLongCacheRetention: false}",
                AnthropicModels.PLAIN);
        String body = body(shortOnly, context, StreamOptions.builder()
                .cacheRetention(CacheRetention.LONG).build());
        assertFalse(body.contains("ttl"), body);
        assertEquals(3, body.split("cache_control", -1).length - 1, body);
    }

    @Test
    void noBetaFeaturesMeansNoHeader() {
        ResolvedModel plain = model("{betaFeatures: []}", AnthropicModels.PLAIN);
        assertEquals(Map.of("anthropic-version", "2023-06-01"), encode(plain,
                Context.ofUser("x"), StreamOptions.defaults()).headers());
    }

    @Test
    void extraFieldsComeLastAndOmitFieldsRemoveWhatTheServerRefuses() {
        ResolvedModel minimax = model("{supportsCacheControl: false, omitFields: [metadata, "
                + "stop_sequences]}", AnthropicModels.PLAIN);
        assertEquals(json("{'model':'plain','messages':[{'role':'user','content':[{'type':"
                + "'text','text':'x'}]}],'max_tokens':4096,'stream':true,'top_k':5}"),
                body(minimax, Context.ofUser("x"), StreamOptions.builder().sessionId("s")
                        .stop(List.of("END")).extraBody("top_k", 5).build()));
    }

    @Test
    void loneSurrogatesAreStrippedFromEveryString() {
        ResolvedModel plain = model("{supportsCacheControl: false}", AnthropicModels.PLAIN);
        String body = body(plain, Context.ofUser("a\uD83Db \uD83D\uDE00"),
                StreamOptions.defaults());
        assertEquals(true, body.contains("\"text\":\"ab \uD83D\uDE00\""), body);
    }

    @Test
    void aContextWithNothingToSendIsRefusedBeforeSending() {
        ResolvedModel plain = model("{}", AnthropicModels.PLAIN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encode(plain, chat(UserMessage.of("  ")), StreamOptions.defaults()));
        assertEquals(true, e.getMessage().startsWith("there is no message to send"),
                e.getMessage());
    }

    @Test
    void contextPrecheckRefusesAPromptBeyondTheWindow() {
        ResolvedModel small = model("{contextPrecheck: true}", "{id: small, "
                + "contextWindow: 1000}");
        RequestRefusedException e = assertThrows(RequestRefusedException.class, () -> encode(
                small, Context.ofUser("word ".repeat(1000)), StreamOptions.defaults()));
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, e.kind());
    }

    /** Returns the last element of the messages array as compact JSON. */
    private static String lastTurn(String body) {
        String messages = body.substring(body.indexOf("\"messages\":["));
        int end = messages.indexOf("],\"max_tokens\"");
        String all = messages.substring("\"messages\":[".length(), end);
        return all.substring(all.lastIndexOf("{\"role\""));
    }

    /** Returns turn {@code n} of the messages array as compact JSON. */
    private static String turn(String body, int n) {
        String messages = body.substring(body.indexOf("\"messages\":[") + 12,
                body.indexOf("],\"max_tokens\""));
        String[] turns = messages.split(",(?=\\{\"role\")");
        return turns[n];
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from) + from.length();
        return text.substring(start, text.indexOf(to, start));
    }

    private static String tail(String text, String from) {
        return text.substring(text.indexOf(from));
    }
}
