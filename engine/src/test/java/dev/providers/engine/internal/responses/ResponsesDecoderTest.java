package dev.providers.engine.internal.responses;

import static dev.providers.engine.internal.responses.ResponsesWire.decode;
import static dev.providers.engine.internal.responses.ResponsesWire.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The decoding rules of docs/dialects/openai-responses.md §5, one per test, on exact bytes; every
 * stream is decoded whole and one byte per read, and its events checked against the grammar.
 */
class ResponsesDecoderTest {

    static final String CREATED = "{\"type\":\"response.created\",\"sequence_number\":0,"
            + "\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\","
            + "\"model\":\"gpt-5-2025-08-07\",\"output\":[],\"usage\":null}}";
    static final String USAGE = "\"usage\":{\"input_tokens\":100,\"input_tokens_details\":"
            + "{\"cached_tokens\":64},\"output_tokens\":20,\"output_tokens_details\":"
            + "{\"reasoning_tokens\":12},\"total_tokens\":120}";

    static String completed(String status, String extra) {
        return "{\"type\":\"response.completed\",\"sequence_number\":99,\"response\":{\"id\":"
                + "\"resp_1\",\"object\":\"response\",\"status\":\"" + status + "\"," + extra
                + USAGE + "}}";
    }

    static String textItem(int index, String id, String... deltas) {
        StringBuilder out = new StringBuilder();
        out.append(sse("{\"type\":\"response.output_item.added\",\"output_index\":" + index
                + ",\"item\":{\"id\":\"" + id + "\",\"type\":\"message\",\"status\":"
                + "\"in_progress\",\"content\":[],\"role\":\"assistant\"}}",
                "{\"type\":\"response.content_part.added\",\"item_id\":\"" + id
                + "\",\"output_index\":" + index + ",\"content_index\":0,\"part\":{\"type\":"
                + "\"output_text\",\"annotations\":[],\"text\":\"\"}}"));
        StringBuilder whole = new StringBuilder();
        for (String delta : deltas) {
            whole.append(delta);
            out.append(sse("{\"type\":\"response.output_text.delta\",\"item_id\":\"" + id
                    + "\",\"output_index\":" + index + ",\"content_index\":0,\"delta\":\""
                    + delta + "\"}"));
        }
        out.append(sse("{\"type\":\"response.output_text.done\",\"item_id\":\"" + id
                + "\",\"output_index\":" + index + ",\"content_index\":0,\"text\":\"" + whole
                + "\"}", "{\"type\":\"response.output_item.done\",\"output_index\":" + index
                + ",\"item\":{\"id\":\"" + id + "\",\"type\":\"message\",\"status\":"
                + "\"completed\",\"content\":[{\"type\":\"output_text\",\"annotations\":[],"
                + "\"text\":\"" + whole + "\"}],\"role\":\"assistant\"}}"));
        return out.toString();
    }

