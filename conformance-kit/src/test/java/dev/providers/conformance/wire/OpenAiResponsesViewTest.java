package dev.providers.conformance.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.WireExchanges;
import dev.providers.conformance.api.WireView;
import dev.providers.conformance.api.WireView.ThinkingReplay;
import dev.providers.conformance.api.WireViews;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.CompatSettings;
import dev.providers.engine.spec.InputKind;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.ThinkingLevelMap;
import dev.providers.engine.spec.TransportSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The openai-responses wire view over literal request bodies and streams. */
class OpenAiResponsesViewTest {

    private static final WireView VIEW = WireViews.find("openai-responses").orElseThrow();
    private static final Origin ORIGIN = Origin.ofFile("test");

    /** Returns an openai-responses model with these compat flags. */
    static ResolvedModel model(Map<String, Object> compat, boolean reasoning) {
        Map<String, Origin> origins = new HashMap<>();
        compat.keySet().forEach(flag -> origins.put(flag, ORIGIN));
        ModelSpec model = new ModelSpec("m", "m", null, null, reasoning, Set.of(InputKind.TEXT),
                ModelCost.ZERO, null, 64, Map.of(), ThinkingLevelMap.EMPTY,
                new CompatSettings(compat, origins), ORIGIN);
        ProviderSpec provider = new ProviderSpec("p", "p", "openai-responses",
                URI.create("http://127.0.0.1:1/v1"), null, false, Map.of(), Map.of(), true,
                TransportSettings.DEFAULTS, CompatSettings.NONE, List.of(model), ORIGIN, null);
        return new ResolvedModel(provider, model);
    }

    /** Returns one event, named by its payload's type. */
    private static String event(String payload) {
        int at = payload.indexOf("\"type\":\"") + 8;
        return "event: " + payload.substring(at, payload.indexOf('"', at)) + "\ndata: "
                + payload + "\n\n";
    }

    @Test
    void theBuiltInViewIsFoundByItsApi() {
        assertTrue(VIEW instanceof OpenAiResponsesView);
        assertTrue(WireViews.ids().contains("openai-responses"));
    }

    @Test
    void aRequestReadsAsTurnsWithTheirParts() {
        SentRequest sent = VIEW.request(WireExchanges.request("""
                {"model": "m", "instructions": "Be brief.", "stream": true, "store": false,
                 "input": [
                  {"role": "user", "content": [{"type": "input_text", "text": "What is this?"},
                    {"type": "input_image", "image_url": "data:image/png;base64,iVBO"}]},
                  {"id": "rs_1", "type": "reasoning", "summary": [{"type": "summary_text",
                    "text": "Look it up."}], "encrypted_content": "gAAAAA"},
                  {"type": "message", "role": "assistant", "id": "msg_0", "status": "completed",
                   "content": [{"type": "output_text", "text": "Let me check.",
                     "annotations": []}]},
                  {"type": "function_call", "id": "fc_1", "call_id": "call_1",
                   "name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"},
                  {"type": "function_call_output", "call_id": "call_1", "output": [
                    {"type": "input_text", "text": "sunny"},
                    {"type": "input_image", "image_url": "data:image/png;base64,AAAA"}]}],
                 "tools": [{"type": "function", "name": "get_weather",
                   "parameters": {"type": "object"}, "strict": false}],
                 "tool_choice": {"type": "function", "name": "get_weather"},
                 "max_output_tokens": 64}"""));
        assertEquals("m", sent.model());
        assertTrue(sent.usageRequested(), "usage always streams");
        assertEquals("Be brief.", sent.system());
        assertEquals(List.of(SentRequest.Role.USER, SentRequest.Role.ASSISTANT,
                SentRequest.Role.TOOL), sent.messages().stream().map(SentRequest.Message::role)
                .toList());
        SentRequest.Message assistant = sent.messages().get(1);
        assertEquals(List.of(new SentRequest.Thinking("reasoning", "Look it up.")),
                assistant.thinking());
        assertEquals("Let me check.", assistant.text());
        assertEquals(new SentRequest.ToolCall("call_1", "get_weather",
                "{\"city\":\"Paris\"}"), assistant.toolCalls().get(0));
        SentRequest.ToolResult result = sent.toolResults().get(0);
        assertEquals("sunny", result.text());
        assertEquals("AAAA", result.images().get(0).data());
        assertEquals("image/png", sent.messages().get(0).images().get(0).mimeType());
        assertEquals(ToolChoice.function("get_weather"), sent.toolChoice());
        assertEquals(64, sent.maxTokens());
    }

