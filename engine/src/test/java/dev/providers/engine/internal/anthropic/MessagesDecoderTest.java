package dev.providers.engine.internal.anthropic;

import static dev.providers.engine.internal.anthropic.MessagesWire.decode;
import static dev.providers.engine.internal.anthropic.MessagesWire.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.Usage;
import dev.providers.engine.spec.ModelCost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Messages stream, rule by rule, with the exact bytes servers send (docs §4). */
class MessagesDecoderTest {

    /** Anthropic's message_start (usage with both cache counts). */
    static final String START = event("message_start", "{\"type\":\"message_start\",\"message\":"
            + "{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-6\","
            + "\"stop_reason\":null,"
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,"
            + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
            + "\"output_tokens\":1}}}");
    static final String PING = event("ping", "{\"type\": \"ping\"}");
    static final String STOP = event("message_stop", "{\"type\":\"message_stop\"}");

    static String textStart(int index) {
        return event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
                + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    }

    static String delta(int index, String delta) {
        return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                + ",\"delta\":" + delta + "}");
    }

    static String text(int index, String text) {
        return delta(index, "{\"type\":\"text_delta\",\"text\":\"" + text + "\"}");
    }

    static String blockStop(int index) {
        return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index
                + "}");
    }

    static String messageDelta(String reason, String usage) {
        return event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                + reason + ",\"stop_sequence\":null},\"usage\":" + usage + "}");
    }

    /** The bytes llama-server (b1-de3ff81) sent for "hi", verbatim. */
    static final String LLAMA_HELLO = "event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"chatcmpl-afMtNoVQhx4IdG"
            + "vwBuMmtIrSsPhBmXZx\",\"type\":\"message\",\"role\":\"assistant\",\"content"
            + "\":[],\"model\":"
            + "\"tiny-llama\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"cache_read_"
            + "input_tokens\":0,\"input_tokens\":21,\"output_tokens\":0}}}\n\n"
            + "event: content_block_start\n"
            + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":"
            + "\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta"
            + "\",\"text\":\"Hello\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta"
            + "\",\"text\":\",\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta"
            + "\",\"text\":\" world\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta"
            + "\",\"text\":\"!\"}}\n\n"
            + "event: content_block_stop\n"
            + "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\n"
            + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_"
            + "sequence\":null},\"usage\":{\"output_tokens\":5}}\n\n"
            + "event: message_stop\n"
            + "data: {\"type\":\"message_stop\"}\n\n";

    @Test
    void llamaServersTextStreamDecodesToOneTextBlock() {
        MessagesWire.Result r = decode(LLAMA_HELLO);
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Hello", "text_delta 0 ,",
                "text_delta 0  world", "text_delta 0 !", "text_end 0 Hello, world!", "done STOP"),
                r.rendered());
        AssistantMessage message = r.message();
        assertEquals("end_turn", message.rawStopReason());
        assertEquals("chatcmpl-afMtNoVQhx4IdGvwBuMmtIrSsPhBmXZx", message.responseId());
        assertEquals("tiny-llama", message.responseModel());
        assertEquals(new Usage(21, 5, 0, 0, 0, 26, message.usage().cost()), message.usage());
        assertEquals(List.of(), r.deviations());
    }

    @Test
    void usageMapsEveryCountAndMessageDeltaReplacesThoseItCarries() {
        String body = START + PING + textStart(0) + text(0, "Hi") + blockStop(0)
                + messageDelta("\"end_turn\"", "{\"output_tokens\":15,"
                + "\"cache_read_input_tokens\":2000,\"cache_creation_input_tokens\":300}") + STOP;
        ModelCost prices = new ModelCost(3, 15, 0.3, 3.75);
        Usage usage = decode(body, prices).message().usage();
        // input 25 from message_start, the rest from message_delta's cumulative counts
        assertEquals(25, usage.input());
        assertEquals(15, usage.output());
        assertEquals(2000, usage.cacheRead());
        assertEquals(300, usage.cacheWrite());
        assertEquals(0, usage.reasoning());
        assertEquals(2340, usage.totalTokens());
        assertEquals((25 * 3 + 15 * 15 + 2000 * 0.3 + 300 * 3.75) / 1e6, usage.cost().total(),
                1e-12);
    }

    @Test
    void signatureDeltasAreConcatenatedInOrderAndSetWhenTheBlockStops() {
        String body = START
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}")
                + delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"Let me add: \"}")
                + delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"2 + 2 = 4.\"}")
                + delta(0, "{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM\"}")
                + PING
                + delta(0, "{\"type\":\"signature_delta\",\"signature\":\"1gbcDa9GJwZA\"}")
                + blockStop(0) + textStart(1) + text(1, "4") + blockStop(1)
                + messageDelta("\"end_turn\"", "{\"output_tokens\":30}") + STOP;
        MessagesWire.Result r = decode(body);
        assertEquals(List.of("start", "thinking_start 0", "thinking_delta 0 Let me add: ",
                "thinking_delta 0 2 + 2 = 4.",
                "thinking_end 0 EqQBCgIYAhIM1gbcDa9GJwZA Let me add: 2 + 2 = 4.",
                "text_start 1", "text_delta 1 4", "text_end 1 4", "done STOP"), r.rendered());
        assertEquals(new ThinkingContent("Let me add: 2 + 2 = 4.", "EqQBCgIYAhIM1gbcDa9GJwZA",
                false), r.message().content().get(0));
    }

    @Test
    void aSignatureWithoutThinkingTextStillMakesAThinkingBlock() {
        // Claude with thinking display omitted: an empty thinking block and its signature
        String body = START
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}")
                + delta(0, "{\"type\":\"signature_delta\",\"signature\":\"sig-omitted\"}")
                + blockStop(0) + textStart(1) + text(1, "4") + blockStop(1)
                + messageDelta("\"end_turn\"", "{\"output_tokens\":30}") + STOP;
        AssistantMessage message = decode(body).message();
        assertEquals(new ThinkingContent("", "sig-omitted", false), message.content().get(0));
    }

    @Test
    void redactedThinkingBecomesARedactedBlockWhoseSignatureIsTheData() {
        String body = START
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3"
                + "pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP\"}}")
                + blockStop(0) + textStart(1) + text(1, "ok") + blockStop(1)
                + messageDelta("\"end_turn\"", "{\"output_tokens\":3}") + STOP;
        MessagesWire.Result r = decode(body);
        assertEquals(new ThinkingContent("", "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE"
                + "3rAFBa8cr3qpP", true), r.message().content().get(0));
        assertEquals(new TextContent("ok"), r.message().content().get(1));
    }

    @Test
    void toolUseStreamsItsInputAcrossDeltasTheFirstOneEmpty() {
        String body = START
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6"
                + "\",\"name\":\"get_weather\",\"input\":{}}}")
                + delta(0, "{\"type\":\"input_json_delta\",\"partial_json\":\"\"}")
                + delta(0, "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Pa"
                + "\"}")
                + delta(0, "{\"type\":\"input_json_delta\",\"partial_json\":\"ris\\\"}\"}")
                + blockStop(0) + messageDelta("\"tool_use\"", "{\"output_tokens\":40}") + STOP;
        MessagesWire.Result r = decode(body);
        assertEquals(List.of("start", "toolcall_start 0 toolu_01T1x1fJ34qAmk2tNTrN7Up6 "
                + "get_weather", "toolcall_delta 0 ", "toolcall_delta 0 {\"city\": \"Pa",
                "toolcall_delta 0 ris\"}",
                "toolcall_end 0 {city=Paris}", "done TOOL_USE"), r.rendered());
    }

    @Test
    void llamaServersToolUseHasNoInputAndStreamsOneCharacterPerDelta() {
        StringBuilder body = new StringBuilder(START).append(event("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":"
                + "\"tool_use\",\"id\":\"RWmwVLw6AY3IJQbfDTKyPx7ESCf0Q9Tl\",\"name\":"
                + "\"get_weather\"}}"));
        for (String piece : new String[] {"{", "\\\"", "c", "i", "t", "y", "\\\"", ":", "\\\"",
            "\\\"", "}"}) {
            body.append(delta(0, "{\"type\":\"input_json_delta\",\"partial_json\":\"" + piece
                    + "\"}"));
        }
        body.append(blockStop(0)).append(messageDelta("\"tool_use\"", "{\"output_tokens\":50}"))
                .append(STOP);
        AssistantMessage message = decode(body.toString()).message();
        assertEquals("RWmwVLw6AY3IJQbfDTKyPx7ESCf0Q9Tl", message.toolCalls().get(0).id());
        assertEquals(Map.of("city", ""), message.toolCalls().get(0).arguments());
        assertEquals(StopReason.TOOL_USE, message.stopReason());
    }

    @Test
    void aStartBlocksInputCountsOnlyWhenNoDeltaFollows() {
        String body = START
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"f\","
                + "\"input\":{\"a\":1}}}") + blockStop(0)
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"f\","
                + "\"input\":{\"stale\":true}}}")
                + delta(1, "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":2}\"}")
                + blockStop(1) + messageDelta("\"tool_use\"", "{\"output_tokens\":9}") + STOP;
        AssistantMessage message = decode(body).message();
        assertEquals(Map.of("a", 1L), message.toolCalls().get(0).arguments());
        assertEquals(Map.of("a", 2L), message.toolCalls().get(1).arguments());
    }

    @Test
    void interleavedBlocksKeepTheirOrderAndSkippedBlocksLeaveNoHole() {
        String body = START
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}")
                + delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"search first\"}")
                + blockStop(0)
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\","
                + "\"name\":\"web_search\",\"input\":{}}}")
                + delta(1, "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"query\\\":\\\"x"
                + "\\\"}\"}") + blockStop(1)
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,"
                + "\"content_block\":{\"type\":\"web_search_tool_result\",\"tool_use_id\":"
                + "\"srvtoolu_1\",\"content\":[]}}") + blockStop(2)
                + textStart(3) + text(3, "Found it. ") + blockStop(3)
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":4,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\","
                + "\"input\":{}}}") + blockStop(4)
                + textStart(5) + text(5, "Calling f.") + blockStop(5)
                + messageDelta("\"tool_use\"", "{\"output_tokens\":60}") + STOP;
        MessagesWire.Result r = decode(body);
        assertEquals(List.of("start", "thinking_start 0", "thinking_delta 0 search first",
                "thinking_end 0 null search first", "text_start 1", "text_delta 1 Found it. ",
                "text_end 1 Found it. ", "toolcall_start 2 t f", "toolcall_delta 2 ",
                "toolcall_end 2 {}",
                "text_start 3", "text_delta 3 Calling f.", "text_end 3 Calling f.",
                "done TOOL_USE"), r.rendered());
        assertEquals(List.of("skipped-block: content block type 'server_tool_use' was skipped",
                "skipped-block: content block type 'web_search_tool_result' was skipped"),
                r.deviations());
    }

    @Test
    void unknownEventsAndDeltasAreSkippedAsDeviationsOnce() {
        String body = START + event("content_block_ping", "{\"type\":\"content_block_ping\"}")
                + event("content_block_ping", "{\"type\":\"content_block_ping\"}")
                + textStart(0) + delta(0, "{\"type\":\"citations_delta\",\"citation\":{}}")
                + text(0, "x") + blockStop(0)
                + messageDelta("\"end_turn\"", "{\"output_tokens\":1}") + STOP;
        MessagesWire.Result r = decode(body);
        assertEquals("x", r.message().text());
        assertEquals(List.of("unknown-event: event type 'content_block_ping' was skipped",
                "skipped-delta: delta type 'citations_delta' was skipped"), r.deviations());
    }

    @Test
    void anErrorEventAfterContentEndsTheStreamKeepingWhatCame() {
        String body = START + textStart(0) + text(0, "Partial") + event("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
                + "\"Overloaded\"}}");
        MessagesWire.Result r = decode(body);
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Partial",
                "text_end 0 Partial", "error ERROR SERVER overloaded_error: Overloaded"),
                r.rendered());
        assertEquals("Partial", r.message().text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "overloaded_error|Overloaded|SERVER",
        "api_error|Internal server error|SERVER",
        "rate_limit_error|Number of request tokens has exceeded your per-minute rate limit"
                + "|RATE_LIMIT",
        "authentication_error|invalid x-api-key|AUTH",
        "permission_error|Your API key does not have permission|AUTH",
        "not_found_error|model: claude-nope|MODEL_NOT_FOUND",
        "request_too_large|Request exceeds the maximum allowed number of bytes"
                + "|CONTEXT_OVERFLOW",
        "invalid_request_error|prompt is too long: 213462 tokens > 200000 maximum"
                + "|CONTEXT_OVERFLOW",
        "invalid_request_error|messages: roles must alternate|INVALID_REQUEST",
        "timeout_error|Request timed out|TIMEOUT",
        "something_new|?|SERVER"})
    void errorTypesMapToKinds(String type, String message, ErrorKind kind) {
        String body = START + event("error", "{\"type\":\"error\",\"error\":{\"type\":\"" + type
                + "\",\"message\":\"" + message + "\"}}");
        AssistantMessage result = decode(body).message();
        assertEquals(kind, result.errorKind());
        assertEquals(type + ": " + message, result.errorMessage());
    }

    @ParameterizedTest
    @CsvSource({"end_turn,STOP", "stop_sequence,STOP", "pause_turn,STOP", "max_tokens,LENGTH"})
    void normalStopReasons(String raw, StopReason reason) {
        AssistantMessage message = decode(START + textStart(0) + text(0, "a") + blockStop(0)
                + messageDelta("\"" + raw + "\"", "{\"output_tokens\":1}") + STOP).message();
        assertEquals(reason, message.stopReason());
        assertEquals(raw, message.rawStopReason());
    }

    @ParameterizedTest
    @CsvSource({"refusal,CONTENT_FILTER", "model_context_window_exceeded,CONTEXT_OVERFLOW"})
    void errorStopReasonsEndTheStreamAsErrorsAtMessageStop(String raw, ErrorKind kind) {
        MessagesWire.Result r = decode(START + textStart(0) + text(0, "I") + blockStop(0)
                + messageDelta("\"" + raw + "\"", "{\"output_tokens\":1}") + STOP);
        assertEquals(StopReason.ERROR, r.message().stopReason());
        assertEquals(kind, r.message().errorKind());
        assertEquals(raw, r.message().rawStopReason());
        assertEquals("I", r.message().text());
    }

    @Test
    void anUnknownStopReasonStopsAndIsRecorded() {
        MessagesWire.Result r = decode(START + textStart(0) + text(0, "a") + blockStop(0)
                + messageDelta("\"compaction\"", "{\"output_tokens\":1}") + STOP);
        assertEquals(StopReason.STOP, r.message().stopReason());
        assertEquals(List.of("unknown-stop-reason: stop_reason 'compaction' is not Anthropic's;"
                + " read as a stop"), r.deviations());
    }

    @Test
    void aStreamCutBeforeMessageStopIsAProtocolErrorEvenAfterAStopReason() {
        MessagesWire.Result r = decode(START + textStart(0) + text(0, "Hello") + blockStop(0)
                + messageDelta("\"end_turn\"", "{\"output_tokens\":2}"));
        assertEquals(StopReason.ERROR, r.message().stopReason());
        assertEquals(ErrorKind.PROTOCOL, r.message().errorKind());
        assertEquals("the stream ended before message_stop (after stop_reason end_turn)",
                r.message().errorMessage());
        assertEquals("Hello", r.message().text());
    }

    @Test
    void aStreamCutInsideABlockEndsItWithTheError() {
        MessagesWire.Result r = decode(START + textStart(0) + text(0, "Hel"));
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Hel", "text_end 0 Hel",
                "error ERROR PROTOCOL the stream ended before message_stop"), r.rendered());
    }

    @Test
    void messageStopWithoutAStopReasonIsAProtocolError() {
        AssistantMessage message = decode(START + textStart(0) + text(0, "a") + blockStop(0)
                + STOP).message();
        assertEquals(ErrorKind.PROTOCOL, message.errorKind());
        assertEquals("the stream ended without a stop reason", message.errorMessage());
    }

    @Test
    void invalidJsonIsAProtocolErrorQuotingTheEvent() {
        AssistantMessage message = decode(START + "event: content_block_delta\ndata: {\"type\":"
                + "\"content_block_delta\",\"index\":0,\n\n").message();
        assertEquals(ErrorKind.PROTOCOL, message.errorKind());
        assertTrue(message.errorMessage().startsWith("invalid JSON in the stream ("),
                message.errorMessage());
    }

    @Test
    void dataWithoutEventLinesAndCrlfFramingDecodeAlike() {
        // some proxies drop the event: lines; the type field names the event alone
        String body = (START + textStart(0) + text(0, "Hi") + blockStop(0)
                + messageDelta("\"end_turn\"", "{\"output_tokens\":1}") + STOP)
                .replaceAll("event: [a-z_]+\n", "").replace("\n", "\r\n");
        MessagesWire.Result r = decode(body);
        assertEquals("Hi", r.message().text());
        assertEquals(StopReason.STOP, r.message().stopReason());
    }

    @Test
    void aDeltaForABlockThatNeverStartedIsReadAndRecorded() {
        MessagesWire.Result r = decode(START + text(0, "orphan") + blockStop(0)
                + messageDelta("\"end_turn\"", "{\"output_tokens\":1}") + STOP);
        assertEquals("orphan", r.message().text());
        assertEquals(List.of("delta-without-start: a text_delta came for block 0, which never "
                + "started"), r.deviations());
    }

    @Test
    void aWholeMessageBodyIsReadAsTheStreamWouldBe() {
        MessagesWire.Result r = MessagesWire.decodeJson("{\"id\":\"chatcmpl-ox9B\",\"type\":"
                + "\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\","
                + "\"thinking\":\"hm\",\"signature\":\"s1\"},{\"type\":\"tool_use\",\"id\":"
                + "\"9wCK\",\"name\":\"get_weather\",\"input\":{\"city\":\"\"}}],\"model\":"
                + "\"tiny-llama\",\"stop_reason\":\"tool_use\",\"stop_sequence\":null,\"usage\":"
                + "{\"cache_read_input_tokens\":142,\"input_tokens\":239,\"output_tokens\":50}}");
        assertEquals(List.of("start", "thinking_start 0", "thinking_delta 0 hm",
                "thinking_end 0 s1 hm", "toolcall_start 1 9wCK get_weather",
                "toolcall_delta 1 ", "toolcall_delta 1 {\"city\":\"\"}", "toolcall_end 1 {city=}",
                "done TOOL_USE"),
                r.rendered());
        assertEquals(List.of("no-stream: the server answered stream: true with one message "
                + "body"), r.deviations());
        assertEquals(142, r.message().usage().cacheRead());
    }

    @Test
    void anErrorBodyOnHttp200IsTheErrorItNames() {
        AssistantMessage message = MessagesWire.decodeJson("{\"type\":\"error\",\"error\":{"
                + "\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}").message();
        assertEquals(ErrorKind.SERVER, message.errorKind());
        assertEquals("overloaded_error: Overloaded", message.errorMessage());
    }
}
