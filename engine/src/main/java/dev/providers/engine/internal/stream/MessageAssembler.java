package dev.providers.engine.internal.stream;

import dev.providers.engine.event.StreamEvent.Done;
import dev.providers.engine.event.StreamEvent.ErrorEvent;
import dev.providers.engine.event.StreamEvent.Start;
import dev.providers.engine.event.StreamEvent.TextDelta;
import dev.providers.engine.event.StreamEvent.TextEnd;
import dev.providers.engine.event.StreamEvent.TextStart;
import dev.providers.engine.event.StreamEvent.ThinkingDelta;
import dev.providers.engine.event.StreamEvent.ThinkingEnd;
import dev.providers.engine.event.StreamEvent.ThinkingStart;
import dev.providers.engine.event.StreamEvent.ToolCallDelta;
import dev.providers.engine.event.StreamEvent.ToolCallEnd;
import dev.providers.engine.event.StreamEvent.ToolCallStart;
import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.Usage;
import dev.providers.engine.spi.AssemblySink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds one response from what a dialect's decoder reports and emits its events, keeping the
 * grammar for every dialect: one {@code start}, block events by dense content index, exactly one
 * terminal event, nothing after.
 *
 * <p>Blocks are keyed by the decoder (see {@link AssemblySink}): a dialect that keeps one text
 * block per message reuses one key, one that interleaves blocks passes one key per wire block.
 * Tool-call blocks open when their name is known; fragments that arrive before are held back
 * and sent with the start. Blocks end, in content order, when the stream ends, unless the
 * decoder ended them before.
 *
 * <p>Error texts are redacted of the request's secrets before they reach the message (a server
 * may echo the key it was sent).
 *
 * <p>Thread-safety: the decoder's calls arrive on one decoding thread at a time (the I/O thread
 * or the stream's decode lane); {@link #abort}, {@link #fail} and {@link #snapshot} may be
 * called from any thread; all state changes synchronize on this assembler, so events never
 * interleave. Work whose cost depends on what a server sent is done by decoders before they call
 * in.
 */
public final class MessageAssembler implements AssemblySink {

    private final AssemblyConfig config;
    private final EventSink sink;
    private final long timestamp;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<Object, Block> byKey = new HashMap<>();
    private final Map<String, String> parkedSignatures = new HashMap<>();
    private final List<String> deviations = new ArrayList<>();
    /** The last key looked up and its block: most deltas continue the block before. */
    private @Nullable Object lastKey;
    private @Nullable Block lastBlock;
    private boolean hasToolCalls;
    private @Nullable String responseId;
    private @Nullable String responseModel;
    private @Nullable String rawStopReason;
    private @Nullable StopReason finishReason;
    private Usage usage = Usage.ZERO;
    private volatile Redactor redactor = Redactor.NONE;
    private boolean started;
    /** Written under the lock; volatile so that the decoder can check it without the lock. */
    private volatile boolean terminated;
    private @Nullable AssistantMessage result;

    public MessageAssembler(AssemblyConfig config, long timestamp, EventSink sink) {
        this.config = config;
        this.sink = sink;
        this.timestamp = timestamp;
    }

    /** Emits {@code start}: the response head arrived. */
    public synchronized void start() {
        if (!terminated && !started) {
            started = true;
            sink.emit(new Start(config.ref(), timestamp));
        }
    }

    /**
     * Starts holding back this thread's events until {@link #endBatch()}, so that one network
     * read hands its events on at once; not synchronized, it touches no assembler state.
     */
    public void beginBatch() {
        sink.beginBatch();
    }

    /** Hands on the events held back since {@link #beginBatch()}. */
    public void endBatch() {
        sink.endBatch();
    }

    @Override
    public boolean isEnded() {
        return terminated;
    }

    /** Returns whether the terminal event was emitted. */
    public boolean isTerminated() {
        return terminated;
    }

    /** Returns whether the stream ended with an error (not a normal end, not a cancel). */
    public synchronized boolean isFailed() {
        return result != null && result.stopReason() == StopReason.ERROR;
    }

    /** Sets what error texts are redacted of: the secrets of the request, once it is built. */
    public void redactWith(Redactor secrets) {
        this.redactor = secrets;
    }

    /** Returns the dialect of the stream. */
    public String api() {
        return config.api();
    }

    /** Returns whether {@code start} was emitted. */
    public synchronized boolean isStarted() {
        return started;
    }

    /** Returns the deviations from the protocol this stream showed (codes with details). */
    public synchronized List<String> deviations() {
        return List.copyOf(deviations);
    }