    @Test
    void aStreamReadsAsWhatTheServerSent() {
        String item = "{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[{\"type\":"
                + "\"summary_text\",\"text\":\"Hm.\"}],\"encrypted_content\":\"gAAAAA\"}";
        ReceivedResponse received = VIEW.response(WireExchanges.of("{}", 200,
                "text/event-stream", event("{\"type\":\"response.created\","
                        + "\"sequence_number\":0,\"response\":{\"id\":\"resp_1\",\"model\":"
                        + "\"m-2025\"}}")
                + event("{\"type\":\"response.reasoning_summary_text.delta\","
                        + "\"sequence_number\":1,\"output_index\":0,\"item_id\":\"rs_1\","
                        + "\"summary_index\":0,\"delta\":\"Hm.\"}")
                + event("{\"type\":\"response.output_item.done\",\"sequence_number\":2,"
                        + "\"output_index\":0,\"item\":" + item + "}")
                + event("{\"type\":\"response.output_item.added\",\"sequence_number\":3,"
                        + "\"output_index\":1,\"item\":{\"id\":\"fc_1\",\"type\":"
                        + "\"function_call\",\"arguments\":\"\",\"call_id\":\"call_1\","
                        + "\"name\":\"f\"}}")
                + event("{\"type\":\"response.function_call_arguments.delta\","
                        + "\"sequence_number\":4,\"output_index\":1,\"item_id\":\"fc_1\","
                        + "\"delta\":\"{}\"}")
                + event("{\"type\":\"response.incomplete\",\"sequence_number\":5,"
                        + "\"response\":{\"id\":\"resp_1\",\"status\":\"incomplete\","
                        + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"},"
                        + "\"usage\":{\"input_tokens\":10,\"input_tokens_details\":{"
                        + "\"cached_tokens\":4},\"output_tokens\":3,\"output_tokens_details\":"
                        + "{\"reasoning_tokens\":1},\"total_tokens\":13}}}")));
        assertEquals(List.of("Hm."), received.thinkingDeltas());
        assertEquals(Set.of(item), received.thinkingSignatures());
        assertEquals(List.of(new ReceivedResponse.ToolCallDelta("1", "call_1", "f", ""),
                new ReceivedResponse.ToolCallDelta("1", null, null, "{}")),
                received.toolCallDeltas());
        assertEquals("max_output_tokens", received.finishReason());
        assertEquals(new ReceivedResponse.Usage(10, 3, 4, 0, 1, 13L), received.usage());
        assertEquals("resp_1", received.responseId());
        assertEquals("m-2025", received.responseModel());
        assertTrue(received.framing().contains("sequence_number"), received.framing()
                .toString());
    }

    @Test
    void theShapeFollowsTheFlags() {
        ResolvedModel plain = model(Map.of(), true);
        assertEquals(List.of(), VIEW.requestShapeProblems(plain, WireExchanges.request("""
                {"model": "m", "input": [], "stream": true, "store": false,
                 "include": ["reasoning.encrypted_content"], "max_output_tokens": 64}""")));
        assertEquals(List.of("store iff compat.supportsStore (true)",
                "include iff the model reasons and compat.supportsEncryptedReasoning (true)",
                "'max_tokens' is a chat-completions field",
                "the model declares maxTokens, so the body carries max_output_tokens",
                "tool f lacks 'strict' (a missing one means true)",
                "'stop' without compat.supportsStopSequences"),
                VIEW.requestShapeProblems(plain, WireExchanges.request("""
                {"model": "m", "input": [], "stream": true, "max_tokens": 64,
                 "tools": [{"type": "function", "name": "f", "parameters": {}}],
                 "stop": ["x"]}""")));
        assertTrue(VIEW.stopSequencesUnsupported(plain).contains("supportsStopSequences"));
        assertNull(VIEW.stopSequencesUnsupported(model(Map.of("supportsStopSequences", true),
                false)));
    }

    @Test
    void thinkingReplaysWhenTheServerCanTakeItBack() {
        ResolvedModel plain = model(Map.of(), true);
        String sealed = "{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[],"
                + "\"encrypted_content\":\"gAAAAA\"}";
        String bare = "{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}";
        assertEquals(new ThinkingReplay(ThinkingReplay.Kind.AS_THINKING, "reasoning"),
                VIEW.thinkingReplay(plain, sealed));
        assertEquals(ThinkingReplay.Kind.OMITTED, VIEW.thinkingReplay(plain, bare).kind());
        assertEquals(ThinkingReplay.Kind.AS_THINKING, VIEW.thinkingReplay(model(Map.of(
                "supportsStore", false), true), bare).kind());
        assertEquals(ThinkingReplay.Kind.OMITTED, VIEW.thinkingReplay(plain, null).kind());
    }
}
