package dev.providers.engine.internal.openai;

import static dev.providers.engine.internal.openai.Fixtures.call;
import static dev.providers.engine.internal.openai.Fixtures.failed;
import static dev.providers.engine.internal.openai.Fixtures.foreign;
import static dev.providers.engine.internal.openai.Fixtures.image;
import static dev.providers.engine.internal.openai.Fixtures.own;
import static dev.providers.engine.internal.openai.Fixtures.result;
import static dev.providers.engine.internal.openai.Fixtures.text;
import static dev.providers.engine.internal.openai.Fixtures.thinking;
import static dev.providers.engine.internal.openai.TestModels.CHAT;
import static dev.providers.engine.internal.openai.TestModels.THINKER;
import static dev.providers.engine.internal.openai.TestModels.VISION;

import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import java.util.Map;

/** Golden cases: replay of histories (§3.3), shaped like P05–P07, P10c, P11 and P13. */
public final class ReplayCases {

    private ReplayCases() { }

    /** P07's foreign tool-call id: 450 characters, with {@code |} and {@code =}. */
    public static final String FOREIGN_ID = foreignId();

    private static String foreignId() {
        StringBuilder id = new StringBuilder("call_8fJ2kQ|fc_");
        while (id.length() < 450) {
            id.append("aGVsbG8gd29ybGQ+/=");
        }
        return id.substring(0, 450);
    }

    /** P07: a foreign turn with thinking, text and a long id, its result, then "Continue.". */
    static Context foreignHistory() {
        return new Context("You are a helpful assistant.", List.of(
                UserMessage.of("What is the weather in Paris?"),
                foreign(thinking("The user wants the weather; call get_weather.",
                                "reasoning_content"),
                        text("Let me check."),
                        new ToolCall(FOREIGN_ID, "get_weather", Map.of("city", "Paris"),
                                "{\"type\":\"reasoning.encrypted\",\"id\":\"x\",\"data\":\"e\"}")),
                result(FOREIGN_ID, "get_weather", text("sunny, 21C")),
                UserMessage.of("Continue.")), List.of(Fixtures.getWeather()));
    }

    static List<GoldenCase> all() {
        return List.of(
                GoldenCase.of("replay-p05-tool-round-trip", "{}", CHAT,
                        CompatFlagCases.weatherRoundTrip("chat")),
                GoldenCase.of("replay-p06-orphaned-call", "{}", CHAT, orphanedCall()),
                GoldenCase.of("replay-p06-orphaned-at-end", "{}", CHAT, orphanedAtEnd()),
                GoldenCase.of("replay-p07-foreign-history", "{}", CHAT, foreignHistory()),
                GoldenCase.of("replay-p07-foreign-history-reasoning", "{}", THINKER,
                        foreignHistory()),
                GoldenCase.of("replay-p10c-dropped-aborted-turn", "{}", CHAT, abortedTurn()),
                GoldenCase.of("replay-dropped-errored-turn", "{}", CHAT, erroredTurn()),
                GoldenCase.of("replay-p11-empty-user-array", "{}", CHAT,
                        new Context(null, List.of(new UserMessage(List.of(), 0)), List.of())),
                GoldenCase.of("replay-p11-empty-user-array-in-history", "{}", CHAT,
                        new Context(null, List.of(UserMessage.of("Hi"),
                                own("chat", text("Hello! How can I help?")),
                                new UserMessage(List.of(), 0)), List.of())),
                GoldenCase.of("replay-p11-empty-string", "{}", CHAT, Context.ofUser("")),
                GoldenCase.of("replay-p11-whitespace", "{}", CHAT, Context.ofUser("   \n\t  ")),
                GoldenCase.of("replay-p11-empty-assistant", "{}", CHAT, emptyAssistant()),
                GoldenCase.of("replay-p13a-unicode", "{}", CHAT, unicode(
                        "Test with emoji 🙈 👍 ❤️ 🤔 🚀, umlauts äöü ÄÖÜ ß, こんにちは, 你好, "
                                + "∑∫∂√, and “curly quotes”.",
                        "Summarize the tool result briefly.")),
                GoldenCase.of("replay-p13b-json-comments", "{}", CHAT, unicode(
                        "[{\"id\": 1, \"comment\": \"Looks great! 😍\"}, "
                                + "{\"id\": 2, \"comment\": \"Needs work \\\"here\\\"\"}]",
                        "How many comments are there?")),
                GoldenCase.of("replay-p13c-lone-surrogate", "{}", CHAT, unicode(
                        "Broken emoji: \uD83D end, valid pair: \uD83D\uDE80, lone low: \uDE80.",
                        "What did the tool return? \uD83D")),
                GoldenCase.of("replay-images-vision", "{}", VISION, images()),
                GoldenCase.of("replay-images-text-only", "{}", CHAT, images()),
                GoldenCase.of("replay-tool-result-placeholders", "{}", VISION,
                        resultPlaceholders()),
                GoldenCase.of("replay-own-thinking", "{}", THINKER, ownThinking()),
                GoldenCase.of("replay-reasoning-details", "{}", CHAT, reasoningDetails()),
                GoldenCase.of("replay-no-tools-with-tool-history", "{}", CHAT,
                        CompatFlagCases.weatherRoundTrip("chat").withTools(List.of())),
                GoldenCase.of("replay-no-tools-with-tool-history-proxy",
                        "{requiresToolsWithToolHistory: true}", CHAT,
                        CompatFlagCases.weatherRoundTrip("chat").withTools(List.of())),
                GoldenCase.of("replay-no-tools-after-dropped-calls", "{}", CHAT,
                        abortedTurn().withTools(List.of())));
    }

