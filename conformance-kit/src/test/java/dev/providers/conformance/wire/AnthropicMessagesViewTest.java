package dev.providers.conformance.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.providers.conformance.api.WireExchange;
import dev.providers.conformance.api.WireExchanges;
import dev.providers.conformance.api.WireView;
import dev.providers.conformance.api.WireView.ThinkingReplay;
import dev.providers.conformance.api.WireViews;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.registry.ResolvedModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Messages wire view over literal request bodies and streams. */
class AnthropicMessagesViewTest {

    private static final WireView VIEW = WireViews.find("anthropic-messages").orElseThrow();
    private static final List<Map.Entry<String, String>> HEADERS = List.of(
            Map.entry("anthropic-version", "2023-06-01"),
            Map.entry("anthropic-beta", "fine-grained-tool-streaming-2025-05-14,"
                    + "interleaved-thinking-2025-05-14"),
            Map.entry("x-api-key", "***"));

    private static WireExchange sent(String body) {
        return WireExchanges.of(HEADERS, body, 200, "text/event-stream", "");
    }

    @Test
    void theBuiltInViewIsFoundByItsApi() {
        assertTrue(VIEW instanceof AnthropicMessagesView);
        assertTrue(WireViews.ids().contains("anthropic-messages"));
        assertEquals(Map.of(), VIEW.usageOffCompat());
        assertEquals("contextPrecheck", VIEW.contextPrecheckFlag());
        assertTrue(VIEW.toolCallIds().matcher("toolu_01A-b_c").matches());
    }

    @Test
    void aRequestReadsAsTurnsWithTheirBlocks() {
        SentRequest sent = VIEW.request(sent("""
                {"model": "claude", "system": [{"type": "text", "text": "Be brief."}],
                 "messages": [
                  {"role": "user", "content": [{"type": "text", "text": "What is this?"},
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png",
                      "data": "iVBO"}}]},
                  {"role": "assistant", "content": [
                    {"type": "thinking", "thinking": "hm", "signature": "s"},
                    {"type": "redacted_thinking", "data": "x"},
                    {"type": "text", "text": "Let me check."},
                    {"type": "tool_use", "id": "toolu_1", "name": "get_weather",
                     "input": {"city": "Paris"}}]},
                  {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_1", "content": [
                      {"type": "text", "text": "sunny"},
                      {"type": "image", "source": {"type": "base64",
                        "media_type": "image/jpeg", "data": "/9j/"}}], "is_error": false},
                    {"type": "text", "text": "And tomorrow?"}]}],
                 "max_tokens": 64, "stream": true, "stop_sequences": ["END"],
                 "tools": [{"name": "get_weather", "input_schema": {"type": "object"}}],
                 "tool_choice": {"type": "tool", "name": "get_weather"}}
                """));
        assertEquals("claude", sent.model());
        assertTrue(sent.stream());
        assertTrue(sent.usageRequested(), "a Messages stream always carries usage");
        assertEquals("Be brief.", sent.system());
        assertEquals(List.of(
                new Message(Role.USER, List.of(new Text("What is this?"),
                        new Image("image/png", "iVBO"))),
                new Message(Role.ASSISTANT, List.of(new Thinking("thinking", "hm"),
                        new Thinking("redacted_thinking", ""), new Text("Let me check."),
                        new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"))),
                new Message(Role.USER, List.of(new ToolResult("toolu_1", "sunny",
                        List.of(new Image("image/jpeg", "/9j/"))), new Text("And tomorrow?")))),
                sent.messages());
        assertEquals(ToolChoice.function("get_weather"), sent.toolChoice());
        assertEquals(64, sent.maxTokens());
        assertEquals(List.of("END"), sent.stop());
        assertEquals("toolu_1", sent.toolResults().get(0).callId());
    }

    @Test
    void aStreamReadsAsTheServerSentItWithItsFraming() {
        String stream = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","model":"claude-x",\
                "usage":{"input_tokens":10,"cache_read_input_tokens":100,\
                "cache_creation_input_tokens":20,"output_tokens":1}}}

                event: ping
                data: {"type": "ping"}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking",\
                "thinking":"","signature":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta",\
                "thinking":"hm"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta",\
                "signature":"ab"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta",\
                "signature":"cd"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use",\
                "id":"toolu_1","name":"f","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta",\
                "partial_json":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta",\
                "partial_json":"{}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":1}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},\
                "usage":{"output_tokens":7}}

