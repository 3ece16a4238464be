package dev.providers.engine.internal.responses;

import static dev.providers.engine.internal.responses.ResponsesModels.CHAT;
import static dev.providers.engine.internal.responses.ResponsesModels.THINKER;
import static dev.providers.engine.internal.responses.ResponsesModels.VISION;
import static dev.providers.engine.internal.responses.ResponsesModels.body;
import static dev.providers.engine.internal.responses.ResponsesModels.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.CacheRetention;
import dev.providers.engine.ResponseFormat;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request rules of docs/dialects/openai-responses.md §3, one per test, as exact bodies. */
class ResponsesEncoderTest {

    private static final Map<String, Object> CITY = ordered("type", "object", "properties",
            Map.of("city", Map.of("type", "string")), "required", List.of("city"));
    private static final Tool WEATHER = Tool.of("get_weather", "Get the weather", CITY);
    /** A reasoning item as OpenAI sends it, kept as the thinking block's signature. */
    private static final String ITEM = "{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":"
            + "[{\"type\":\"summary_text\",\"text\":\"Need the tool.\"}],\"encrypted_content\":"
            + "\"gAAAAB\"}";

    @TempDir
    Path dir;

    /** Returns a map that keeps the order of its keys, as a schema written by hand does. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static Context hi() {
        return new Context("Be brief.", List.of(UserMessage.of("Hi")), List.of());
    }

    private static AssistantMessage turn(String provider, String api, String model,
            StopReason stop, Object... blocks) {
        List<dev.providers.engine.message.AssistantContent> content = new java.util.ArrayList<>();
        for (Object block : blocks) {
            content.add((dev.providers.engine.message.AssistantContent) block);
        }
        return new AssistantMessage(content, api, provider, model, null, null, Usage.ZERO, stop,
                null, null, null, 0);
    }

    @Test
    @DisplayName("a text request: instructions, input parts, stream, store false, the limit")
    void textRequest() {
        assertEquals("{\"model\":\"chat\",\"instructions\":\"Be brief.\",\"input\":[{\"role\":"
                + "\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Hi\"}]}],"
                + "\"stream\":true,\"store\":false,\"max_output_tokens\":4096}",
                body(load(dir, "{}", CHAT), hi(), StreamOptions.defaults()));
        DialectRequest request = ResponsesModels.request(load(dir, "{}", CHAT), hi(),
                StreamOptions.defaults());
        assertEquals("responses", request.path());
        assertEquals("text/event-stream", request.accept());
        assertEquals(4096, request.maxTokens());
    }

    @Test
    @DisplayName("the system prompt as a developer or system message, by compat")
    void systemPromptAsMessage() {
        assertEquals("{\"model\":\"chat\",\"input\":[{\"role\":\"developer\",\"content\":"
                + "\"Be brief.\"},{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"Hi\"}]}],\"stream\":true,\"store\":false}",
                body(load(dir, "{systemPrompt: developer, supportsStore: true}",
                        "{id: chat}"), hi(), StreamOptions.defaults()));
        assertTrue(body(load(dir, "{systemPrompt: system, supportsStore: false}", "{id: chat}"),
                hi(), StreamOptions.defaults()).startsWith("{\"model\":\"chat\",\"input\":"
                + "[{\"role\":\"system\",\"content\":\"Be brief.\"},"));
    }

    @Test
    @DisplayName("a reasoning model: encrypted reasoning included, effort and summary by level")
    void reasoningLevels() {
        ResolvedModel thinker = load(dir, "{}", THINKER);
        StreamOptions medium = StreamOptions.builder().reasoning(ThinkingLevel.MEDIUM).build();
        assertEquals("{\"model\":\"thinker\",\"instructions\":\"Be brief.\",\"input\":[{\"role\":"
                + "\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Hi\"}]}],"
                + "\"stream\":true,\"store\":false,\"include\":[\"reasoning.encrypted_content\"],"
                + "\"max_output_tokens\":8192,\"reasoning\":{\"effort\":\"medium\",\"summary\":"
                + "\"auto\"}}", body(thinker, hi(), medium));
        assertTrue(body(load(dir, "{reasoningSummary: omit, supportsEncryptedReasoning: false}",
                THINKER), hi(), medium).endsWith("\"max_output_tokens\":8192,\"reasoning\":"
                + "{\"effort\":\"medium\"}}"));
        // no level asked for: no reasoning field at all, the model's default applies
        assertTrue(body(thinker, hi(), StreamOptions.defaults()).endsWith(
                "\"max_output_tokens\":8192}"));
        // a model without reasoning gets neither include nor reasoning
        assertTrue(body(load(dir, "{}", CHAT), hi(), medium).endsWith("\"store\":false,"
                + "\"max_output_tokens\":4096}"));
    }

    @Test
    @DisplayName("off: effort none, or nothing, or the level map's value for off")
    void reasoningOff() {
        StreamOptions off = StreamOptions.builder().reasoning(ThinkingLevel.OFF).build();
        assertTrue(body(load(dir, "{}", THINKER), hi(), off).endsWith(
                "\"reasoning\":{\"effort\":\"none\"}}"));
        assertTrue(body(load(dir, "{reasoningOff: omit}", THINKER), hi(), off).endsWith(
                "\"max_output_tokens\":8192}"));
        assertTrue(body(load(dir, "{}", "{id: gpt-5, reasoning: true, thinkingLevelMap: "
                + "{'off': minimal, xhigh: xhigh}}"), hi(), off).endsWith(
                "\"reasoning\":{\"effort\":\"minimal\"}}"));
        assertTrue(body(load(dir, "{}", "{id: gpt-5, reasoning: true, thinkingLevelMap: "
                + "{xhigh: xhigh}}"), hi(), StreamOptions.builder().reasoning(
                ThinkingLevel.XHIGH).build()).endsWith("\"reasoning\":{\"effort\":\"xhigh\","
                + "\"summary\":\"auto\"}}"));
    }

    @Test
    @DisplayName("a history: own reasoning item, text, call with its item id, result; foreign "
            + "thinking as text")
    void historyReplay() {
        ResolvedModel thinker = load(dir, "{}", THINKER);
        List<Message> history = List.of(UserMessage.of("Weather?"),
                turn("acme", "openai-responses", "thinker", StopReason.TOOL_USE,
                        new ThinkingContent("Need the tool.", ITEM, false),
                        new TextContent("Checking."),
                        new ToolCall("call_1", "get_weather", Map.of("city", "Paris"), "fc_1")),
                ToolResultMessage.of("call_1", "get_weather", "sunny"),
                turn("other", "openai-completions", "other-model", StopReason.STOP,
                        new ThinkingContent("foreign thought", "reasoning_content", false),
                        new TextContent("Done.")),
                UserMessage.of("Thanks"));
        assertEquals("{\"model\":\"thinker\",\"input\":[{\"role\":\"user\",\"content\":[{"
                + "\"type\":\"input_text\",\"text\":\"Weather?\"}]}," + ITEM + ",{\"type\":"
                + "\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                + "\"text\":\"Checking.\",\"annotations\":[]}],\"status\":\"completed\",\"id\":"
                + "\"msg_0\"},{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":"
                + "\"call_1\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":"
                + "\\\"Paris\\\"}\"},{\"type\":\"function_call_output\",\"call_id\":\"call_1\","
                + "\"output\":\"sunny\"},{\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"foreign thought\\n\\n"
                + "Done.\",\"annotations\":[]}],\"status\":\"completed\",\"id\":\"msg_1\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":"
                + "\"Thanks\"}]}],\"stream\":true,\"store\":false,\"include\":["
                + "\"reasoning.encrypted_content\"],\"max_output_tokens\":8192,\"tools\":[{"
                + "\"type\":\"function\",\"name\":\"get_weather\",\"description\":\"Get the "
                + "weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{"
                + "\"type\":\"string\"}},\"required\":[\"city\"]},\"strict\":false}]}",
                body(thinker, new Context(null, history, List.of(WEATHER)),
                        StreamOptions.defaults()));
    }

    @Test
    @DisplayName("reasoning that cannot go back is left out, and so are its turn's call ids")
    void unreplayableReasoning() {
        String bare = "{\"id\":\"rs_2\",\"type\":\"reasoning\",\"summary\":[{\"type\":"
                + "\"summary_text\",\"text\":\"Hm.\"}]}";
        List<Message> history = List.of(UserMessage.of("Weather?"),
                turn("acme", "openai-responses", "thinker", StopReason.TOOL_USE,
                        new ThinkingContent("Hm.", bare, false),
                        new ToolCall("call_2", "get_weather", Map.of(), "fc_2")),
                ToolResultMessage.of("call_2", "get_weather", "rain"));
        Context context = new Context(null, history, List.of(WEATHER));
        String stateless = body(load(dir, "{}", THINKER), context, StreamOptions.defaults());
        assertTrue(stateless.contains("}]},{\"type\":\"function_call\",\"call_id\":\"call_2\","),
                stateless);
        // a server that keeps items takes the reasoning back by id, and the call's id with it
        String stored = body(load(dir, "{supportsStore: false}", THINKER), context,
                StreamOptions.defaults());
        assertTrue(stored.contains("}]}," + bare + ",{\"type\":\"function_call\",\"id\":"
                + "\"fc_2\",\"call_id\":\"call_2\","), stored);
    }

    @Test
    @DisplayName("llama.cpp's reasoning items carry their text in content and replay as they are")
    void openWeightReasoningItem() {
        String item = "{\"id\":\"rs_l\",\"summary\":[],\"type\":\"reasoning\",\"content\":[{"
                + "\"text\":\"Thinking.\",\"type\":\"reasoning_text\"}],\"encrypted_content\":"
                + "\"\"}";
        List<Message> history = List.of(UserMessage.of("Hi"),
                turn("acme", "openai-responses", "thinker", StopReason.STOP,
                        new ThinkingContent("Thinking.", item, false), new TextContent("Hello")),
                UserMessage.of("Again"));
        assertTrue(body(load(dir, "{}", THINKER), new Context(null, history, List.of()),
                StreamOptions.defaults()).contains("\"text\":\"Hi\"}]}," + item + ",{\"type\":"
                + "\"message\""));
    }

    @Test
    @DisplayName("tool-result images follow the batch in a user message, or go in the output")
    void toolResultImages() {
        ImageContent circle = new ImageContent("iVBORw0K", "image/png");
        List<Message> history = List.of(UserMessage.of("Circle?"),
                turn("acme", "openai-responses", "vision", StopReason.TOOL_USE,
                        ToolCall.of("call_3", "get_circle", Map.of())),
                new ToolResultMessage("call_3", "get_circle", List.of(new TextContent("A "
                        + "circle."), circle), false, List.of(), 0));
        Context context = new Context(null, history, List.of());
        assertTrue(body(load(dir, "{}", VISION), context, StreamOptions.defaults()).contains(
                "{\"type\":\"function_call_output\",\"call_id\":\"call_3\",\"output\":\"A "
                + "circle.\"},{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":"
                + "\"Attached image(s) from tool result:\"},{\"type\":\"input_image\","
                + "\"detail\":\"auto\",\"image_url\":\"data:image/png;base64,iVBORw0K\"}]}],"));
        assertTrue(body(load(dir, "{imagesInToolResults: true}", VISION), context,
                StreamOptions.defaults()).contains("{\"type\":\"function_call_output\","
                + "\"call_id\":\"call_3\",\"output\":[{\"type\":\"input_text\",\"text\":\"A "
                + "circle.\"},{\"type\":\"input_image\",\"detail\":\"auto\",\"image_url\":"
                + "\"data:image/png;base64,iVBORw0K\"}]}],"));
        // a model without image input gets the placeholder text of the history transforms
        assertTrue(body(load(dir, "{}", CHAT), context, StreamOptions.defaults()).contains(
                "\"output\":\"A circle.\\n"));
    }

    @Test
    @DisplayName("an empty user message is one empty text part; an empty result a marker")
    void emptyInputs() {
        List<Message> history = List.of(new UserMessage(List.of(), 0),
                turn("acme", "openai-responses", "chat", StopReason.TOOL_USE,
                        ToolCall.of("call_4", "f", Map.of())),
                ToolResultMessage.of("call_4", "f", "  "));
        assertTrue(body(load(dir, "{}", CHAT), new Context(null, history, List.of()),
                StreamOptions.defaults()).startsWith("{\"model\":\"chat\",\"input\":[{\"role\":"
                + "\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"\"}]},{\"type\":"
                + "\"function_call\",\"call_id\":\"call_4\",\"name\":\"f\",\"arguments\":"
                + "\"{}\"},{\"type\":\"function_call_output\",\"call_id\":\"call_4\","
                + "\"output\":\"(no tool output)\"}]"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> body(load(dir, "{}", CHAT), new Context(null, List.of(), List.of()),
                        StreamOptions.defaults()));
        assertTrue(empty.getMessage().startsWith("there is no input to send"));
    }

    @Test
    @DisplayName("tool choices; a grammar tool goes as a function with one string")
    void toolChoices() {
        Context weather = hi().withTools(List.of(WEATHER));
        ResolvedModel chat = load(dir, "{}", CHAT);
        assertTrue(body(chat, weather, StreamOptions.builder().toolChoice(ToolChoice.function(
                "get_weather")).build()).endsWith("\"strict\":false}],\"tool_choice\":{\"type\":"
                + "\"function\",\"name\":\"get_weather\"}}"));
        for (ToolChoice choice : List.of(ToolChoice.AUTO, ToolChoice.NONE,
                ToolChoice.REQUIRED)) {
            assertTrue(body(chat, weather, StreamOptions.builder().toolChoice(choice).build())
                    .endsWith("\"tool_choice\":\"" + choice.mode().name().toLowerCase(
                            java.util.Locale.ROOT) + "\"}"));
        }
        Tool grammar = new Tool("calc", "Arithmetic", Map.of(), true,
                new Tool.Grammar("lark", "start: NUMBER"));
        assertTrue(body(chat, hi().withTools(List.of(grammar)), StreamOptions.defaults())
                .endsWith("\"tools\":[{\"type\":\"function\",\"name\":\"calc\",\"description\":"
                + "\"Arithmetic\",\"parameters\":{\"type\":\"object\",\"properties\":{\"input\":"
                + "{\"type\":\"string\",\"description\":\"Input matching this lark grammar:\\n"
                + "start: NUMBER\"}},\"required\":[\"input\"],\"additionalProperties\":false},"
                + "\"strict\":true}]}"));
    }

    @Test
    @DisplayName("sampling and stop sequences; options without a field here are refused")
    void samplingAndRefusals() {
        StreamOptions sampling = StreamOptions.builder().temperature(0).topP(0.5)
                .maxTokens(50).stop(List.of("END")).build();
        IllegalArgumentException stop = assertThrows(IllegalArgumentException.class,
                () -> body(load(dir, "{}", CHAT), hi(), sampling));
        assertEquals("openai-responses sends no stop sequences to this server (OpenAI's "
                + "Responses API has none); set compat.supportsStopSequences: true for a server "
                + "that takes 'stop'", stop.getMessage());
        assertTrue(body(load(dir, "{supportsStopSequences: true}", CHAT), hi(), sampling)
                .endsWith("\"max_output_tokens\":50,\"temperature\":0.0,\"top_p\":0.5,\"stop\":"
                + "[\"END\"]}"));
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class,
                () -> body(load(dir, "{}", CHAT), hi(), StreamOptions.builder().seed(7)
                        .build()));
        assertEquals("openai-responses has no 'seed'; send it with extraBody to a server that "
                + "takes it", seed.getMessage());
        assertTrue(body(load(dir, "{}", CHAT), hi(), StreamOptions.builder().seed(7)
                .extraBody("seed", 7).build()).endsWith("\"seed\":7}"));
    }

    @Test
    @DisplayName("the session id is the prompt cache key: clamped, 24h for long retention")
    void promptCache() {
        String session = "s".repeat(70);
        ResolvedModel chat = load(dir, "{supportsLongCacheRetention: true}", CHAT);
        assertTrue(body(chat, hi(), StreamOptions.builder().sessionId(session).build())
                .endsWith("\"prompt_cache_key\":\"" + "s".repeat(64) + "\"}"));
        assertTrue(body(chat, hi(), StreamOptions.builder().sessionId("abc")
                .cacheRetention(CacheRetention.LONG).build()).endsWith(
                "\"prompt_cache_key\":\"abc\",\"prompt_cache_retention\":\"24h\"}"));
        assertTrue(body(chat, hi(), StreamOptions.builder().sessionId("abc")
                .cacheRetention(CacheRetention.NONE).build()).endsWith(
                "\"max_output_tokens\":4096}"));
        assertTrue(body(load(dir, "{supportsPromptCacheKey: false}", CHAT), hi(),
                StreamOptions.builder().sessionId("abc").build()).endsWith(
                "\"max_output_tokens\":4096}"));
    }

    @Test
    @DisplayName("a response format goes in text.format")
    void responseFormat() {
        assertTrue(body(load(dir, "{}", CHAT), hi(), StreamOptions.builder().responseFormat(
                ResponseFormat.jsonSchema("answer", Map.of("type", "object"), true)).build())
                .endsWith("\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"answer\","
                + "\"schema\":{\"type\":\"object\"},\"strict\":true}}}"));
    }

    @Test
    @DisplayName("extra fields override, omitFields win, lone surrogates go")
    void overridesAndSurrogates() {
        String body = body(load(dir, "{omitFields: [store]}", CHAT),
                new Context(null, List.of(UserMessage.of("a\uD83Db 🚀")), List.of()),
                StreamOptions.builder().extraBody("store", true).extraBody("stream", null)
                        .extraBody("truncation", "auto").build());
        assertEquals("{\"model\":\"chat\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"input_text\",\"text\":\"ab 🚀\"}]}],\"max_output_tokens\":4096,"
                + "\"truncation\":\"auto\"}", body);
    }

    @Test
    @DisplayName("contextPrecheck refuses a prompt that cannot fit before sending")
    void contextPrecheck() {
        ResolvedModel small = load(dir, "{contextPrecheck: true}", "{id: small, "
                + "contextWindow: 100, maxTokens: 10}");
        RequestRefusedException refused = assertThrows(RequestRefusedException.class,
                () -> body(small, Context.ofUser("x".repeat(1000)), StreamOptions.defaults()));
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, refused.kind());
        assertEquals(10, ResponsesModels.request(small, Context.ofUser("hi"),
                StreamOptions.defaults()).maxTokens());
    }

    @Test
    @DisplayName("tool-call ids are normalised to the format, alike in the call and its result")
    void toolCallIds() {
        String foreign = "call|" + "abc=def".repeat(20) + "|item=1";
        List<Message> history = List.of(UserMessage.of("Weather?"),
                turn("other", "openai-completions", "other-model", StopReason.TOOL_USE,
                        ToolCall.of(foreign, "get_weather", Map.of())),
                ToolResultMessage.of(foreign, "get_weather", "rain"));
        Context context = new Context(null, history, List.of(WEATHER));
        for (String compat : List.of("{}", "{toolCallIdFormat: {maxLength: 20}}")) {
            String body = body(load(dir, compat, CHAT), context, StreamOptions.defaults());
            java.util.regex.Matcher ids = java.util.regex.Pattern.compile(
                    "\"call_id\":\"([^\"]*)\"").matcher(body);
            assertTrue(ids.find(), body);
            String call = ids.group(1);
            assertTrue(ids.find(), body);
            assertEquals(call, ids.group(1), "the result names the call's id");
            int max = compat.equals("{}") ? 64 : 20;
            assertTrue(call.matches("[A-Za-z0-9_-]{1," + max + "}"), call);
            assertTrue(!body.contains("\"id\":\"fc"), "a foreign call has no item id");
        }
    }

    @Test
    @DisplayName("overflowPatterns are the model's extra overflow patterns")
    void overflowPatterns() {
        assertEquals(List.of("input is too long"), new OpenAiResponsesDialect().bind(load(dir,
                "{overflowPatterns: ['input is too long']}", CHAT)).overflowPatterns());
    }
}