    /** P06: a call, then a user message with no result in between. */
    static Context orphanedCall() {
        return new Context("You are a helpful assistant.", List.of(
                UserMessage.of("What is the weather in Paris? Use the get_weather tool."),
                own("chat", call("tst000001", "get_weather", Map.of("city", "Paris")),
                        call("tst000002", "get_weather", Map.of("city", "Rome"))),
                result("tst000002", "get_weather", text("rainy, 14C")),
                UserMessage.of("Never mind, just say hello.")),
                List.of(Fixtures.getWeather()));
    }

    /** A history that ends with an unanswered call. */
    static Context orphanedAtEnd() {
        return new Context(null, List.of(
                UserMessage.of("What is the weather in Paris?"),
                own("chat", call("tst000001", "get_weather", Map.of("city", "Paris")))),
                List.of(Fixtures.getWeather()));
    }

    /** P10c: an aborted turn with a call and its result, then a follow-up. */
    static Context abortedTurn() {
        return new Context("You are a helpful assistant.", List.of(
                UserMessage.of("What is 15 + 27? Then list 50 first names."),
                failed("chat", StopReason.ABORTED, text("42. Names: Alice, Bob"),
                        call("tst000001", "get_weather", Map.of("city", "Paris"))),
                result("tst000001", "get_weather", text("sunny, 21C")),
                UserMessage.of("Please continue, but only generate 5 names.")),
                List.of(Fixtures.getWeather()));
    }

    /** An errored turn between two good ones; a later turn reuses the errored call's id. */
    static Context erroredTurn() {
        return new Context(null, List.of(
                UserMessage.of("Weather in Paris?"),
                failed("chat", StopReason.ERROR,
                        call("tst000001", "get_weather", Map.of("city", "Paris"))),
                result("tst000001", "get_weather", text("stale result")),
                UserMessage.of("Try again."),
                own("chat", call("tst000001", "get_weather", Map.of("city", "Paris"))),
                result("tst000001", "get_weather", text("sunny, 21C"))),
                List.of(Fixtures.getWeather()));
    }

    /** P11 case 4: an own assistant turn with no content. */
    static Context emptyAssistant() {
        return new Context(null, List.of(
                UserMessage.of("Hello, how are you?"),
                own("chat"),
                UserMessage.of("Please respond this time.")), List.of());
    }

    /** P13: a test_tool call whose result holds {@code toolText}, then a follow-up. */
    static Context unicode(String toolText, String followUp) {
        return new Context("You are a helpful assistant.", List.of(
                UserMessage.of("Use the test tool"),
                own("chat", call("tst000001", "test_tool", Map.of())),
                result("tst000001", "test_tool", text(toolText)),
                UserMessage.of(followUp)), List.of(Fixtures.testTool()));
    }

    /** User images and a batch of two tool results with images. */
    static Context images() {
        ImageContent png = image();
        return new Context(null, List.of(
                UserMessage.of(text("What do you see?"), png, png, text("And here?"), png),
                own("vision", text("Let me look closer."),
                        call("tst000001", "get_circle", Map.of()),
                        call("tst000002", "get_circle_with_description", Map.of())),
                result("tst000001", "get_circle", png),
                result("tst000002", "get_circle_with_description",
                        text("A circle with a diameter of 100 pixels."), png, png),
                UserMessage.of("Describe both.")),
                List.of(Fixtures.simpleTool("get_circle", "Returns a circle"),
                        Fixtures.simpleTool("get_circle_with_description",
                                "Returns a circle and its description")));
    }

    /** Tool results that are empty, whitespace-only, several texts, and errors. */
    static Context resultPlaceholders() {
        return new Context(null, List.of(
                UserMessage.of("Run all four."),
                own("vision", call("tst000001", "a", Map.of()), call("tst000002", "b", Map.of()),
                        call("tst000003", "c", Map.of()), call("tst000004", "d", Map.of())),
                new ToolResultMessage("tst000001", "a", List.of(), false, List.of(), 0),
                result("tst000002", "b", text("  \n\t ")),
                result("tst000003", "c", text("line 1"), text("line 2")),
                ToolResultMessage.error("tst000004", "d", "boom")),
                List.of());
    }

    /** Own thinking under each signature, an empty unsigned one, and a redacted one. */
    static Context ownThinking() {
        return new Context(null, List.of(
                UserMessage.of("First?"),
                own("thinker", thinking("Thought A.", "reasoning"), text("Answer A.")),
                UserMessage.of("Second?"),
                own("thinker", ThinkingContent.of("   "), new ThinkingContent("opaque", null, true),
                        text("Answer "), text(" "), text("B.")),
                UserMessage.of("Third?"),
                own("thinker", thinking("Thought C1.", "reasoning_text"),
                        thinking("Thought C2.", "reasoning_content"), text("Answer C.")),
                UserMessage.of("Fourth?")), List.of());
    }

    /** An own call carrying an OpenRouter encrypted reasoning detail. */
    static Context reasoningDetails() {
        AssistantMessage turn = own("chat", new ToolCall("tst000001", "get_weather",
                Map.of("city", "Paris"),
                "{\"type\":\"reasoning.encrypted\",\"id\":\"tst000001\",\"data\":\"ZW5j\"}"),
                new ToolCall("tst000002", "get_weather", Map.of("city", "Rome"), "not json"));
        return new Context(null, List.of(
                UserMessage.of("Weather in Paris and Rome?"), turn,
                result("tst000001", "get_weather", text("sunny")),
                result("tst000002", "get_weather", text("rainy"))),
                List.of(Fixtures.getWeather()));
    }
}