    /** Returns the terminal message, or null before the end. */
    public synchronized @Nullable AssistantMessage result() {
        return result;
    }

    @Override
    public synchronized void text(Object key, String delta) {
        if (terminated || delta.isEmpty()) {
            return;
        }
        Block block = block(key);
        if (block == null) {
            TextBlock text = new TextBlock(blocks.size());
            open(key, text);
            sink.emit(new TextStart(text.index));
            block = text;
        } else if (!(block instanceof TextBlock) || block.closed) {
            misplaced(key, "text");
            return;
        }
        TextBlock text = (TextBlock) block;
        text.text.append(delta);
        sink.emit(new TextDelta(text.index, delta));
    }

    @Override
    public synchronized void thinking(Object key, String delta) {
        if (terminated || delta.isEmpty()) {
            return;
        }
        ThinkingBlock thinking = thinkingBlock(key);
        if (thinking != null) {
            thinking.text.append(delta);
            sink.emit(new ThinkingDelta(thinking.index, delta));
        }
    }

    @Override
    public synchronized void thinkingSignature(Object key, String signature) {
        if (terminated) {
            return;
        }
        ThinkingBlock thinking = thinkingBlock(key);
        if (thinking != null) {
            thinking.signature = signature;
        }
    }

    @Override
    public synchronized void redactedThinking(Object key, String data) {
        if (terminated) {
            return;
        }
        ThinkingBlock thinking = thinkingBlock(key);
        if (thinking != null) {
            thinking.redacted = true;
            thinking.signature = data;
        }
    }

    /** Returns the id of the model the request named. */
    public String modelId() {
        return config.ref().model();
    }

    /** Returns the open thinking block for a key, opening it; null when the key is misused. */
    private @Nullable ThinkingBlock thinkingBlock(Object key) {
        Block block = block(key);
        if (block == null) {
            ThinkingBlock thinking = new ThinkingBlock(blocks.size());
            open(key, thinking);
            sink.emit(new ThinkingStart(thinking.index));
            return thinking;
        }
        if (!(block instanceof ThinkingBlock) || block.closed) {
            misplaced(key, "thinking");
            return null;
        }
        return (ThinkingBlock) block;
    }

    @Override
    public synchronized void toolCall(Object key, @Nullable String id, @Nullable String name,
            String arguments) {
        if (terminated) {
            return;
        }
        Block found = block(key);
        ToolBlock block;
        if (found == null) {
            block = new ToolBlock();
            byKey.put(key, block);
            remember(key, block);
        } else if (!(found instanceof ToolBlock) || found.closed) {
            misplaced(key, "tool call");
            return;
        } else {
            block = (ToolBlock) found;
        }
        if (block.id == null && id != null && !id.isEmpty()) {
            block.id = id;
        }
        if (block.name == null && name != null) {
            block.name = name;
        }
        block.arguments.append(arguments);
        if (!block.started) {
            if (block.name == null) {
                return; // held back until the name arrives (G9)
            }
            startTool(block);
            sink.emit(new ToolCallDelta(block.index, block.arguments.text(),
                    block.arguments.view()));
            return;
        }
        // the text so far is a view: copying it per fragment would cost the square of its size
        sink.emit(new ToolCallDelta(block.index, arguments, block.arguments.view()));
    }

    @Override
    public synchronized void toolCallSignature(String callId, String signature) {
        if (terminated) {
            return;
        }
        for (Block block : byKey.values()) {
            if (block instanceof ToolBlock tool && callId.equals(tool.id)) {
                tool.thoughtSignature = signature;
                return;
            }
        }
        parkedSignatures.put(callId, signature);
    }

    @Override
    public synchronized void endBlock(Object key) {
        if (terminated) {
            return;
        }
        Block block = block(key);
        if (block != null && !block.closed) {
            close(block);
        }
    }

    @Override
    public synchronized void responseId(String id) {
        if (responseId == null && !id.isEmpty()) {
            responseId = id;
        }
    }

    @Override
    public synchronized void responseModel(String model) {
        if (responseModel == null && !model.isEmpty() && !model.equals(config.ref().model())) {
            responseModel = model;
        }
    }

    @Override
    public synchronized void usage(long input, long output, long cacheRead, long cacheWrite,
            long reasoning) {
        if (!terminated) {
            usage = Usage.of(Math.max(0, input), Math.max(0, output), Math.max(0, cacheRead),
                    Math.max(0, cacheWrite), Math.max(0, Math.min(reasoning, output)),
                    config.prices());
        }
    }

