package dev.providers.engine.internal.openai;

import static dev.providers.engine.internal.openai.Wire.content;
import static dev.providers.engine.internal.openai.Wire.decode;
import static dev.providers.engine.internal.openai.Wire.finish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.internal.stream.MessageAssembler;
import dev.providers.engine.internal.stream.ResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SSE framing with the exact bytes servers send (W01–W06, W13, W15, W16). */
class SseFramingTest {

    private static final List<String> HELLO = List.of("start", "text_start 0",
            "text_delta 0 Hello", "text_delta 0 , world", "text_end 0 Hello, world", "done STOP");

    private static final String LF = "data: " + content("Hello") + "\n\n"
            + "data: " + content(", world") + "\n\n"
            + "data: " + finish("stop") + "\n\n"
            + "data: [DONE]\n\n";

    @Test
    void lineEndingsLfCrLfCrAndABom() {
        assertEquals(HELLO, decode(LF).rendered());
        assertEquals(HELLO, decode(LF.replace("\n", "\r\n")).rendered());
        assertEquals(HELLO, decode(LF.replace("\n", "\r")).rendered());
        assertEquals(HELLO, decode("\uFEFF" + LF).rendered());
        assertEquals(HELLO, decode(LF.replace("\n\n", "\r\n\n")).rendered(), "mixed");
    }

    @Test
    void commentsHeartbeatsBlankLinesAndOtherFieldsAreIgnored() {
        String stream = "\n\n: OPENROUTER PROCESSING\n\n:\n\nevent: message\nid: 7\nretry: 1000\n"
                + "data: " + content("Hello") + "\n\n:\n"
                + "data: " + content(", world") + "\n\n\n\n"
                + "data: " + finish("stop") + "\n\n: trailing\ndata: [DONE]\n\n";
        assertEquals(HELLO, decode(stream).rendered());
    }

    @Test
    void dataWithoutASpaceAndOneEventOverSeveralDataLines() {
        String stream = "data:" + content("Hello") + "\n\n"
                + "data: {\"choices\":[{\"delta\":\n"
                + "data: {\"content\":\", world\"}}]}\n\n"
                + "data:" + finish("stop") + "\n\ndata:[DONE]\n\n";
        assertEquals(HELLO, decode(stream).rendered());
    }

    @Test
    void multiByteCharactersAndEscapesSplitAnywhere() {
        // decode() also feeds one byte per read and checks that the events are identical
        String text = "こんにちは 🙈 \\u00e9\\ud83d\\ude80";
        Wire.Result result = decode(Wire.sse(content(text), finish("stop")));
        assertEquals("こんにちは 🙈 é🚀", result.message().text());
    }

    @Test
    void aLoneSurrogateFromTheServerIsKeptInEvents() {
        Wire.Result result = decode(Wire.sse(content("a\\ud83db"), finish("stop")));
        assertEquals("a\ud83db", result.message().text());
    }

    @Test
    void aBodyWithoutDoneEndsTheStream() {
        String stream = "data: " + content("Hello") + "\n\ndata: " + finish("stop") + "\n\n";
        assertEquals(StopReason.STOP, decode(stream).message().stopReason());
        // ... even without the blank line after the last event (Jlama)
        String bare = "data:" + content("Hello") + "\n\ndata:" + finish("stop") + "\n";
        assertEquals(StopReason.STOP, decode(bare).message().stopReason());
    }

    @Test
    void bytesAfterDoneAreIgnored() {
        String stream = LF + "data: " + content("more") + "\n\ngarbage\n\n";
        assertEquals(HELLO, decode(stream).rendered());
    }

    @Test
    void aTruncatedStreamIsAnErrorNeverASuccess() {
        String stream = "data: " + content("Hello") + "\n\n";
        Wire.Result result = decode(stream);
        assertEquals(StopReason.ERROR, result.message().stopReason());
        assertEquals(ErrorKind.PROTOCOL, result.message().errorKind());
        assertEquals("Stream ended without finish_reason", result.message().errorMessage());
        assertEquals("Hello", result.message().text(), "what arrived is kept");
    }

    @Test
    void malformedJsonIsAProtocolErrorQuotingABoundedSnippet() {
        String bad = "{\"choices\":[{\"delta\":{\"content\":\"x\"}" + "y".repeat(500);
        Wire.Result result = decode("data: " + content("Hello") + "\n\ndata: " + bad + "\n\n");
        assertEquals(ErrorKind.PROTOCOL, result.message().errorKind());
        String message = result.message().errorMessage();
        assertTrue(message.startsWith("invalid JSON in the stream ("), message);
        assertTrue(message.endsWith("…"), message);
        assertTrue(message.length() < 400, message);
    }

    @Test
    void aNonObjectPayloadIsSkippedAndALeadingNullToo() {
        Wire.Result result = decode(Wire.sse("null", "42", "\"text\"", content("Hello"),
                finish("stop")));
        assertEquals("Hello", result.message().text());
        assertEquals(StopReason.STOP, result.message().stopReason());
    }

    @Test
    void aPlainJsonCompletionIsOneResponse() {
        String body = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Hello\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":10,"
                + "\"completion_tokens\":5,\"total_tokens\":15}}";
        List<dev.providers.engine.event.StreamEvent> events = new java.util.ArrayList<>();
        MessageAssembler assembler = new MessageAssembler(Wire.config().assembly(), 1,
                events::add);
        assembler.start();
        new ResponseDecoder(assembler, Wire.config().decoder(), 1 << 20).completion(
                body.getBytes(StandardCharsets.UTF_8), "application/json");
        var message = assembler.result();
        assertEquals(StopReason.TOOL_USE, message.stopReason());
        assertEquals("Hello", message.text());
        assertEquals(java.util.Map.of("city", "Paris"), message.toolCalls().get(0).arguments());
        assertEquals(15, message.usage().totalTokens());
        assertEquals(List.of(), dev.providers.engine.testing.EventInvariants.check(events, null));
    }
}
