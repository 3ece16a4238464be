package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.engine.ModelRef;
import dev.providers.engine.testing.EventInvariants;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamEvent.Done;
import dev.providers.engine.event.StreamEvent.ErrorEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.internal.stream.AssemblyConfig;
import dev.providers.engine.internal.stream.MessageAssembler;
import dev.providers.engine.internal.stream.ResponseDecoder;
import dev.providers.engine.internal.stream.SseDecoder;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.spi.DecoderContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Feeds literal wire bytes through the decoder and records the events. */
final class Wire {

    static final ModelRef REF = ModelRef.of("p", "m");

    /** The settings a decoding test varies: the decoder's flags and the model's. */
    record DecodeConfig(String api, ModelRef ref, ModelCost prices, List<String> reasoningFields,
            @Nullable String thinkOpen, @Nullable String thinkClose,
            boolean supportsFinishReason, boolean reasoningInCompletion,
            @Nullable Integer contextWindow, DecoderContext overflow) {

        AssemblyConfig assembly() {
            return new AssemblyConfig(api, ref, prices, contextWindow);
        }

        ChunkDecoder decoder() {
            return new ChunkDecoder(new DecoderSettings(reasoningFields, thinkOpen, thinkClose,
                    supportsFinishReason, reasoningInCompletion), overflow);
        }
    }

    static DecodeConfig config() {
        return new DecodeConfig("openai-completions", REF, ModelCost.ZERO,
                List.of("reasoning_content", "reasoning", "reasoning_text"), null, null, true,
                true, null, message -> message.toLowerCase().contains("context length"));
    }

    /** The events and final message of one decoded body. */
    record Result(List<StreamEvent> events, AssistantMessage message, List<String> deviations) {

        /** Returns the events rendered compactly, without start and terminal. */
        List<String> rendered() {
            List<String> out = new ArrayList<>();
            for (StreamEvent e : events) {
                out.add(render(e));
            }
            return out;
        }
    }

    static Result decode(String sse) {
        return decode(sse.getBytes(StandardCharsets.UTF_8), config());
    }

    static Result decode(String sse, UnaryOperator<DecodeConfig> configure) {
        return decode(sse.getBytes(StandardCharsets.UTF_8), configure.apply(config()));
    }

    /** Decodes whole and one byte per read, checks that both agree, and checks the grammar. */
    static Result decode(byte[] bytes, DecodeConfig config) {
        Result whole = run(bytes, config, bytes.length);
        Result byByte = run(bytes, config, 1);
        assertEquals(whole.rendered(), byByte.rendered(), "one byte per read changes events");
        assertEquals(List.of(), EventInvariants.check(whole.events(), config.prices()),
                "grammar violations");
        return whole;
    }

    private static Result run(byte[] bytes, DecodeConfig config, int readSize) {
        List<StreamEvent> events = new ArrayList<>();
        MessageAssembler assembler = new MessageAssembler(config.assembly(), 1000, events::add);
        ResponseDecoder decoder = new ResponseDecoder(assembler, config.decoder(),
                SseDecoder.DEFAULT_MAX_EVENT_BYTES);
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

    /** One SSE event per payload, LF framing, ending with [DONE]. */
    static String sse(String... payloads) {
        StringBuilder out = new StringBuilder();
        for (String payload : payloads) {
            out.append("data: ").append(payload).append("\n\n");
        }
        return out.append("data: [DONE]\n\n").toString();
    }

    static String content(String text) {
        return "{\"id\":\"r1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
                + "\"},\"finish_reason\":null}]}";
    }

    static String finish(String reason) {
        return "{\"id\":\"r1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\""
                + reason + "\"}]}";
    }

    private Wire() { }
}
