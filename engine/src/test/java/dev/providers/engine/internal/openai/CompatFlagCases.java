package dev.providers.engine.internal.openai;

import static dev.providers.engine.internal.openai.Fixtures.call;
import static dev.providers.engine.internal.openai.Fixtures.image;
import static dev.providers.engine.internal.openai.Fixtures.own;
import static dev.providers.engine.internal.openai.Fixtures.result;
import static dev.providers.engine.internal.openai.Fixtures.text;
import static dev.providers.engine.internal.openai.Fixtures.thinking;
import static dev.providers.engine.internal.openai.TestModels.CHAT;
import static dev.providers.engine.internal.openai.TestModels.THINKER;
import static dev.providers.engine.internal.openai.TestModels.VISION;

import dev.providers.engine.CacheRetention;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.spec.ThinkingLevel;
import java.util.List;
import java.util.Map;

/** Golden cases: one per request-side compat flag (W19), thinking formats aside. */
final class CompatFlagCases {

    private CompatFlagCases() { }

    /** Returns system "You are a helpful assistant." + user "Hello". */
    static Context hello() {
        return new Context("You are a helpful assistant.", List.of(UserMessage.of("Hello")),
                List.of());
    }

    /** Returns P05's history on model {@code model}: a get_weather call and its result. */
    static Context weatherRoundTrip(String model) {
        return new Context("You are a helpful assistant that uses tools when asked.", List.of(
                UserMessage.of("What is the weather in Paris? Use the get_weather tool."),
                own(model, call("tst000001", "get_weather", Map.of("city", "Paris"))),
                result("tst000001", "get_weather", text("sunny, 21C"))),
                List.of(Fixtures.getWeather()));
    }

    /** Returns P05's history followed directly by a user message. */
    static Context weatherThenUser(String model) {
        return weatherRoundTrip(model).with(UserMessage.of("And in Rome?"));
    }

