package dev.providers.engine.internal.responses;

import static dev.providers.engine.internal.responses.ResponsesWire.decode;
import static dev.providers.engine.internal.responses.ResponsesWire.recorded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Streams recorded from the real llama-server (the build in node-llama-cpp 3.22.1, tiny
 * model) on {@code POST /v1/responses}: no {@code output_index}, {@code content_index} or
 * {@code sequence_number} (items are named by {@code item_id} only), {@code timings} beside the
 * final response, usage without {@code output_tokens_details}, and {@code response.completed}
 * even for an answer cut at {@code max_output_tokens}.
 */
class LlamaCppTranscriptsTest {

    @Test
    @DisplayName("text, keyed by item id; usage with cached tokens")
    void text() {
        ResponsesWire.Result r = decode(recorded("llama-cpp-text.sse"));
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Hello", "text_delta 0 ,",
                "text_delta 0  world", "text_delta 0 !", "text_end 0 Hello, world!",
                "done STOP completed"), r.rendered());
        assertEquals(List.of(new TextContent("Hello, world!")), r.message().content());
        assertEquals("resp_j4BglqZdALujZ2JsBjrlG5cG1FyjVMzW", r.message().responseId());
        assertEquals("tiny", r.message().responseModel(), "the server's --alias");
        assertEquals(List.of(), r.deviations());
    }

    @Test
    @DisplayName("a call: one character of arguments per event, the fc_ item id as signature")
    void toolCall() {
        ResponsesWire.Result r = decode(recorded("llama-cpp-tool-call.sse"));
        ToolCall call = r.message().toolCalls().get(0);
        assertEquals("get_weather", call.name());
        assertEquals(Map.of("city", ""), call.arguments());
        assertEquals("call_8xcL9GE15yUfvXsHbnVfVd4J6GfmpWG8", call.id());
        assertEquals("fc_8xcL9GE15yUfvXsHbnVfVd4J6GfmpWG8", call.thoughtSignature());
        assertEquals(StopReason.TOOL_USE, r.message().stopReason());
        assertEquals(11, r.rendered().stream().filter(e -> e.startsWith("toolcall_delta 0 ")
                && e.length() > "toolcall_delta 0 ".length()).count());
    }

    @Test
    @DisplayName("cut at max_output_tokens 2, it still says completed: lengthFromUsage reads it")
    void lengthStopNeedsTheFlag() {
        String body = recorded("llama-cpp-length.sse");
        ResponsesWire.Result plain = decode(body, false, 2);
        assertEquals("Hello,", plain.message().text());
        assertEquals(StopReason.STOP, plain.message().stopReason());
        ResponsesWire.Result flagged = decode(body, true, 2);
        assertEquals(StopReason.LENGTH, flagged.message().stopReason());
        assertEquals("completed", flagged.message().rawStopReason());
        assertEquals(2, flagged.message().usage().output());
    }
}