    /** Returns the usage so far (decoders compare it with a wire total). */
    public synchronized Usage usage() {
        return usage;
    }

    @Override
    public synchronized void finish(@Nullable String raw, StopReason reason) {
        if (terminated) {
            return;
        }
        if (!reason.isNormal()) {
            throw new IllegalArgumentException("finish takes STOP, LENGTH or TOOL_USE, was "
                    + reason + "; report errors with error(...)");
        }
        rawStopReason = raw;
        finishReason = reason;
    }

    @Override
    public synchronized void end() {
        if (terminated) {
            return;
        }
        closeBlocks();
        if (finishReason == null) {
            terminate(StopReason.ERROR, ErrorKind.PROTOCOL,
                    "the stream ended without a stop reason");
            return;
        }
        StopReason reason = finishReason;
        if (reason == StopReason.STOP && hasToolCalls) {
            deviation("stop-with-tool-calls: finish_reason '" + rawStopReason + "' with complete "
                    + "tool calls, reported as TOOL_USE");
            reason = StopReason.TOOL_USE;
        } else if (reason == StopReason.TOOL_USE && !hasToolCalls) {
            deviation("tool-use-without-calls: finish_reason '" + rawStopReason
                    + "' without a tool call");
        }
        overflowDeviations(reason);
        terminate(reason, null, null);
    }

    @Override
    public synchronized void error(ErrorKind kind, String message, @Nullable String raw) {
        if (terminated) {
            return;
        }
        if (raw != null) {
            rawStopReason = raw;
        }
        closeBlocks();
        terminate(StopReason.ERROR, kind, message);
    }

    @Override
    public synchronized void deviation(String description) {
        deviations.add(description);
    }

    /**
     * Ends the stream with an error. {@code closeBlocks} is true for errors the provider reports
     * (their blocks end first) and false for cancels and transport failures (they do not).
     */
    public synchronized void fail(ErrorKind kind, String message, boolean closeBlocks) {
        if (terminated) {
            return;
        }
        if (closeBlocks) {
            closeBlocks();
        }
        terminate(StopReason.ERROR, kind, message);
    }

    /** Ends the stream as cancelled, at once, without closing blocks; usage is what arrived. */
    public void abort() {
        abort("Request was aborted");
    }

    /** Ends the stream as aborted for {@code reason} (such as the engine closing). */
    public synchronized void abort(String reason) {
        if (!terminated) {
            terminate(StopReason.ABORTED, ErrorKind.ABORTED, reason);
        }
    }

    /** Returns a copy of the message as it stands. */
    public synchronized AssistantMessage snapshot() {
        if (result != null) {
            return result;
        }
        return message(StopReason.STOP, null, null);
    }

    private @Nullable Block block(Object key) {
        if (key == lastKey) {
            return lastBlock;
        }
        Block block = byKey.get(key);
        if (block != null) {
            remember(key, block);
        }
        return block;
    }

    private void remember(Object key, Block block) {
        lastKey = key;
        lastBlock = block;
    }

    private void open(Object key, Block block) {
        blocks.add(block);
        byKey.put(key, block);
        remember(key, block);
    }

    private void misplaced(Object key, String what) {
        deviation("misplaced-content: " + what + " for a block that ended or is of another "
                + "kind (key " + key + "), dropped");
    }

    private void startTool(ToolBlock block) {
        block.started = true;
        block.index = blocks.size();
        blocks.add(block);
        hasToolCalls = true;
        if (block.id == null) {
            block.id = "call_" + (responseId == null ? "r" : sanitize(responseId)) + "_"
                    + block.index;
            deviation("synthesized-tool-call-id: the server sent no id for tool call '"
                    + block.name + "'; using " + block.id);
        }
        String parked = parkedSignatures.remove(block.id);
        if (parked != null) {
            block.thoughtSignature = parked;
        }
        sink.emit(new ToolCallStart(block.index, block.id, block.name));
    }

    private void closeBlocks() {
        for (Block block : blocks) {
            if (!block.closed) {
                close(block);
            }
        }
        for (Block block : byKey.values()) {
            if (block instanceof ToolBlock tool && !tool.started) {
                deviation("unnamed-tool-call-dropped: a tool call never got a name");
            }
        }
    }

