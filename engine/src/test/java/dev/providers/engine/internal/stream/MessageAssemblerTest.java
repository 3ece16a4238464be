package dev.providers.engine.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.testing.EventInvariants;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.spec.ModelCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generic assembler as any dialect drives it: blocks by the decoder's keys, several text and
 * thinking blocks where a wire interleaves them, blocks ended early or with the stream, and the
 * grammar kept whatever the decoder does.
 */
class MessageAssemblerTest {

    private final List<StreamEvent> events = new ArrayList<>();
    private final MessageAssembler sink = new MessageAssembler(new AssemblyConfig("test-dialect",
            ModelRef.of("p", "m"), new ModelCost(1, 2, 0, 0), 1000), 7, events::add);

    private List<String> rendered() {
        List<String> out = new ArrayList<>();
        for (StreamEvent e : events) {
            out.add(e.getClass().getSimpleName() + (e instanceof StreamEvent.TextDelta d
                    ? " " + d.contentIndex() + " " + d.delta()
                    : e instanceof StreamEvent.ThinkingDelta d ? " " + d.contentIndex() + " "
                            + d.delta() : ""));
        }
        return out;
    }

    @Test
    void interleavedBlocksKeepTheirOwnIndexesAndEndWhenTold() {
        sink.start();
        // Anthropic-style: wire blocks 0..3, each ended by content_block_stop
        sink.thinking(0, "plan");
        sink.thinkingSignature(0, "sig-1");
        sink.endBlock(0);
        sink.text(1, "first");
        sink.endBlock(1);
        sink.thinking(2, "more");
        sink.text(3, "second");
        sink.toolCall(4, "call_1", "get_weather", "{\"city\":");
        sink.toolCall(4, null, null, "\"Paris\"}");
        sink.usage(10, 5, 2, 1, 3);
        sink.finish("tool_use", StopReason.TOOL_USE);
        sink.end();

        assertEquals(List.of("Start", "ThinkingStart", "ThinkingDelta 0 plan", "ThinkingEnd",
                "TextStart", "TextDelta 1 first", "TextEnd", "ThinkingStart",
                "ThinkingDelta 2 more", "TextStart", "TextDelta 3 second", "ToolCallStart",
                "ToolCallDelta", "ToolCallDelta", "ThinkingEnd", "TextEnd", "ToolCallEnd",
                "Done"), rendered());
        assertEquals(List.of(), EventInvariants.check(events, new ModelCost(1, 2, 0, 0)));
        AssistantMessage message = sink.result();
        assertEquals(StopReason.TOOL_USE, message.stopReason());
        assertEquals("sig-1", ((ThinkingContent) message.content().get(0)).signature());
        assertEquals("first", ((TextContent) message.content().get(1)).text());
        assertEquals("second", ((TextContent) message.content().get(3)).text());
        assertEquals(Map.of("city", "Paris"), ((ToolCall) message.content().get(4)).arguments());
        assertEquals(18, message.usage().totalTokens());
    }

    @Test
    void contentForAnEndedBlockIsDroppedAsADeviation() {
        sink.start();
        sink.text("t", "a");
        sink.endBlock("t");
        sink.text("t", "b");
        sink.thinking("t", "c");
        sink.finish("stop", StopReason.STOP);
        sink.end();

        assertEquals("a", sink.result().text());
        assertEquals(2, sink.deviations().stream()
                .filter(d -> d.startsWith("misplaced-content:")).count());
        assertEquals(List.of(), EventInvariants.check(events, null));
    }

    @Test
    void anEndWithoutAStopReasonIsAProtocolError() {
        sink.start();
        sink.text("t", "a");
        sink.end();

        assertEquals(StopReason.ERROR, sink.result().stopReason());
        assertEquals(ErrorKind.PROTOCOL, sink.result().errorKind());
        assertEquals(List.of(), EventInvariants.check(events, null));
    }

    @Test
    void aStopWithToolCallsBecomesToolUseAndNothingFollowsTheEnd() {
        sink.start();
        sink.toolCall("k", "call_9", "f", "{}");
        sink.finish("stop", StopReason.STOP);
        sink.end();
        sink.text("late", "ignored");
        sink.error(ErrorKind.SERVER, "late", null);

        assertEquals(StopReason.TOOL_USE, sink.result().stopReason());
        assertTrue(sink.deviations().get(0).startsWith("stop-with-tool-calls:"));
        assertEquals(1, events.stream().filter(StreamEvent::isTerminal).count());
    }

    @Test
    void aRedactedThinkingBlockCarriesItsDataAndNoText() {
        sink.start();
        sink.redactedThinking("r", "opaque");
        sink.text("t", "hi");
        sink.finish(null, StopReason.STOP);
        sink.end();

        ThinkingContent thinking = (ThinkingContent) sink.result().content().get(0);
        assertTrue(thinking.redacted());
        assertEquals("opaque", thinking.signature());
        assertEquals("", thinking.thinking());
        assertEquals(List.of(), EventInvariants.check(events, null));
    }
}