    static List<GoldenCase> all() {
        return List.of(
                GoldenCase.of("default", "{}", CHAT, hello()),
                GoldenCase.of("supports-store", "{supportsStore: true}", CHAT, hello()),
                GoldenCase.of("supports-developer-role", "{supportsDeveloperRole: true}",
                        THINKER, hello()),
                GoldenCase.of("supports-developer-role-non-reasoning",
                        "{supportsDeveloperRole: true}", CHAT, hello()),
                new GoldenCase("supports-reasoning-effort-false",
                        "{supportsReasoningEffort: false}", THINKER, hello(),
                        StreamOptions.builder().reasoning(ThinkingLevel.MEDIUM).build()),
                GoldenCase.of("supports-usage-in-streaming-false",
                        "{supportsUsageInStreaming: false}", CHAT, hello()),
                GoldenCase.of("max-tokens-field-max-completion-tokens",
                        "{maxTokensField: max_completion_tokens}", CHAT, hello()),
                GoldenCase.of("requires-tool-result-name", "{requiresToolResultName: true}",
                        CHAT, weatherRoundTrip("chat")),
                GoldenCase.of("requires-assistant-after-tool-result",
                        "{requiresAssistantAfterToolResult: true}", CHAT,
                        weatherThenUser("chat")),
                GoldenCase.of("requires-assistant-after-tool-result-images",
                        "{requiresAssistantAfterToolResult: true}", VISION, imageResult()),
                GoldenCase.of("requires-thinking-as-text", "{requiresThinkingAsText: true}",
                        THINKER, thinkingHistory()),
                GoldenCase.of("requires-reasoning-content",
                        "{requiresReasoningContentOnAssistantMessages: true}", THINKER,
                        reasoningReplay()),
                GoldenCase.of("reasoning-replay-field-reasoning",
                        "{reasoningReplayField: reasoning}", THINKER, thinkingHistory()),
                GoldenCase.of("reasoning-replay-field-omit", "{reasoningReplayField: omit}",
                        THINKER, reasoningReplay()),
                GoldenCase.of("requires-reasoning-content-non-reasoning",
                        "{requiresReasoningContentOnAssistantMessages: true}", CHAT,
                        weatherThenUser("chat")),
                cache("cache-control-anthropic", "{cacheControlFormat: anthropic}",
                        CacheRetention.SHORT),
                cache("cache-control-anthropic-long", "{cacheControlFormat: anthropic}",
                        CacheRetention.LONG),
                cache("cache-control-anthropic-long-unsupported",
                        "{cacheControlFormat: anthropic, supportsLongCacheRetention: false}",
                        CacheRetention.LONG),
                cache("cache-control-anthropic-none", "{cacheControlFormat: anthropic}",
                        CacheRetention.NONE),
                session("prompt-cache-key", "{supportsPromptCacheKey: true}", "session-42",
                        CacheRetention.SHORT),
                session("prompt-cache-key-long", "{supportsPromptCacheKey: true}", "session-42",
                        CacheRetention.LONG),
                session("prompt-cache-key-long-unsupported",
                        "{supportsPromptCacheKey: true, supportsLongCacheRetention: false}",
                        "session-42", CacheRetention.LONG),
                session("prompt-cache-key-none", "{supportsPromptCacheKey: true}", "session-42",
                        CacheRetention.NONE),
                session("prompt-cache-key-clamped", "{supportsPromptCacheKey: true}",
                        "🚀".repeat(40) + "x".repeat(40), CacheRetention.SHORT),
                session("session-affinity-openai", "{sendSessionAffinityHeaders: true}",
                        "session-42", CacheRetention.SHORT),
                session("session-affinity-openai-nosession",
                        "{sendSessionAffinityHeaders: true, "
                                + "sessionAffinityFormat: openai-nosession}",
                        "session-42", CacheRetention.SHORT),
                session("session-affinity-openrouter",
                        "{sendSessionAffinityHeaders: true, sessionAffinityFormat: openrouter}",
                        "session-42", CacheRetention.SHORT),
                session("session-affinity-caching-off", "{sendSessionAffinityHeaders: true}",
                        "session-42", CacheRetention.NONE),
                GoldenCase.of("strict-mode", "{supportsStrictMode: true}", CHAT,
                        hello().withTools(List.of(Fixtures.mathOperation(),
                                Fixtures.getWeather()))),
                GoldenCase.of("grammar-tools", "{supportsOpenAIGrammarTools: true}", CHAT,
                        hello().withTools(List.of(Fixtures.sqlTool(), Fixtures.getWeather()))),
                GoldenCase.of("grammar-tools-degraded", "{}", CHAT,
                        hello().withTools(List.of(Fixtures.sqlTool(), Fixtures.getWeather()))),
                GoldenCase.of("zai-tool-stream", "{zaiToolStream: true}", CHAT,
                        hello().withTools(List.of(Fixtures.getWeather()))),
                GoldenCase.of("zai-tool-stream-no-tools", "{zaiToolStream: true}", CHAT,
                        hello()),
                budget("thinking-token-budget", ThinkingLevel.MEDIUM, StreamOptions.builder()),
                budget("thinking-token-budget-capped", ThinkingLevel.HIGH,
                        StreamOptions.builder().maxTokens(4096)),
                budget("thinking-token-budget-override", ThinkingLevel.XHIGH,
                        StreamOptions.builder().thinkingBudget(ThinkingLevel.HIGH, 3000)),
                budget("thinking-token-budget-off", ThinkingLevel.OFF, StreamOptions.builder()),
                GoldenCase.of("deferred-tools-kimi", "{deferredToolsMode: kimi}", CHAT,
                        deferredTools()),
                GoldenCase.of("deferred-tools-off", "{}", CHAT, deferredTools()),
                GoldenCase.of("deferred-tools-kimi-grammar",
                        "{deferredToolsMode: kimi, supportsOpenAIGrammarTools: true}", CHAT,
                        grammarAdded()),
                GoldenCase.of("open-router-routing",
                        "{openRouterRouting: {order: [anthropic, openai], "
                                + "allow_fallbacks: false}}", CHAT, hello()),
                GoldenCase.of("vercel-gateway-routing",
                        "{vercelGatewayRouting: {only: [anthropic], "
                                + "order: [anthropic, bedrock]}}", CHAT, hello()),
                GoldenCase.of("tool-call-id-format-mistral",
                        "{toolCallIdFormat: {exactLength: 9, charset: alphanumeric}}", CHAT,
                        ReplayCases.foreignHistory()),
                GoldenCase.of("tool-call-id-format-short",
                        "{toolCallIdFormat: {maxLength: 16}}", CHAT,
                        ReplayCases.foreignHistory()),
                new GoldenCase("omit-fields", "{omitFields: [stream_options, temperature]}",
                        CHAT, hello(), StreamOptions.builder().temperature(0.5).seed(7).build()),
                GoldenCase.of("merge-same-role-messages", "{mergeSameRoleMessages: true}", CHAT,
                        repeatedRoles()),
                GoldenCase.of("single-system-message", "{singleSystemMessage: true}", CHAT,
                        hello()),
                GoldenCase.of("requires-user-first-alternation",
                        "{requiresUserFirstAlternation: true}", CHAT, repeatedRoles()),
                GoldenCase.of("merge-and-alternation",
                        "{mergeSameRoleMessages: true, requiresUserFirstAlternation: true}",
                        CHAT, repeatedRoles()));
    }

