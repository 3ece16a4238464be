package dev.providers.engine.internal.openai;

import static dev.providers.engine.internal.openai.Wire.content;
import static dev.providers.engine.internal.openai.Wire.decode;
import static dev.providers.engine.internal.openai.Wire.finish;
import static dev.providers.engine.internal.openai.Wire.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tool calls as servers really stream them (W11). */
class ToolCallStreamTest {

    private static String call(String fields) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[" + fields
                + "]},\"finish_reason\":null}]}";
    }

    @Test
    void llamaServerStreamsArgumentsOneCharacterPerChunk() {
        String[] chars = {"\\\"", "c", "i", "t", "y", "\\\"", ":", "\\\"", "\\\"", "}"};
        String[] payloads = new String[chars.length + 2];
        payloads[0] = call("{\"index\":0,\"id\":\"Xy3abc\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\"}}");
        for (int i = 0; i < chars.length; i++) {
            payloads[i + 1] = call("{\"index\":0,\"function\":{\"arguments\":\"" + chars[i]
                    + "\"}}");
        }
        payloads[payloads.length - 1] = finish("tool_calls");
        Wire.Result r = decode(sse(payloads));
        List<String> events = r.rendered();
        assertEquals("toolcall_start 0 Xy3abc get_weather", events.get(1));
        assertEquals(11, events.stream().filter(e -> e.startsWith("toolcall_delta")).count());
        ToolCall call = r.message().toolCalls().get(0);
        assertEquals(Map.of("city", ""), call.arguments());
        assertEquals(StopReason.TOOL_USE, r.message().stopReason());
    }

    @Test
    void idsThatChangeFromChunkToChunkKeepTheFirst() {
        Wire.Result r = decode(sse(
                call("{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}"),
                call("{\"index\":0,\"id\":\"call_2\",\"function\":{\"arguments\":\"{\\\"a\\\":\"}}"),
                call("{\"index\":0,\"id\":\"call_3\",\"function\":{\"arguments\":\"1}\"}}"),
                finish("tool_calls")));
        assertEquals(1, r.message().toolCalls().size());
        assertEquals("call_1", r.message().toolCalls().get(0).id());
        assertEquals(Map.of("a", 1L), r.message().toolCalls().get(0).arguments());
    }

    @Test
    void mistralSendsWholeCallsWithoutIndexOrType() {
        Wire.Result r = decode(sse(
                call("{\"id\":\"D681PevKs\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \\\"Paris\\\"}\"}}"),
                call("{\"id\":\"Q9xE2mLwT\",\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}"),
                finish("tool_calls")));
        List<ToolCall> calls = r.message().toolCalls();
        assertEquals(List.of("D681PevKs", "Q9xE2mLwT"), calls.stream().map(ToolCall::id).toList());
        assertEquals(Map.of("city", "Paris"), calls.get(0).arguments());
        assertEquals(Map.of(), calls.get(1).arguments());
    }

    @Test
    void aNameRepeatedInEveryChunkIsNotConcatenated() {
        Wire.Result r = decode(sse(
                call("{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\"\"}}"),
                call("{\"index\":0,\"function\":{\"name\":\"get_weather\",\"arguments\":\":\\\"Oslo\\\"}\"}}"),
                finish("tool_calls")));
        assertEquals("get_weather", r.message().toolCalls().get(0).name());
        assertEquals(Map.of("city", "Oslo"), r.message().toolCalls().get(0).arguments());
    }

    @Test
    void anEmptyNameInArgumentChunksIsIgnoredAsLmStudioSendsIt() {
        Wire.Result r = decode(sse(
                call("{\"index\":0,\"id\":\"123\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}"),
                call("{\"index\":0,\"type\":\"function\",\"function\":{\"name\":\"\",\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}}"),
                finish("tool_calls")));
        assertEquals("get_weather", r.message().toolCalls().get(0).name());
    }

    @Test
    void argumentsBeforeTheNameAreHeldBackUntilTheStart() {
        Wire.Result r = decode(sse(
                call("{\"index\":0,\"function\":{\"arguments\":\"{\\\"x\\\"\"}}"),
                call("{\"index\":0,\"id\":\"c9\",\"function\":{\"name\":\"f\",\"arguments\":\":2}\"}}"),
                finish("tool_calls")));
        assertEquals(List.of("start", "toolcall_start 0 c9 f", "toolcall_delta 0 {\"x\":2}",
                "toolcall_end 0 {x=2}", "done TOOL_USE"), r.rendered());
    }

    @Test
    void aCallWithoutArgumentsHasAnEmptyObject() {
        Wire.Result r = decode(sse(
                call("{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}"),
                finish("tool_calls")));
        assertEquals(Map.of(), r.message().toolCalls().get(0).arguments());
        assertTrue(r.rendered().contains("toolcall_delta 0 "), "even empty fragments are events");
    }

    @Test
    void aCallWithoutAnyIdGetsAStableSynthesizedOne() {
        Wire.Result r = decode(sse(
                "{\"id\":\"resp-7\",\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}",
                finish("tool_calls")));
        assertEquals("call_resp-7_0", r.message().toolCalls().get(0).id());
        assertTrue(r.deviations().get(0).startsWith("synthesized-tool-call-id"));
    }

