package dev.providers.engine.internal.engine;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.internal.stream.PartialJson;
import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How much of each content block a listener has been handed. The I/O thread runs ahead of the
 * listener, so when the listener cancels, the message may already hold text (or even a terminal
 * event) the listener never saw; the aborted message it receives is cut back to what it saw, so
 * that its content always equals the deltas delivered.
 *
 * <p>Not final only so that a test can make it fail, as an exhausted heap would.
 *
 * <p>Thread-safety: confined to the thread draining the stream's events.
 */
class DeliveredContent {

    /** Delivered characters per text or thinking block (blocks start in index order). */
    private int[] lengths = new int[4];
    /** The last argument fragment delivered per tool call (its text so far), or null. */
    private StreamEvent.@Nullable ToolCallDelta[] arguments = new StreamEvent.ToolCallDelta[4];
    /** Whether a tool call was started (it may have no fragment yet). */
    private boolean[] toolStarted = new boolean[4];
    /** The finished call per tool call, or null while it streams. */
    private @Nullable ToolCall[] calls = new ToolCall[4];
    private int blocks;

    /** Notes an event handed to the listener. */
    void record(StreamEvent event) {
        if (event instanceof StreamEvent.TextDelta d) {
            lengths[d.contentIndex()] += d.delta().length();
        } else if (event instanceof StreamEvent.ToolCallDelta d) {
            arguments[d.contentIndex()] = d; // its text is built only if the listener cancels
        } else if (event instanceof StreamEvent.ThinkingDelta d) {
            lengths[d.contentIndex()] += d.delta().length();
        } else if (event instanceof StreamEvent.TextStart s) {
            open(s.contentIndex());
        } else if (event instanceof StreamEvent.ThinkingStart s) {
            open(s.contentIndex());
        } else if (event instanceof StreamEvent.ToolCallStart s) {
            open(s.contentIndex());
            toolStarted[s.contentIndex()] = true;
        } else if (event instanceof StreamEvent.TextEnd e) {
            lengths[e.contentIndex()] = e.text().length();
        } else if (event instanceof StreamEvent.ThinkingEnd e) {
            lengths[e.contentIndex()] = e.thinking().length();
        } else if (event instanceof StreamEvent.ToolCallEnd e) {
            calls[e.contentIndex()] = e.toolCall();
        }
    }

    private void open(int index) {
        if (index >= lengths.length) {
            int size = Math.max(index + 1, lengths.length * 2);
            lengths = Arrays.copyOf(lengths, size);
            arguments = Arrays.copyOf(arguments, size);
            toolStarted = Arrays.copyOf(toolStarted, size);
            calls = Arrays.copyOf(calls, size);
        }
        blocks = Math.max(blocks, index + 1);
    }

    /**
     * Returns the aborted message a listener that cancelled receives: {@code latest} (the
     * stream's terminal or current message) as ABORTED, its content cut back to what was
     * delivered.
     */
    AssistantMessage aborted(AssistantMessage latest) {
        List<AssistantContent> content = new ArrayList<>(blocks);
        List<AssistantContent> all = latest.content();
        for (int i = 0; i < Math.min(blocks, all.size()); i++) {
            AssistantContent block = all.get(i);
            if (block instanceof TextContent text) {
                content.add(new TextContent(prefix(text.text(), lengths[i])));
            } else if (block instanceof ThinkingContent thinking) {
                content.add(new ThinkingContent(prefix(thinking.thinking(), lengths[i]),
                        thinking.signature(), thinking.redacted()));
            } else if (block instanceof ToolCall call && toolStarted[i]) {
                content.add(calls[i] != null ? calls[i] : new ToolCall(call.id(), call.name(),
                        arguments[i] == null ? java.util.Map.of()
                                : PartialJson.parseObject(arguments[i].argumentsSoFar()),
                        call.thoughtSignature()));
            }
        }
        return new AssistantMessage(content, latest.api(), latest.provider(), latest.model(),
                latest.responseModel(), latest.responseId(), latest.usage(), StopReason.ABORTED,
                latest.rawStopReason(), latest.stopReason() == StopReason.ABORTED
                        && latest.errorMessage() != null ? latest.errorMessage()
                        : "Request was aborted", ErrorKind.ABORTED, latest.timestamp());
    }

    private static String prefix(String text, int length) {
        return length >= text.length() ? text : text.substring(0, length);
    }
}
