package dev.providers.conformance.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.ReceivedResponse.ToolCallDelta;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.SentRequest.Image;
import dev.providers.conformance.api.SentRequest.Message;
import dev.providers.conformance.api.SentRequest.Role;
import dev.providers.conformance.api.SentRequest.Text;
import dev.providers.conformance.api.SentRequest.Thinking;
import dev.providers.conformance.api.SentRequest.ToolCall;
import dev.providers.conformance.api.SentRequest.ToolResult;
import dev.providers.conformance.api.WireExchanges;
import dev.providers.conformance.api.WireView;
import dev.providers.conformance.api.WireView.ThinkingReplay;
import dev.providers.conformance.api.WireViews;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.registry.ResolvedModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat-completions wire view over literal request bodies and streams. */
class OpenAiCompletionsViewTest {

    private static final WireView VIEW = WireViews.find("openai-completions").orElseThrow();

    @Test
    void theBuiltInViewIsFoundByItsApi() {
        assertTrue(VIEW instanceof OpenAiCompletionsView);
        assertTrue(WireViews.ids().contains("openai-completions"));
        assertTrue(WireViews.find("no-such-dialect").isEmpty());
        assertEquals("no wire view for dialect x: framing not checked",
                WireViews.missing("x", "framing"));
    }

    @Test
    void aRequestReadsAsTurnsWithTheirParts() {
        SentRequest sent = VIEW.request(WireExchanges.request("""
                {"model": "m", "stream": true, "stream_options": {"include_usage": true},
                 "messages": [
                  {"role": "developer", "content": "Be brief."},
                  {"role": "user", "content": [{"type": "text", "text": "What is this?"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBO"}}]},
                  {"role": "assistant", "content": "Let me check.", "reasoning_content": "hm",
                   "tool_calls": [{"id": "call_1", "type": "function",
                     "function": {"name": "get_weather",
                       "arguments": "{\\"city\\":\\"Paris\\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_1", "content": "sunny"},
                  {"role": "user", "content": [{"type": "image_url",
                    "image_url": {"url": "https://example.org/a.png"}}]}],
                 "tools": [{"type": "function", "function": {"name": "get_weather",
                   "parameters": {"type": "object"}}}],
                 "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
                 "max_completion_tokens": 64, "stop": "END"}
                """));
        assertEquals("m", sent.model());
        assertTrue(sent.stream());
        assertTrue(sent.usageRequested());
        assertEquals("Be brief.", sent.system());
        assertEquals(List.of(
                new Message(Role.USER, List.of(new Text("What is this?"),
                        new Image("image/png", "iVBO"))),
                new Message(Role.ASSISTANT, List.of(new Thinking("reasoning_content", "hm"),
                        new Text("Let me check."),
                        new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))),
                new Message(Role.TOOL, List.of(new ToolResult("call_1", "sunny", List.of()))),
                new Message(Role.USER, List.of(new Image(null, "https://example.org/a.png")))),
                sent.messages());
        assertEquals("get_weather", sent.tools().get(0).name());
        assertTrue(sent.tools().get(0).parameters().isObject());
        assertEquals(ToolChoice.function("get_weather"), sent.toolChoice());
        assertEquals(64, sent.maxTokens());
        assertEquals(List.of("END"), sent.stop());
        assertEquals(sent.messages().get(1), sent.lastWithToolCalls());
        assertEquals(List.of(new ToolResult("call_1", "sunny", List.of())), sent.toolResults());
    }

    @Test
    void aRequestWithoutTheOptionsReadsAsTheirAbsence() {
        SentRequest sent = VIEW.request(WireExchanges.request("""
                {"model": "m", "messages": [{"role": "user", "content": "Hi"}],
                 "max_tokens": 8, "stop": ["a", "b"], "tool_choice": "required"}
                """));
        assertEquals(false, sent.stream());
        assertEquals(false, sent.usageRequested());
        assertNull(sent.system());
        assertEquals(List.of(), sent.tools());
        assertEquals(ToolChoice.REQUIRED, sent.toolChoice());
        assertEquals(8, sent.maxTokens());
        assertEquals(List.of("a", "b"), sent.stop());
        assertNull(sent.lastWithToolCalls());
    }

    @Test
    void aBodyThatIsNotJsonFailsTheTestThatReadsIt() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> VIEW.request(WireExchanges.request("not json")));
        assertTrue(error.getMessage().startsWith("the request body is not JSON"),
                error.getMessage());
        assertThrows(AssertionError.class, () -> VIEW.request(WireExchanges.request("[1]")));
    }

    @Test
    void aStreamReadsAsWhatTheServerSent() {
        ReceivedResponse wire = VIEW.response(WireExchanges.of("{}", 200, "text/event-stream",
                """
                data: {"id":"r1","model":"m-2024","choices":[{"index":0,"delta":{"role":\
                "assistant","content":null}}]}

                data: {"id":"r1","choices":[{"delta":{"reasoning_content":"think"}}]}

                data: {"id":"r1","choices":[{"delta":{"content":"Hel"}}]}

                data: {"id":"r1","choices":[{"delta":{"content":"lo"}}]}

                data: {"id":"r1","choices":[{"delta":{"tool_calls":[{"index":0,"id":"c1",\
                "function":{"name":"get_weather","arguments":""}}]}}]}

                data: {"id":"r1","choices":[{"delta":{"tool_calls":[{"index":0,\
                "function":{"arguments":"{}"}}]}}]}

                data: {"id":"r1","choices":[{"delta":{"tool_calls":[{"id":"m9",\
                "function":{"name":"get_time","arguments":"{}"}}]}}]}

                data: {"id":"r1","choices":[{"delta":{},"finish_reason":"tool_calls"}]}

                data: {"id":"r1","choices":[],"usage":{"prompt_tokens":20,\
                "completion_tokens":5,"total_tokens":25,"prompt_tokens_details":\
                {"cached_tokens":4}},"timings":{}}

                data: [DONE]

                """));
        assertEquals(List.of("Hel", "lo"), wire.textDeltas());
        assertEquals("Hello", wire.text());
        assertEquals("think", wire.thinking());
        assertEquals(List.of("reasoning_content"), List.copyOf(wire.thinkingSignatures()));
        assertEquals(List.of(new ToolCallDelta("0", "c1", "get_weather", ""),
                new ToolCallDelta("0", null, null, "{}"),
                new ToolCallDelta("id:m9", "m9", "get_time", "{}")), wire.toolCallDeltas());
        assertEquals("tool_calls", wire.finishReason());
        assertEquals(new ReceivedResponse.Usage(20, 5, 4, 0, 0, 25L), wire.usage());
        assertEquals("r1", wire.responseId());
        assertEquals("m-2024", wire.responseModel());
        assertEquals(10, wire.frames().size());
        assertEquals(List.of("LF line ends", "[DONE]", "a role-only first chunk",
                "content: null", "a usage chunk with choices: []", "extra field timings"),
                List.copyOf(wire.framing()));
    }

    @Test
    void framingFeaturesAndUsageElsewhereAreRecorded() {
        ReceivedResponse wire = VIEW.response(WireExchanges.of("{}", 200, "text/event-stream",
                ": OPENROUTER PROCESSING\r\n\r\nevent: message\r\ndata:{\"choices\":[{\"delta\":"
                        + "\r\ndata: {\"content\":\"a\"}}]}\r\n\r\ndata: not json\r\n\r\n"
                        + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"x_groq\":{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
                        + "\"prompt_cache_hit_tokens\":2}}}"));
        assertEquals("a", wire.text());
        assertEquals("message", wire.frames().get(0).event());
        assertEquals(List.of("CRLF line ends", "comment lines", "event/id/retry fields",
                "data: without a space", "multi-line data", "no blank line after the last event",
                "a data line that is not JSON", "extra field x_groq"), List.copyOf(wire.framing()));
        assertEquals(new ReceivedResponse.Usage(3, 1, 2, 0, 0, null), wire.usage());
        assertEquals("stop", wire.finishReason());
        assertNull(wire.responseId());
    }

    @Test
    void aWholeJsonCompletionIsOneFrame() {
        ReceivedResponse wire = VIEW.response(WireExchanges.of("{}", 200,
                "application/json; charset=utf-8", """
                {"id": "c", "choices": [{"message": {"role": "assistant", "content": "Hi"},
                 "finish_reason": "stop"}]}
                """));
        assertEquals(1, wire.frames().size());
        assertEquals("Hi", wire.text());
        assertEquals("stop", wire.finishReason());
        assertEquals(List.of("a application/json body"), List.copyOf(wire.framing()));
    }

    @Test
    void theCompatFlagsDecideUsageReplayAndShape() {
        ResolvedModel plain = Models.openAi(Map.of(), false);
        assertTrue(VIEW.expectsUsage(plain));
        assertTrue(!VIEW.expectsUsage(Models.openAi(VIEW.usageOffCompat(), false)));
        assertEquals("contextPrecheck", VIEW.contextPrecheckFlag());
        assertEquals(new ThinkingReplay(ThinkingReplay.Kind.AS_THINKING, "reasoning"),
                VIEW.thinkingReplay(plain, "reasoning"));
        assertEquals(new ThinkingReplay(ThinkingReplay.Kind.AS_THINKING, "reasoning_content"),
                VIEW.thinkingReplay(plain, null));
        assertEquals(new ThinkingReplay(ThinkingReplay.Kind.OMITTED, null), VIEW.thinkingReplay(
                Models.openAi(Map.of("reasoningReplayField", "omit"), false), "reasoning"));
        assertEquals(new ThinkingReplay(ThinkingReplay.Kind.AS_TEXT, null), VIEW.thinkingReplay(
                Models.openAi(Map.of("requiresThinkingAsText", true), false), "reasoning"));
        assertTrue(VIEW.toolCallIds().matcher("call_abc-1").matches());
        assertTrue(!VIEW.toolCallIds().matcher("call|x").matches());
        assertTrue(!VIEW.toolCallIds().matcher("a".repeat(41)).matches());

        assertEquals(List.of(), VIEW.requestShapeProblems(plain, WireExchanges.request("""
                {"model": "m", "stream": true, "stream_options": {"include_usage": true},
                 "messages": [{"role": "system", "content": "s"}]}
                """)));
        assertEquals(List.of("stream_options iff compat.supportsUsageInStreaming (true)",
                "store iff compat.supportsStore (false)",
                "the limit goes in max_tokens (compat.maxTokensField), not "
                        + "max_completion_tokens",
                "the system prompt's role is system, not developer",
                "'reasoning_effort' was sent for a model without reasoning",
                "tool t: 'strict' iff compat.supportsStrictMode (false)"),
                VIEW.requestShapeProblems(plain, WireExchanges.request("""
                {"model": "m", "stream": true, "store": false, "max_completion_tokens": 5,
                 "reasoning_effort": "low", "messages": [{"role": "developer", "content": "s"}],
                 "tools": [{"type": "function", "function": {"name": "t", "strict": true}}]}
                """)));
    }
}