    private static GoldenCase cache(String name, String compat, CacheRetention retention) {
        return new GoldenCase(name, compat, CHAT, weatherRoundTrip("chat"),
                StreamOptions.builder().cacheRetention(retention).build());
    }

    private static GoldenCase session(String name, String compat, String session,
            CacheRetention retention) {
        return new GoldenCase(name, compat, CHAT, hello(), StreamOptions.builder()
                .sessionId(session).cacheRetention(retention).build());
    }

    private static GoldenCase budget(String name, ThinkingLevel level,
            StreamOptions.Builder options) {
        return new GoldenCase(name, "{supportsThinkingTokenBudget: true}",
                "{id: qwen3, reasoning: true, maxTokens: 8192, contextWindow: 65536, "
                        + "thinkingLevelMap: {xhigh: xhigh}}",
                hello(), options.reasoning(level).build());
    }

    /** A tool result with text and an image, then a user follow-up. */
    static Context imageResult() {
        return new Context(null, List.of(
                UserMessage.of("Call the get_circle tool and describe what you see."),
                own("vision", call("tst000001", "get_circle", Map.of())),
                result("tst000001", "get_circle", text("A shape:"), image()),
                UserMessage.of("What colour is it?")),
                List.of(Fixtures.simpleTool("get_circle", "Returns an image of a circle")));
    }

    /** An own reasoning turn (unsigned thinking) and a follow-up question. */
    static Context thinkingHistory() {
        return new Context(null, List.of(
                UserMessage.of("What is 2+2?"),
                own("thinker", thinking("Two plus two is four.", null), text("4")),
                UserMessage.of("And 3+3?")), List.of());
    }

    /** Own turns with thinking under {@code reasoning}, and one without thinking. */
    static Context reasoningReplay() {
        return new Context(null, List.of(
                UserMessage.of("What is the weather in Paris?"),
                own("thinker", thinking("I should call the tool.", "reasoning"),
                        call("tst000001", "get_weather", Map.of("city", "Paris"))),
                result("tst000001", "get_weather", text("sunny, 21C")),
                own("thinker", text("It is sunny and 21C in Paris.")),
                UserMessage.of("Thanks!")), List.of(Fixtures.getWeather()));
    }

    /** A result that adds a tool (Kimi's deferred tools). */
    static Context deferredTools() {
        ToolResultMessage found = new ToolResultMessage("tst000001", "search_tools",
                List.of(text("Found the fetch tool.")), false, List.of("fetch_url"), 0);
        return new Context("You are a helpful assistant.", List.<Message>of(
                UserMessage.of("Find a tool to fetch https://example.com and use it."),
                own("chat", call("tst000001", "search_tools", Map.of("query", "fetch"))),
                found,
                own("chat", call("tst000002", "fetch_url", Map.of("url", "https://example.com"))),
                result("tst000002", "fetch_url", text("<html>Example</html>"))),
                List.of(Fixtures.simpleTool("search_tools", "Search for more tools"),
                        Fixtures.simpleTool("fetch_url", "Fetch a URL"),
                        Fixtures.getWeather()));
    }

    /** A result that adds the grammar tool {@code run_sql} (Kimi's deferred tools). */
    static Context grammarAdded() {
        ToolResultMessage found = new ToolResultMessage("tst000001", "search_tools",
                List.of(text("Found a SQL tool.")), false, List.of("run_sql"), 0);
        return new Context(null, List.<Message>of(
                UserMessage.of("Find a tool to query the orders table."),
                own("chat", call("tst000001", "search_tools", Map.of("query", "sql"))),
                found,
                own("chat", call("tst000002", "run_sql", Map.of("input", "SELECT id FROM t"))),
                result("tst000002", "run_sql", text("id\n1"))),
                List.of(Fixtures.simpleTool("search_tools", "Search for more tools"),
                        Fixtures.sqlTool()));
    }

    /** Starts with an assistant greeting, repeats user and assistant turns. */
    static Context repeatedRoles() {
        return new Context("You are a helpful assistant.", List.of(
                own("chat", text("Hi! How can I help?")),
                UserMessage.of("Tell me a joke."),
                UserMessage.of("About cats, please."),
                own("chat", text("Why did the cat sit on the computer?")),
                own("chat", text("To keep an eye on the mouse.")),
                UserMessage.of(text("Another one about"), image(), text("this dog?"))),
                List.of());
    }
}