    @Test
    void aWholeCallWithFinishStopIsToolUseAndADeviation() {
        // old Ollama builds: the call arrives in one chunk and the finish says "stop"
        Wire.Result r = decode(sse(
                "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"model\":\"llama3.1\",\"system_fingerprint\":\"fp_ollama\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_abc\",\"index\":0,\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}",
                finish("stop")));
        assertEquals(StopReason.TOOL_USE, r.message().stopReason());
        assertEquals("stop", r.message().rawStopReason());
        assertTrue(r.deviations().get(0).startsWith("stop-with-tool-calls"));
    }

    @Test
    void brokenArgumentsAreRepairedNeverNull() {
        Wire.Result r = decode(sse(
                call("{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"note\\\":\\\"line1\\nline2\\\",\\\"n\\\":3\"}}"),
                finish("tool_calls")));
        assertEquals(Map.of("note", "line1\nline2", "n", 3L),
                r.message().toolCalls().get(0).arguments(), "raw newline and missing brace");
        Wire.Result truncated = decode(sse(
                call("{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"\"}}"),
                finish("tool_calls")));
        assertEquals(Map.of(), truncated.message().toolCalls().get(0).arguments());
    }

    @Test
    void partialArgumentsGrowWithTheFragments() {
        Wire.Result r = decode(sse(
                call("{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"city\\\":\\\"Par\"}}"),
                call("{\"index\":0,\"function\":{\"arguments\":\"is\\\"}\"}}"),
                finish("tool_calls")));
        List<StreamEvent.ToolCallDelta> deltas = r.events().stream()
                .filter(StreamEvent.ToolCallDelta.class::isInstance)
                .map(StreamEvent.ToolCallDelta.class::cast).toList();
        assertEquals(Map.of("city", "Par"), deltas.get(0).partialArguments());
        assertEquals(Map.of("city", "Paris"), deltas.get(1).partialArguments());
    }

    @Test
    void piMixedParallelCase() {
        // content + reasoning + four calls: two by index, two by id only, in swapped order
        Wire.Result r = decode(sse(
                "{\"choices\":[{\"delta\":{\"content\":\"Let me \",\"reasoning_content\":\"Need two\",\"tool_calls\":[{\"index\":0,\"id\":\"a1\",\"function\":{\"name\":\"add\",\"arguments\":\"{\\\"a\\\":1\"}},{\"id\":\"b2\",\"function\":{\"name\":\"mul\",\"arguments\":\"{\\\"x\\\":\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"check\",\"reasoning_content\":\" calls.\",\"tool_calls\":[{\"id\":\"b2\",\"function\":{\"arguments\":\"3}\"}},{\"index\":1,\"id\":\"c3\",\"function\":{\"name\":\"sub\",\"arguments\":\"{}\"}},{\"index\":0,\"function\":{\"arguments\":\"}\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\".\",\"tool_calls\":[{\"id\":\"d4\",\"function\":{\"name\":\"div\",\"arguments\":\"{\\\"y\\\":2}\"}}]},\"finish_reason\":\"tool_calls\"}]}"));
        List<String> events = r.rendered();
        assertEquals(1, count(events, "text_start"));
        assertEquals(3, count(events, "text_delta"));
        assertEquals(1, count(events, "text_end"));
        assertEquals(1, count(events, "thinking_start"));
        assertEquals(2, count(events, "thinking_delta"));
        assertEquals(1, count(events, "thinking_end"));
        assertEquals(4, count(events, "toolcall_start"));
        assertEquals(6, count(events, "toolcall_delta"));
        assertEquals(4, count(events, "toolcall_end"));
        assertEquals(6, r.message().content().size());
        assertEquals(List.of("a1", "b2", "c3", "d4"), r.message().toolCalls().stream()
                .map(ToolCall::id).toList());
        assertEquals(Map.of("a", 1L), r.message().toolCalls().get(0).arguments());
        assertEquals(Map.of("x", 3L), r.message().toolCalls().get(1).arguments());
        assertEquals("Let me check.", r.message().text());
    }

    @Test
    void anEncryptedReasoningDetailSignsItsCallEvenWhenItArrivesFirst() {
        Wire.Result r = decode(sse(
                "{\"choices\":[{\"delta\":{\"reasoning\":\"plan\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"plan\"},{\"type\":\"reasoning.encrypted\",\"id\":\"tc_1\",\"data\":\"ZW5j\",\"format\":\"google-gemini-v1\"}]}}]}",
                call("{\"index\":0,\"id\":\"tc_1\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}"),
                finish("tool_calls")));
        String signature = r.message().toolCalls().get(0).thoughtSignature();
        assertTrue(signature.contains("\"data\":\"ZW5j\""), signature);
    }

    @Test
    void textBeforeAndAfterACallStaysOneTextBlock() {
        Wire.Result r = decode(sse(content("a"),
                call("{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}"),
                content("b"), finish("tool_calls")));
        assertEquals("ab", r.message().text());
        assertEquals(2, r.message().content().size());
    }

    private static long count(List<String> events, String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix + " ")).count();
    }
}