    @Test
    @DisplayName("text streams by output item; usage: input excludes cached, reasoning counted")
    void textAndUsage() {
        ResponsesWire.Result r = decode(sse(CREATED) + textItem(0, "msg_1", "Hel", "lo")
                + sse(completed("completed", "")));
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Hel", "text_delta 0 lo",
                "text_end 0 Hello", "done STOP completed"), r.rendered());
        assertEquals("resp_1", r.message().responseId());
        assertEquals("gpt-5-2025-08-07", r.message().responseModel());
        Usage usage = r.message().usage();
        assertEquals(List.of(36L, 20L, 64L, 0L, 12L, 120L), List.of(usage.input(),
                usage.output(), usage.cacheRead(), usage.cacheWrite(), usage.reasoning(),
                usage.totalTokens()));
        assertEquals(List.of(), r.deviations());
    }

    @Test
    @DisplayName("deltas in OpenAI's exact shape (the fast path) decode as the tree decodes them")
    void textDeltasInOpenAisExactShape() {
        String plain = textItem(0, "msg_1", "Hel", "lo", "\\u00e9!");
        String exact = plain.replace("{\"type\":\"response.output_text.delta\",\"item_id\"",
                "{\"type\":\"response.output_text.delta\",\"sequence_number\":4,\"item_id\"")
                .replaceAll("(\"delta\":\"[^\"]*\")}", "$1,\"logprobs\":[],\"obfuscation\":\"x7\"}");
        assertTrue(exact.contains("\"logprobs\":[],\"obfuscation\""), exact);
        ResponsesWire.Result tree = decode(sse(CREATED) + plain + sse(completed("completed", "")));
        ResponsesWire.Result fast = decode(sse(CREATED) + exact + sse(completed("completed", "")));
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Hel", "text_delta 0 lo",
                "text_delta 0 \u00e9!", "text_end 0 Hello\u00e9!", "done STOP completed"),
                fast.rendered());
        assertEquals(tree.rendered(), fast.rendered());
        assertEquals(tree.deviations(), fast.deviations());
    }

    @Test
    @DisplayName("reasoning summary parts join with a blank line; the item is the signature")
    void reasoningSummaryParts() {
        String item = "{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[{\"type\":"
                + "\"summary_text\",\"text\":\"First.\"},{\"type\":\"summary_text\",\"text\":"
                + "\"Second.\"}],\"encrypted_content\":\"gAAAAB\"}";
        ResponsesWire.Result r = decode(sse(CREATED,
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":"
                        + "\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}}",
                "{\"type\":\"response.reasoning_summary_part.added\",\"item_id\":\"rs_1\","
                        + "\"output_index\":0,\"summary_index\":0,\"part\":{\"type\":"
                        + "\"summary_text\",\"text\":\"\"}}",
                "{\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_1\","
                        + "\"output_index\":0,\"summary_index\":0,\"delta\":\"First.\"}",
                "{\"type\":\"response.reasoning_summary_part.done\",\"item_id\":\"rs_1\","
                        + "\"output_index\":0,\"summary_index\":0,\"part\":{\"type\":"
                        + "\"summary_text\",\"text\":\"First.\"}}",
                "{\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_1\","
                        + "\"output_index\":0,\"summary_index\":1,\"delta\":\"Second.\"}",
                "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":" + item
                        + "}") + textItem(1, "msg_1", "4") + sse(completed("completed", "")));
        assertEquals(List.of("start", "thinking_start 0", "thinking_delta 0 First.",
                "thinking_delta 0 \n\n", "thinking_delta 0 Second.",
                "thinking_end 0 First.\n\nSecond. | " + item, "text_start 1", "text_delta 1 4",
                "text_end 1 4", "done STOP completed"), r.rendered());
        assertEquals(new ThinkingContent("First.\n\nSecond.", item, false),
                r.message().content().get(0));
    }

    @Test
    @DisplayName("encrypted reasoning without a summary is a redacted block that carries it")
    void encryptedOnly() {
        String item = "{\"id\":\"rs_2\",\"type\":\"reasoning\",\"summary\":[],"
                + "\"encrypted_content\":\"gAAAAB-opaque\"}";
        ResponsesWire.Result r = decode(sse(CREATED,
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":"
                        + "\"rs_2\",\"type\":\"reasoning\",\"summary\":[]}}",
                "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":" + item
                        + "}") + textItem(1, "msg_2", "ok") + sse(completed("completed", "")));
        assertEquals(new ThinkingContent("", item, true), r.message().content().get(0));
        assertEquals("thinking_end 0  | " + item, r.rendered().get(2));
    }

    @Test
    @DisplayName("a function call: call_id is the id, the item id its signature, TOOL_USE")
    void functionCall() {
        ResponsesWire.Result r = decode(sse(CREATED,
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":"
                        + "\"fc_1\",\"type\":\"function_call\",\"status\":\"in_progress\","
                        + "\"arguments\":\"\",\"call_id\":\"call_1\",\"name\":\"get_weather\"}}",
                "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\","
                        + "\"output_index\":0,\"delta\":\"{\\\"city\\\":\"}",
                "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\","
                        + "\"output_index\":0,\"delta\":\"\\\"Paris\\\"}\"}",
                "{\"type\":\"response.function_call_arguments.done\",\"item_id\":\"fc_1\","
                        + "\"output_index\":0,\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}",
                "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":"
                        + "\"fc_1\",\"type\":\"function_call\",\"status\":\"completed\","
                        + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\",\"call_id\":"
                        + "\"call_1\",\"name\":\"get_weather\"}}",
                completed("completed", "")));
        // the engine's start of a call always carries the arguments so far, here none
        assertEquals(List.of("start", "toolcall_start 0 call_1 get_weather",
                "toolcall_delta 0 ", "toolcall_delta 0 {\"city\":",
                "toolcall_delta 0 \"Paris\"}",
                "toolcall_end 0 {city=Paris} | fc_1", "done TOOL_USE completed"), r.rendered());
        assertEquals(new ToolCall("call_1", "get_weather", Map.of("city", "Paris"), "fc_1"),
                r.message().content().get(0));
        assertEquals(List.of(), r.deviations(), "a call ending completed is the normal case");
    }

    @Test
    @DisplayName("two calls interleave by output index")
    void interleavedCalls() {
        ResponsesWire.Result r = decode(sse(CREATED,
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":"
                        + "\"fc_a\",\"type\":\"function_call\",\"arguments\":\"\",\"call_id\":"
                        + "\"call_a\",\"name\":\"get_weather\"}}",
                "{\"type\":\"response.output_item.added\",\"output_index\":1,\"item\":{\"id\":"
                        + "\"fc_b\",\"type\":\"function_call\",\"arguments\":\"\",\"call_id\":"
                        + "\"call_b\",\"name\":\"get_time\"}}",
                "{\"type\":\"response.function_call_arguments.delta\",\"output_index\":1,"
                        + "\"item_id\":\"fc_b\",\"delta\":\"{}\"}",
                "{\"type\":\"response.function_call_arguments.delta\",\"output_index\":0,"
                        + "\"item_id\":\"fc_a\",\"delta\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}",
                completed("completed", "")));
        List<ToolCall> calls = r.message().toolCalls();
        assertEquals(List.of("call_a", "call_b"), calls.stream().map(ToolCall::id).toList());
        assertEquals(Map.of("city", "Oslo"), calls.get(0).arguments());
        assertEquals(Map.of(), calls.get(1).arguments());
        assertEquals(StopReason.TOOL_USE, r.message().stopReason());
    }

    @Test
    @DisplayName("a refusal streams as text of its content part")
    void refusal() {
        ResponsesWire.Result r = decode(sse(CREATED,
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":"
                        + "\"msg_r\",\"type\":\"message\",\"content\":[],\"role\":"
                        + "\"assistant\"}}",
                "{\"type\":\"response.content_part.added\",\"item_id\":\"msg_r\","
                        + "\"output_index\":0,\"content_index\":0,\"part\":{\"type\":"
                        + "\"refusal\",\"refusal\":\"\"}}",
                "{\"type\":\"response.refusal.delta\",\"item_id\":\"msg_r\",\"output_index\":0,"
                        + "\"content_index\":0,\"delta\":\"I can't help with that.\"}",
                "{\"type\":\"response.refusal.done\",\"item_id\":\"msg_r\",\"output_index\":0,"
                        + "\"content_index\":0,\"refusal\":\"I can't help with that.\"}",
                completed("completed", "")));
        assertEquals(List.of(new TextContent("I can't help with that.")),
                r.message().content());
    }

    @Test
    @DisplayName("text that arrives only in done events is taken once")
    void textOnlyInDoneEvents() {
        ResponsesWire.Result r = decode(sse(CREATED,
                "{\"type\":\"response.output_text.done\",\"item_id\":\"msg_d\","
                        + "\"output_index\":0,\"content_index\":0,\"text\":\"Whole.\"}",
                "{\"type\":\"response.content_part.done\",\"item_id\":\"msg_d\","
                        + "\"output_index\":0,\"content_index\":0,\"part\":{\"type\":"
                        + "\"output_text\",\"text\":\"Whole.\"}}",
                "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":"
                        + "\"msg_d\",\"type\":\"message\",\"content\":[{\"type\":"
                        + "\"output_text\",\"text\":\"Whole.\"}],\"role\":\"assistant\"}}",
                completed("completed", "")));
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Whole.",
                "text_end 0 Whole.", "done STOP completed"), r.rendered());
    }

    @Test
    @DisplayName("response.incomplete for max_output_tokens is a length stop")
    void incompleteForMaxTokens() {
        ResponsesWire.Result r = decode(sse(CREATED) + textItem(0, "msg_1", "1,")
                + sse("{\"type\":\"response.incomplete\",\"response\":{\"id\":\"resp_1\","
                        + "\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":"
                        + "\"max_output_tokens\"}," + USAGE + "}}"));
        assertEquals(StopReason.LENGTH, r.message().stopReason());
        assertEquals("max_output_tokens", r.message().rawStopReason());
        assertEquals(List.of(), r.deviations());
    }

    @Test
    @DisplayName("response.incomplete for the content filter is a content_filter error")
    void incompleteForContentFilter() {
        ResponsesWire.Result r = decode(sse(CREATED) + textItem(0, "msg_1", "Sure")
                + sse("{\"type\":\"response.incomplete\",\"response\":{\"status\":"
                        + "\"incomplete\",\"incomplete_details\":{\"reason\":"
                        + "\"content_filter\"}}}"));
        assertEquals(StopReason.ERROR, r.message().stopReason());
        assertEquals(ErrorKind.CONTENT_FILTER, r.message().errorKind());
        assertEquals("content_filter", r.message().rawStopReason());
        assertEquals("Sure", r.message().text(), "what arrived is kept");
    }

    @Test
    @DisplayName("response.failed: the kind follows the code, the text is code: message")
    void failedByCode() {
        Map<String, ErrorKind> kinds = Map.of("context_length_exceeded",
                ErrorKind.CONTEXT_OVERFLOW, "rate_limit_exceeded", ErrorKind.RATE_LIMIT,
                "server_error", ErrorKind.SERVER, "invalid_prompt", ErrorKind.INVALID_REQUEST,
                "model_not_found", ErrorKind.MODEL_NOT_FOUND);
        kinds.forEach((code, kind) -> {
            ResponsesWire.Result r = decode(sse(CREATED, "{\"type\":\"response.failed\","
                    + "\"response\":{\"id\":\"resp_1\",\"status\":\"failed\",\"error\":{\"code\":"
                    + "\"" + code + "\",\"message\":\"It went wrong.\"}}}"));
            assertEquals(kind, r.message().errorKind(), code);
            assertEquals(code + ": It went wrong.", r.message().errorMessage());
            assertEquals("failed", r.message().rawStopReason());
        });
    }

    @Test
    @DisplayName("an overflow text without the code is still a context overflow")
    void failedOverflowByText() {
        ResponsesWire.Result r = decode(sse(CREATED, "{\"type\":\"response.failed\","
                + "\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"invalid_prompt\","
                + "\"message\":\"Your input exceeds the context window of this model.\"}}}"));
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, r.message().errorKind());
    }

    @Test
    @DisplayName("an error event ends the stream with its code's kind")
    void errorEvent() {
        ResponsesWire.Result r = decode(sse(CREATED) + textItem(0, "msg_1", "Part")
                + sse("{\"type\":\"error\",\"sequence_number\":7,\"code\":"
                        + "\"rate_limit_exceeded\",\"message\":\"Slow down.\",\"param\":null}"));
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Part", "text_end 0 Part",
                "error RATE_LIMIT null rate_limit_exceeded: Slow down."), r.rendered());
    }

    @Test
    @DisplayName("a body that ends before the final event is a protocol error")
    void noFinalEvent() {
        ResponsesWire.Result r = decode(sse(CREATED) + textItem(0, "msg_1", "Hi"));
        assertEquals(ErrorKind.PROTOCOL, r.message().errorKind());
        assertEquals("the stream ended without response.completed, response.incomplete or "
                + "response.failed", r.message().errorMessage());
        assertEquals("Hi", r.message().text());
    }

    @Test
    @DisplayName("invalid JSON is a protocol error that quotes the payload")
    void invalidJson() {
        ResponsesWire.Result r = decode(sse(CREATED) + "event: response.output_text.delta\n"
                + "data: {\"type\":\"response.output_text.delta\",\n\n");
        assertEquals(ErrorKind.PROTOCOL, r.message().errorKind());
        assertTrue(r.message().errorMessage().startsWith("invalid JSON in the stream ("),
                r.message().errorMessage());
    }

    @Test
    @DisplayName("unknown events and item types are skipped and recorded once")
    void unknownEventsAndItems() {
        ResponsesWire.Result r = decode(sse(CREATED,
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":"
                        + "\"ws_1\",\"type\":\"web_search_call\",\"status\":\"in_progress\"}}",
                "{\"type\":\"response.web_search_call.searching\",\"output_index\":0,"
                        + "\"item_id\":\"ws_1\"}",
                "{\"type\":\"response.web_search_call.searching\",\"output_index\":0,"
                        + "\"item_id\":\"ws_1\"}",
                "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":"
                        + "\"ws_1\",\"type\":\"web_search_call\",\"status\":\"completed\"}}")
                + textItem(1, "msg_1", "Found.") + sse(completed("completed", "")));
        assertEquals(List.of(new TextContent("Found.")), r.message().content());
        assertEquals(List.of("unknown-output-item: items of type web_search_call skipped",
                "unknown-event: response.web_search_call.searching skipped"), r.deviations());
    }

    @Test
    @DisplayName("a completed event whose status is incomplete is read by its status")
    void statusDecides() {
        ResponsesWire.Result r = decode(sse(CREATED) + textItem(0, "msg_1", "1,")
                + sse(completed("incomplete", "\"incomplete_details\":{\"reason\":"
                        + "\"max_output_tokens\"},")));
        assertEquals(StopReason.LENGTH, r.message().stopReason());
        assertEquals("max_output_tokens", r.message().rawStopReason());
        assertEquals(List.of("status-mismatch: response.completed carries status "
                + "'incomplete', which decides"), r.deviations());
    }

    @Test
    @DisplayName("lengthFromUsage: completed at the output limit is a length stop")
    void lengthFromUsage() {
        String body = sse(CREATED) + textItem(0, "msg_1", "Hello", ",")
                + sse(completed("completed", ""));
        assertEquals(StopReason.STOP, decode(body, false, 20).message().stopReason());
        assertEquals(StopReason.STOP, decode(body, true, 21).message().stopReason());
        ResponsesWire.Result cut = decode(body, true, 20);
        assertEquals(StopReason.LENGTH, cut.message().stopReason());
        assertEquals("completed", cut.message().rawStopReason());
    }

    @Test
    @DisplayName("a total that is not input + output is recorded")
    void usageTotalMismatch() {
        ResponsesWire.Result r = decode(sse(CREATED) + textItem(0, "msg_1", "a")
                + sse(completed("completed", "").replace("\"total_tokens\":120",
                        "\"total_tokens\":150")));
        assertEquals(List.of("usage-total-mismatch: wire total_tokens 150 != input_tokens + "
                + "output_tokens 120"), r.deviations());
        assertEquals(120, r.message().usage().totalTokens());
    }

    @Test
    @DisplayName("a whole response object (no stream) is decoded like its final event")
    void wholeResponseBody() {
        List<dev.providers.engine.event.StreamEvent> events = new java.util.ArrayList<>();
        var assembler = new dev.providers.engine.internal.stream.MessageAssembler(
                new dev.providers.engine.internal.stream.AssemblyConfig(
                        OpenAiResponsesDialect.API, ResponsesWire.REF,
                        dev.providers.engine.spec.ModelCost.ZERO, null), 1, events::add);
        assembler.start();
        new ResponsesDecoder(ResponsesWire.OVERFLOW, false, null).body(("{\"id\":\"resp_9\","
                + "\"object\":\"response\",\"status\":\"completed\",\"model\":\"m\",\"output\":"
                + "[{\"id\":\"fc_9\",\"type\":\"function_call\",\"status\":\"completed\","
                + "\"arguments\":\"{}\",\"call_id\":\"call_9\",\"name\":\"get_time\"}]," + USAGE
                + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json",
                assembler);
        var message = assembler.result();
        assertEquals(StopReason.TOOL_USE, message.stopReason());
        assertEquals(new ToolCall("call_9", "get_time", Map.of(), "fc_9"),
                message.content().get(0));
        assertEquals("resp_9", message.responseId());
        assertEquals(List.of("no-stream: the server answered with one response object"),
                assembler.deviations());
        assertEquals(List.of(), dev.providers.engine.testing.EventInvariants.check(events,
                null));
    }

    @Test
    @DisplayName("events with neither output_index nor item_id continue the latest item")
    void unkeyedEvents() {
        ResponsesWire.Result r = decode(sse(CREATED,
                "{\"type\":\"response.output_text.delta\",\"delta\":\"Hel\"}",
                "{\"type\":\"response.output_text.delta\",\"delta\":\"lo\"}",
                completed("completed", "")));
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Hel", "text_delta 0 lo",
                "text_end 0 Hello", "done STOP completed"), r.rendered());
        assertEquals(List.of("unkeyed-event: an item event with neither output_index nor "
                + "item_id; it continues the latest item of its kind"), r.deviations());
    }

    @Test
    @DisplayName("arguments only in the done event are taken once; the type may be the name")
    void argumentsOnlyInDone() {
        ResponsesWire.Result r = decode(sse(CREATED,
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":"
                        + "\"fc_d\",\"type\":\"function_call\",\"call_id\":\"call_d\","
                        + "\"name\":\"f\"}}",
                "{\"type\":\"response.function_call_arguments.done\",\"output_index\":0,"
                        + "\"arguments\":\"{\\\"a\\\":1}\"}")
                + "event: response.completed\ndata: {\"response\":{\"status\":\"completed\"}}"
                + "\n\n");
        assertEquals(new ToolCall("call_d", "f", Map.of("a", 1L), "fc_d"),
                r.message().content().get(0));
        assertEquals(StopReason.TOOL_USE, r.message().stopReason());
    }

    @Test
    @DisplayName("an error event with its fields under error, and an unknown incomplete reason")
    void errorShapes() {
        ResponsesWire.Result nested = decode(sse(CREATED, "{\"type\":\"error\",\"error\":{"
                + "\"code\":\"server_error\",\"message\":\"Try again.\"}}"));
        assertEquals(ErrorKind.SERVER, nested.message().errorKind());
        assertEquals("server_error: Try again.", nested.message().errorMessage());
        ResponsesWire.Result odd = decode(sse(CREATED, "{\"type\":\"response.incomplete\","
                + "\"response\":{\"status\":\"incomplete\",\"incomplete_details\":{"
                + "\"reason\":\"max_tool_calls\"}}}"));
        assertEquals(StopReason.LENGTH, odd.message().stopReason());
        assertEquals("max_tool_calls", odd.message().rawStopReason());
        assertEquals(List.of("incomplete-reason: response.incomplete with reason "
                + "'max_tool_calls', read as a length stop"), odd.deviations());
    }
}
