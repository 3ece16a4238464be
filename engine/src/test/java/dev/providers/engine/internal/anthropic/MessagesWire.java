package dev.providers.engine.internal.anthropic;

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
import java.util.Locale;

/**
 * Feeds literal Messages bytes through the dialect's decoder and the engine's SSE reader and
 * assembler, whole and one byte per read, checks that both agree and that the events keep the
 * grammar, and renders the events compactly.
 */
final class MessagesWire {

    static final ModelRef REF = ModelRef.of("p", "m");

    /** An overflow check that knows Anthropic's text, as the engine's patterns do. */
    static final DecoderContext OVERFLOW = message -> message.toLowerCase(Locale.ROOT)
            .contains("prompt is too long");

    /** The events, final message and deviations of one decoded body. */
    record Result(List<StreamEvent> events, AssistantMessage message, List<String> deviations) {

        /** Returns the events rendered compactly. */
        List<String> rendered() {
            List<String> out = new ArrayList<>();
            events.forEach(e -> out.add(render(e)));
            return out;
        }
    }

    private MessagesWire() { }

    static Result decode(String body) {
        return decode(body, ModelCost.ZERO);
    }

    /** Decodes whole and one byte per read, checks that both agree, checks the grammar. */
    static Result decode(String body, ModelCost prices) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Result whole = run(bytes, prices, bytes.length);
        Result byByte = run(bytes, prices, 1);
        assertEquals(whole.rendered(), byByte.rendered(), "one byte per read changes events");
        assertEquals(List.of(), EventInvariants.check(whole.events(), prices),
                "grammar violations");
        return whole;
    }

    /** Decodes a body that is no event stream (JSON), as the engine hands it over. */
    static Result decodeJson(String json) {
        List<StreamEvent> events = new ArrayList<>();
        MessageAssembler assembler = assembler(events, ModelCost.ZERO);
        assembler.start();
        new MessagesDecoder(OVERFLOW).body(json.getBytes(StandardCharsets.UTF_8),
                "application/json", assembler);
        assertEquals(List.of(), EventInvariants.check(events, ModelCost.ZERO));
        return new Result(events, terminal(events), assembler.deviations());
    }

    private static Result run(byte[] bytes, ModelCost prices, int readSize) {
        List<StreamEvent> events = new ArrayList<>();
        MessageAssembler assembler = assembler(events, prices);
        ResponseDecoder decoder = new ResponseDecoder(assembler,
                new MessagesDecoder(OVERFLOW), SseDecoder.DEFAULT_MAX_EVENT_BYTES);
        assembler.start();
        for (int i = 0; i < bytes.length; i += readSize) {
            decoder.feed(ByteBuffer.wrap(bytes, i, Math.min(readSize, bytes.length - i)));
        }
        decoder.end();
        return new Result(events, terminal(events), assembler.deviations());
    }

    private static MessageAssembler assembler(List<StreamEvent> events, ModelCost prices) {
        return new MessageAssembler(new AssemblyConfig(AnthropicMessagesDialect.API, REF, prices,
                null), 1000, events::add);
    }

    private static AssistantMessage terminal(List<StreamEvent> events) {
        StreamEvent last = events.get(events.size() - 1);
        return last instanceof Done d ? d.message() : ((ErrorEvent) last).message();
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
            return "thinking_end " + t.contentIndex() + " " + t.signature() + " " + t.thinking();
        } else if (e instanceof StreamEvent.ToolCallStart s) {
            return "toolcall_start " + s.contentIndex() + " " + s.id() + " " + s.name();
        } else if (e instanceof StreamEvent.ToolCallDelta d) {
            return "toolcall_delta " + d.contentIndex() + " " + d.delta();
        } else if (e instanceof StreamEvent.ToolCallEnd t) {
            return "toolcall_end " + t.contentIndex() + " " + t.toolCall().arguments();
        } else if (e instanceof Done d) {
            return "done " + d.reason();
        }
        ErrorEvent error = (ErrorEvent) e;
        return "error " + error.reason() + " " + error.message().errorKind() + " "
                + error.message().errorMessage();
    }

    /** Returns one named event: {@code event: <name>} and its {@code data:} line. */
    static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
