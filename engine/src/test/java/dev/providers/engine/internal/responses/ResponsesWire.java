package dev.providers.engine.internal.responses;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Feeds literal Responses wire bytes through the decoder, whole and one byte per read, checks
 * that both agree and that the events keep the grammar, and renders them compactly.
 */
final class ResponsesWire {

    static final ModelRef REF = ModelRef.of("p", "m");
    /** Overflow texts as the engine's patterns would catch them, for these tests. */
    static final DecoderContext OVERFLOW = message -> message.contains("context window");

    private ResponsesWire() { }

    /** The events, final message and deviations of one decoded body. */
    record Result(List<StreamEvent> events, AssistantMessage message, List<String> deviations) {

        /** Returns the events rendered one per line, start and terminal included. */
        List<String> rendered() {
            List<String> out = new ArrayList<>();
            events.forEach(e -> out.add(render(e)));
            return out;
        }
    }

    /** Decodes a body with the default decoder (no output limit, no lengthFromUsage). */
    static Result decode(String sse) {
        return decode(sse, false, null);
    }

    /** Decodes a body with a decoder that knows the output limit sent. */
    static Result decode(String sse, boolean lengthFromUsage, @Nullable Integer maxTokens) {
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        Result whole = run(bytes, lengthFromUsage, maxTokens, bytes.length);
        Result byByte = run(bytes, lengthFromUsage, maxTokens, 1);
        assertEquals(whole.rendered(), byByte.rendered(), "one byte per read changes events");
        assertEquals(List.of(), EventInvariants.check(whole.events(), ModelCost.ZERO),
                "grammar violations");
        return whole;
    }

    private static Result run(byte[] bytes, boolean lengthFromUsage,
            @Nullable Integer maxTokens, int readSize) {
        List<StreamEvent> events = new ArrayList<>();
        MessageAssembler assembler = new MessageAssembler(new AssemblyConfig(
                OpenAiResponsesDialect.API, REF, ModelCost.ZERO, null), 1000, events::add);
        ResponseDecoder decoder = new ResponseDecoder(assembler, new ResponsesDecoder(OVERFLOW,
                lengthFromUsage, maxTokens), SseDecoder.DEFAULT_MAX_EVENT_BYTES);
        assembler.start();
        for (int i = 0; i < bytes.length; i += readSize) {
            decoder.feed(ByteBuffer.wrap(bytes, i, Math.min(readSize, bytes.length - i)));
        }
        decoder.end();
        StreamEvent last = events.get(events.size() - 1);
        AssistantMessage message = last instanceof Done d ? d.message()
                : ((ErrorEvent) last).message();
        return new Result(events, message, assembler.deviations());
    }

    /** Returns a recorded stream from {@code src/test/resources/golden/responses/}. */
    static String recorded(String file) {
        try (InputStream in = ResponsesWire.class.getClassLoader().getResourceAsStream(
                "golden/responses/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded stream " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns events with their {@code event:} names taken from each payload's type. */
    static String sse(String... payloads) {
        StringBuilder out = new StringBuilder();
        for (String payload : payloads) {
            int at = payload.indexOf("\"type\":\"") + 8;
            String type = payload.substring(at, payload.indexOf('"', at));
            out.append("event: ").append(type).append("\ndata: ").append(payload).append("\n\n");
        }
        return out.toString();
    }

    static String render(StreamEvent e) {
        if (e instanceof StreamEvent.Start) {
            return "start";
        } else if (e instanceof StreamEvent.TextStart s) {
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
            return "thinking_end " + t.contentIndex() + " " + t.thinking() + " | "
                    + t.signature();
        } else if (e instanceof StreamEvent.ToolCallStart s) {
            return "toolcall_start " + s.contentIndex() + " " + s.id() + " " + s.name();
        } else if (e instanceof StreamEvent.ToolCallDelta d) {
            return "toolcall_delta " + d.contentIndex() + " " + d.delta();
        } else if (e instanceof StreamEvent.ToolCallEnd t) {
            return "toolcall_end " + t.contentIndex() + " " + t.toolCall().arguments() + " | "
                    + t.toolCall().thoughtSignature();
        } else if (e instanceof Done d) {
            return "done " + d.reason() + " " + d.message().rawStopReason();
        }
        ErrorEvent error = (ErrorEvent) e;
        return "error " + error.message().errorKind() + " " + error.message().rawStopReason()
                + " " + error.message().errorMessage();
    }
}