    private void close(Block block) {
        block.closed = true;
        if (block instanceof TextBlock t) {
            sink.emit(new TextEnd(t.index, t.finish()));
        } else if (block instanceof ThinkingBlock t) {
            sink.emit(new ThinkingEnd(t.index, t.finish(), t.signature));
        } else if (block instanceof ToolBlock t && t.started) {
            String raw = t.arguments.text();
            t.arguments.release(); // the parsed call is what stays; parsing needs the room
            t.parsed = ToolArguments.parse(raw);
            sink.emit(new ToolCallEnd(t.index, t.toolCall()));
        }
    }

    private void overflowDeviations(StopReason reason) {
        Integer window = config.contextWindow();
        if (window == null) {
            return;
        }
        long prompt = usage.input() + usage.cacheRead();
        if (reason == StopReason.STOP && prompt > window) {
            deviation("silent-context-overflow: " + prompt + " prompt tokens exceed the context "
                    + "window of " + window);
        } else if (reason == StopReason.LENGTH && usage.output() == 0
                && prompt >= 0.99 * window) {
            deviation("length-stop-overflow: the prompt filled the context window");
        }
    }

    private void terminate(StopReason reason, @Nullable ErrorKind kind, @Nullable String message) {
        terminated = true;
        String error = message == null ? null : redactor.redact(message);
        AssistantMessage last;
        try {
            last = message(reason, kind, error);
        } catch (Throwable e) {
            // building the message allocates (a huge tool call's arguments are parsed): if the
            // heap is exhausted, the stream must still end, once, without its content
            reason = StopReason.ERROR;
            kind = kind == null ? ErrorKind.PROTOCOL : kind;
            error = (error == null ? "" : error + "; ") + "the engine could not build the final "
                    + "message (" + e.getClass().getSimpleName() + "): its content was dropped";
            blocks.clear();
            last = message(reason, kind, error);
        }
        result = last;
        sink.emit(reason.isNormal() ? new Done(reason, last) : new ErrorEvent(reason, last));
    }

    private AssistantMessage message(StopReason reason, @Nullable ErrorKind kind,
            @Nullable String error) {
        List<AssistantContent> content = new ArrayList<>(blocks.size());
        for (Block block : blocks) {
            if (block instanceof TextBlock t) {
                content.add(new TextContent(t.current()));
            } else if (block instanceof ThinkingBlock t) {
                content.add(new ThinkingContent(t.current(), t.signature, t.redacted));
            } else if (block instanceof ToolBlock t) {
                content.add(t.parsed != null ? t.toolCall()
                        : new ToolCall(t.id, t.name,
                                PartialJson.parseObject(t.arguments.text()),
                                t.thoughtSignature));
            }
        }
        // a cancelled or failed stream carries the usage that arrived, which for chat
        // completions is usually none (usage comes last): zeros, never partial garbage
        return new AssistantMessage(content, config.api(), config.ref().provider(),
                config.ref().model(), responseModel, responseId, usage, reason, rawStopReason,
                error, kind, timestamp);
    }

    private static String sanitize(String id) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < id.length() && out.length() < 24; i++) {
            char c = id.charAt(i);
            out.append(Character.isLetterOrDigit(c) || c == '_' || c == '-' ? c : '_');
        }
        return out.toString();
    }

    /** A content block in progress. */
    private abstract static class Block {
        int index;
        boolean closed;
    }

    /** A text or thinking block: its text grows until the block closes. */
    private abstract static class TextualBlock extends Block {
        final StringBuilder text = new StringBuilder();
        /** The whole text once closed: the end event and the final message share one copy. */
        private @Nullable String finished;

        /** Closes the text (nothing is appended after this) and returns it. */
        String finish() {
            finished = text.toString();
            text.setLength(0);
            text.trimToSize(); // a handle may outlive the stream: keep one copy, not two
            return finished;
        }

        /** Returns the text so far. */
        String current() {
            return finished != null ? finished : text.toString();
        }
    }

    private static final class TextBlock extends TextualBlock {
        TextBlock(int index) {
            this.index = index;
        }
    }

    private static final class ThinkingBlock extends TextualBlock {
        @Nullable String signature;
        boolean redacted;

        ThinkingBlock(int index) {
            this.index = index;
        }
    }

    private static final class ToolBlock extends Block {
        @Nullable String id;
        @Nullable String name;
        @Nullable String thoughtSignature;
        final ArgumentFragments arguments = new ArgumentFragments();
        boolean started;
        @Nullable Map<String, Object> parsed;

        ToolCall toolCall() {
            return new ToolCall(id, name, parsed == null ? Map.of() : parsed, thoughtSignature);
        }
    }
}