                event: message_stop
                data: {"type":"message_stop"}

                """;
        ReceivedResponse response = VIEW.response(WireExchanges.of("{}", 200,
                "text/event-stream", stream));
        assertEquals(List.of("hm"), response.thinkingDeltas());
        assertEquals(List.of("abcd"), List.copyOf(response.thinkingSignatures()));
        assertEquals(List.of(new ToolCallDelta("1", "toolu_1", "f", ""),
                new ToolCallDelta("1", null, null, ""), new ToolCallDelta("1", null, null, "{}")),
                response.toolCallDeltas());
        assertEquals("tool_use", response.finishReason());
        assertEquals(new ReceivedResponse.Usage(130, 7, 100, 20, 0, null), response.usage());
        assertEquals("msg_1", response.responseId());
        assertEquals("claude-x", response.responseModel());
        assertEquals(List.of("LF line ends", "event/id/retry fields", "ping events",
                "signature_delta", "empty input_json_delta fragments"),
                List.copyOf(response.framing()));
    }

    @Test
    void aStreamWithoutMessageStopIsNoted() {
        ReceivedResponse response = VIEW.response(WireExchanges.of("{}", 200,
                "text/event-stream", "event: message_start\ndata: {\"type\":\"message_start\","
                        + "\"message\":{\"id\":\"m\"}}\n\nevent: error\ndata: {\"type\":\"error\","
                        + "\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
                        + "\n\n"));
        assertTrue(response.framing().contains("an error event in the stream"));
        assertTrue(response.framing().contains("no message_stop"));
    }

    @Test
    void thinkingReplaysSignedAsThinkingUnsignedByTheFlag() {
        ResolvedModel anthropic = Models.anthropic(Map.of(), true);
        assertEquals(new ThinkingReplay(ThinkingReplay.Kind.AS_THINKING, "thinking"),
                VIEW.thinkingReplay(anthropic, "sig"));
        assertEquals(new ThinkingReplay(ThinkingReplay.Kind.AS_TEXT, null),
                VIEW.thinkingReplay(anthropic, null));
        ResolvedModel deepseek = Models.anthropic(Map.of("requiresThinkingSignature", false),
                true);
        assertEquals(new ThinkingReplay(ThinkingReplay.Kind.AS_THINKING, "thinking"),
                VIEW.thinkingReplay(deepseek, null));
    }

    @Test
    void theRequestShapeFollowsTheFlags() {
        ResolvedModel model = Models.anthropic(Map.of(), false);
        String good = """
                {"model": "m", "system": [{"type": "text", "text": "s",
                  "cache_control": {"type": "ephemeral"}}],
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}],
                 "max_tokens": 64, "stream": true}
                """;
        assertEquals(List.of(), VIEW.requestShapeProblems(model, sent(good)));
        String bad = """
                {"model": "m", "system": "s",
                 "messages": [{"role": "user", "content": [{"type": "text", "text": " "}]},
                   {"role": "user", "content": "again"}, {"role": "system", "content": "x"}],
                 "stream": true, "thinking": {"type": "enabled", "budget_tokens": 1024},
                 "tool_choice": {"type": "auto"}}
                """;
        assertEquals(List.of("max_tokens is required",
                "an anthropic-beta header iff compat.betaFeatures is not empty",
                "the system prompt goes as an array of text blocks",
                "messages[0] has a text block without non-whitespace text",
                "messages[1] repeats the role user; turns alternate",
                "messages[2] has role 'system'; only user and assistant turns exist",
                "cache_control breakpoints iff compat.supportsCacheControl (true)",
                "'thinking' was sent for a model without reasoning",
                "tool_choice without tools"), VIEW.requestShapeProblems(model,
                WireExchanges.of(List.of(Map.entry("anthropic-version", "2023-06-01")), bad,
                        200, "text/event-stream", "")));
        ResolvedModel noBeta = Models.anthropic(Map.of("betaFeatures", List.of(),
                "supportsCacheControl", false), false);
        assertEquals(List.of("an anthropic-beta header iff compat.betaFeatures is not empty",
                "cache_control breakpoints iff compat.supportsCacheControl (false)"),
                VIEW.requestShapeProblems(noBeta, sent(good)));
    }
}
