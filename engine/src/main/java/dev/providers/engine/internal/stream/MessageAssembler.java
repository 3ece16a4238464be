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
import dev.providers.engine.internal.errors.HttpErrors;
import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds one response from decoded chunks and emits its events, keeping the grammar: one
 * {@code start}, block events by dense content index, exactly one terminal event, nothing after.
 *
 * <p>Block policy (pi's): at most one text block and one thinking block per message, later
 * fragments appended to them; tool-call blocks open when their name is known; every
 * {@code *_end} comes after the last chunk, in content order. Tool calls are matched by wire
 * index, else by id, else they continue the latest call (S11); the first non-empty id and name
 * win; fragments that arrive before the name are held back and sent with the start.
 *
 * <p>Error texts are redacted of the request's secrets before they reach the message (a
 * server may echo the key it was sent).
 *
 * <p>Thread-safety: chunks arrive on one decoding thread at a time (the I/O thread or the
 * stream's decode lane); {@link #abort} and {@link #snapshot} may be called from any thread;
 * all methods synchronize on this assembler, so events never interleave. Work whose cost
 * depends on what a server sent (matching an error text against overflow patterns) is done
 * before taking the lock, in {@link #classifyError}.
 */
public final class MessageAssembler {

    private final AssemblyConfig config;
    private final EventSink sink;
    private final long timestamp;
    private final ThinkTagFilter thinkTags;
    private final List<Block> blocks = new ArrayList<>();
    private final List<ToolBlock> tools = new ArrayList<>();
    private final Map<String, String> parkedSignatures = new HashMap<>();
    private final List<String> deviations = new ArrayList<>();
    private final int[] reasoningOrder;
    private @Nullable TextBlock text;
    private @Nullable ThinkingBlock thinking;
    private @Nullable String responseId;
    private @Nullable String responseModel;
    private @Nullable String rawStopReason;
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
        this.thinkTags = config.thinkOpen() == null ? null
                : new ThinkTagFilter(config.thinkOpen(), config.thinkClose());
        this.reasoningOrder = reasoningOrder(config.reasoningFields());
    }

    /** The ordinals of the known reasoning fields among {@code names}, in their order. */
    private static int[] reasoningOrder(List<String> names) {
        int[] order = new int[names.size()];
        int count = 0;
        for (String name : names) { // a loop, not a stream: this runs once per request
            ReasoningField field = ReasoningField.of(name);
            if (field != null) {
                order[count++] = field.ordinal();
            }
        }
        return count == order.length ? order : java.util.Arrays.copyOf(order, count);
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

    /**
     * Decides an in-stream error's kind and text (cut to {@value HttpErrors#MAX_BODY_CHARS}
     * characters) without the lock: matching a long text costs time, and a cancel or a timeout
     * must not wait for it.
     */
    void classifyError(Chunk chunk) {
        if (!chunk.hasError) {
            return;
        }
        String message = chunk.errorMessage == null ? "(no message)" : chunk.errorMessage;
        if (chunk.errorMetadataRaw != null) {
            message = message + "\n" + chunk.errorMetadataRaw;
        }
        message = HttpErrors.truncate(message, HttpErrors.MAX_BODY_CHARS);
        chunk.errorText = message;
        chunk.errorKind = errorKind(chunk.errorCode, message);
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

    /** Applies one decoded chunk. */
    synchronized void accept(Chunk chunk) {
        if (terminated) {
            return;
        }
        if (responseId == null && chunk.id != null && !chunk.id.isEmpty()) {
            responseId = chunk.id;
        }
        if (responseModel == null && chunk.model != null && !chunk.model.isEmpty()
                && !chunk.model.equals(config.ref().model())) {
            responseModel = chunk.model;
        }
        Chunk.RawUsage raw = chunk.effectiveUsage();
        if (raw != null) {
            usage = UsageMapper.map(raw, config.prices(), config.reasoningInCompletion());
            if (UsageMapper.totalDiffers(raw, usage)) {
                deviation("usage-total-mismatch: wire total_tokens " + raw.total
                        + " != computed " + usage.totalTokens());
            }
        }
        for (int i = 0; i < chunk.signatures.size(); i++) { // no iterator per chunk
            String[] signature = chunk.signatures.get(i);
            signCall(signature[0], signature[1]);
        }
        if (chunk.content != null && !chunk.content.isEmpty()) {
            if (thinkTags == null) {
                appendText(chunk.content);
            } else {
                thinkTags.accept(chunk.content, tagOutput);
            }
        }
        if (chunk.contentThinking != null && !chunk.contentThinking.isEmpty()) {
            appendThinking(chunk.contentThinking, null);
        }
        for (int field : reasoningOrder) {
            String piece = chunk.reasoning[field];
            if (piece != null && !piece.isEmpty()) {
                appendThinking(piece, ReasoningField.ofOrdinal(field).wireName);
                break; // one field per chunk: some servers send two copies (S10)
            }
        }
        for (int i = 0; i < chunk.toolCount; i++) {
            toolDelta(chunk.tools.get(i));
        }
        if (chunk.finishReason != null) {
            rawStopReason = chunk.finishReason;
        }
        if (chunk.hasError) {
            if (chunk.errorKind == null) {
                classifyError(chunk); // a caller that did not classify first (tests)
            }
            closeBlocks();
            terminate(StopReason.ERROR, chunk.errorKind, chunk.errorText);
        }
    }

    private final ThinkTagFilter.Output tagOutput = new ThinkTagFilter.Output() {
        @Override
        public void text(String piece) {
            appendText(piece);
        }

        @Override
        public void thinking(String piece) {
            appendThinking(piece, null);
        }
    };

    /** Ends the stream normally: the body ended or {@code [DONE]} arrived. */
    public synchronized void end() {
        if (terminated) {
            return;
        }
        if (thinkTags != null) {
            thinkTags.end(tagOutput);
        }
        closeBlocks();
        boolean hasCalls = blocks.stream().anyMatch(ToolBlock.class::isInstance);
        if (rawStopReason == null) {
            if (config.supportsFinishReason()) {
                terminate(StopReason.ERROR, ErrorKind.PROTOCOL,
                        "Stream ended without finish_reason");
            } else {
                terminate(hasCalls ? StopReason.TOOL_USE : StopReason.STOP, null, null);
            }
            return;
        }
        FinishReasons.Mapped mapped = FinishReasons.map(rawStopReason);
        if (mapped.reason() == StopReason.ERROR) {
            terminate(StopReason.ERROR, mapped.kind(), mapped.message());
            return;
        }
        StopReason reason = mapped.reason();
        if (reason == StopReason.STOP && hasCalls) {
            deviation("stop-with-tool-calls: finish_reason 'stop' with complete tool calls, "
                    + "reported as TOOL_USE");
            reason = StopReason.TOOL_USE;
        } else if (reason == StopReason.TOOL_USE && !hasCalls) {
            deviation("tool-use-without-calls: finish_reason '" + rawStopReason
                    + "' without a tool call");
        }
        overflowDeviations(reason);
        terminate(reason, null, null);
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

    private void appendText(String piece) {
        if (text == null) {
            text = new TextBlock(blocks.size());
            blocks.add(text);
            sink.emit(new TextStart(text.index));
        }
        text.text.append(piece);
        sink.emit(new TextDelta(text.index, piece));
    }

    private void appendThinking(String piece, @Nullable String signature) {
        if (thinking == null) {
            thinking = new ThinkingBlock(blocks.size(), signature);
            blocks.add(thinking);
            sink.emit(new ThinkingStart(thinking.index));
        }
        thinking.text.append(piece);
        sink.emit(new ThinkingDelta(thinking.index, piece));
    }

    private void toolDelta(Chunk.ToolDelta delta) {
        ToolBlock block = findTool(delta);
        if (block == null) {
            block = new ToolBlock();
            tools.add(block);
        }
        if (delta.index >= 0 && block.wireIndex < 0) {
            block.wireIndex = delta.index;
        }
        if (block.id == null && delta.id != null && !delta.id.isEmpty()) {
            block.id = delta.id;
        }
        if (block.name == null && delta.name != null) {
            block.name = delta.name;
        }
        String fragment = delta.arguments == null ? "" : delta.arguments;
        block.arguments.append(fragment);
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
        sink.emit(new ToolCallDelta(block.index, fragment, block.arguments.view()));
    }

    private @Nullable ToolBlock findTool(Chunk.ToolDelta delta) {
        if (delta.index >= 0) {
            for (ToolBlock block : tools) {
                if (block.wireIndex == delta.index) {
                    return block;
                }
            }
            // a block first seen without an index is bound to the index now (S11)
            if (delta.id != null) {
                for (ToolBlock block : tools) {
                    if (block.wireIndex < 0 && delta.id.equals(block.id)) {
                        return block;
                    }
                }
            }
            return null;
        }
        if (delta.id != null && !delta.id.isEmpty()) {
            for (ToolBlock block : tools) {
                if (delta.id.equals(block.id)) {
                    return block;
                }
            }
            return null;
        }
        if (delta.name != null || tools.isEmpty()) {
            return null;
        }
        return tools.get(tools.size() - 1); // no index, no id: the latest call continues
    }

    private void startTool(ToolBlock block) {
        block.started = true;
        block.index = blocks.size();
        blocks.add(block);
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

    private void signCall(String callId, String json) {
        for (ToolBlock block : tools) {
            if (callId.equals(block.id)) {
                block.thoughtSignature = json;
                return;
            }
        }
        parkedSignatures.put(callId, json);
    }

    private void closeBlocks() {
        for (Block block : blocks) {
            if (block.closed) {
                continue;
            }
            block.closed = true;
            if (block instanceof TextBlock t) {
                sink.emit(new TextEnd(t.index, t.finish()));
            } else if (block instanceof ThinkingBlock t) {
                sink.emit(new ThinkingEnd(t.index, t.finish(), t.signature));
            } else if (block instanceof ToolBlock t) {
                t.parsed = ToolArguments.parse(t.arguments.text());
                sink.emit(new ToolCallEnd(t.index, t.toolCall()));
            }
        }
        for (ToolBlock tool : tools) {
            if (!tool.started) {
                deviation("unnamed-tool-call-dropped: a tool call never got a name");
            }
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

    private ErrorKind errorKind(@Nullable String code, String message) {
        if (config.overflow().test(message)) {
            return ErrorKind.CONTEXT_OVERFLOW;
        }
        if (code != null) {
            switch (code) {
                case "401", "403" -> {
                    return ErrorKind.AUTH;
                }
                case "429", "rate_limit_exceeded" -> {
                    return ErrorKind.RATE_LIMIT;
                }
                case "404", "model_not_found" -> {
                    return ErrorKind.MODEL_NOT_FOUND;
                }
                case "400", "413", "422", "invalid_request_error" -> {
                    return ErrorKind.INVALID_REQUEST;
                }
                case "408" -> {
                    return ErrorKind.TIMEOUT;
                }
                default -> { }
            }
        }
        return ErrorKind.SERVER;
    }

    private void terminate(StopReason reason, @Nullable ErrorKind kind, @Nullable String message) {
        terminated = true;
        AssistantMessage last = message(reason, kind,
                message == null ? null : redactor.redact(message));
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
                content.add(new ThinkingContent(t.current(), t.signature, false));
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

    private void deviation(String description) {
        deviations.add(description);
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
        final @Nullable String signature;

        ThinkingBlock(int index, @Nullable String signature) {
            this.index = index;
            this.signature = signature;
        }
    }

    private static final class ToolBlock extends Block {
        int wireIndex = -1;
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
