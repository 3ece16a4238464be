package dev.providers.engine.internal.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.engine.ModelRef;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamEvent.Done;
import dev.providers.engine.event.StreamEvent.ErrorEvent;
import dev.providers.engine.internal.stream.AssemblyConfig;
import dev.providers.engine.internal.stream.MessageAssembler;
import dev.providers.engine.internal.stream.ResponseDecoder;
import dev.providers.engine.internal.stream.SseDecoder;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.spi.DecoderContext;
import dev.providers.engine.testing.EventInvariants;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Feeds literal Gemini stream bytes through the engine's decoding path and records events. */
final class GeminiWire {

    static final ModelRef REF = ModelRef.of("gem", "flash");

    /** Messages that count as a context overflow in these tests (Gemini's own wording). */
    static final DecoderContext OVERFLOW = message -> message.contains("input token count");

    private GeminiWire() { }

    /** The events, final message and deviations of one decoded body. */
    record Result(List<StreamEvent> events, AssistantMessage message, List<String> deviations) {

        /** Returns the events rendered one per line, without the start. */
        List<String> rendered() {
            List<String> out = new ArrayList<>();
            for (StreamEvent e : events) {
                if (!(e instanceof StreamEvent.Start)) {
                    out.add(render(e));
                }
            }
            return out;
        }
    }

    /** Decodes an SSE body whole and one byte per read; checks both agree and the grammar. */
    static Result decode(String sse) {
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        Result whole = run(bytes, bytes.length, false);
        Result byByte = run(bytes, 1, false);
        assertEquals(whole.rendered(), byByte.rendered(), "one byte per read changes events");
        assertEquals(List.of(), EventInvariants.check(whole.events(), ModelCost.ZERO),
                "grammar violations");
        return whole;
    }

    /** Decodes a body that is not an event stream (JSON), as the engine hands it over. */
    static Result decodeJson(String json) {
        Result result = run(json.getBytes(StandardCharsets.UTF_8), 0, true);
        assertEquals(List.of(), EventInvariants.check(result.events(), ModelCost.ZERO),
                "grammar violations");
        return result;
    }

    /** Returns {@code data: <payload>\n\n} for each payload: Gemini's framing, no [DONE]. */
    static String sse(String... payloads) {
        StringBuilder out = new StringBuilder();
        for (String payload : payloads) {
            out.append("data: ").append(payload).append("\r\n\r\n");
        }
        return out.toString();
    }

    private static Result run(byte[] bytes, int readSize, boolean json) {
        List<StreamEvent> events = new ArrayList<>();
        MessageAssembler assembler = new MessageAssembler(new AssemblyConfig(
                GeminiDialect.API, REF, ModelCost.ZERO, null), 1000, events::add);
        int[] ids = {0};
        GeminiDecoder dialect = new GeminiDecoder(OVERFLOW, () -> "call_fresh" + ++ids[0]);
        ResponseDecoder decoder = new ResponseDecoder(assembler, dialect,
                SseDecoder.DEFAULT_MAX_EVENT_BYTES);
        assembler.start();
        if (json) {
            decoder.completion(bytes, "application/json; charset=UTF-8");
        } else {
            for (int i = 0; i < bytes.length; i += readSize) {
                decoder.feed(ByteBuffer.wrap(bytes, i, Math.min(readSize, bytes.length - i)));
            }
            decoder.end();
        }
        StreamEvent last = events.get(events.size() - 1);
        AssistantMessage message = last instanceof Done d ? d.message()
                : ((ErrorEvent) last).message();
        return new Result(events, message, assembler.deviations());
    }

    static String render(StreamEvent e) {
        if (e instanceof StreamEvent.TextStart s) {
            return "text_start " + s.contentIndex();
        } else if (e instanceof StreamEvent.TextDelta d) {
            return "text_delta " + d.contentIndex() + " " + d.delta();
        } else if (e instanceof StreamEvent.TextEnd t) {
            return "text_end " + t.contentIndex() + " " + t.text();
        } else if (e instanceof StreamEvent.ThinkingStart s) {
            return "thinking_start " + s.contentIndex();
        } else if (e instanceof StreamEvent.ThinkingDelta d) {
            return "thinking_delta " + d.contentIndex() + " " + d.delta();
        } else if (e instanceof StreamEvent.ThinkingEnd t) {
            return "thinking_end " + t.contentIndex() + " " + t.signature() + " " + t.thinking();
        } else if (e instanceof StreamEvent.ToolCallStart s) {
            return "toolcall_start " + s.contentIndex() + " " + s.id() + " " + s.name();
        } else if (e instanceof StreamEvent.ToolCallDelta d) {
            return "toolcall_delta " + d.contentIndex() + " " + d.delta();
        } else if (e instanceof StreamEvent.ToolCallEnd t) {
            return "toolcall_end " + t.contentIndex() + " " + t.toolCall().arguments() + " "
                    + t.toolCall().thoughtSignature();
        } else if (e instanceof Done d) {
            return "done " + d.reason() + " " + d.message().rawStopReason();
        }
        ErrorEvent error = (ErrorEvent) e;
        return "error " + error.message().errorKind() + " " + error.message().rawStopReason()
                + " " + error.message().errorMessage();
    }
}
