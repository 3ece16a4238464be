package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.providers.engine.internal.errors.HttpErrors;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.spi.AssemblySink;
import dev.providers.engine.spi.DecoderContext;
import dev.providers.engine.spi.StreamDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code chat.completion.chunk} stream (docs/dialects/openai-completions.md §5) into the
 * sink: one text block and one thinking block per message (later pieces append to them), tool
 * calls matched by wire index, else by id, else continuing the latest call (S11), reasoning from
 * the first declared field present in a chunk (S10), {@code <think>} tags when declared, usage
 * wherever the server puts it, {@code finish_reason} kept until the end, in-stream errors, and
 * {@code [DONE]} or the end of the body as the end.
 *
 * <p>An in-stream error's text is cut and matched against the overflow patterns here, before
 * the sink is called: matching costs time in proportion to the text, and must not hold the
 * assembler's lock that a cancel or a timeout waits for.
 *
 * <p>Thread-safety: confined to one stream's decoding, one thread at a time.
 */
final class ChunkDecoder implements StreamDecoder {

    /** The key of the message's one text block. */
    private static final String TEXT = "text";
    /** The key of the message's one thinking block. */
    private static final String THINKING = "thinking";
    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};
    /** The longest snippet of a bad payload quoted in an error. */
    static final int SNIPPET = 200;

    private final DecoderSettings compat;
    private final DecoderContext context;
    private final ChunkParser parser = new ChunkParser();
    private final Chunk chunk = new Chunk();
    private final int[] reasoningOrder;
    private final @Nullable ThinkTagFilter thinkTags;
    /** The tool calls seen, as the keys of their blocks. */
    private final List<ToolKey> tools = new ArrayList<>();
    private boolean thinkingOpen;
    private boolean sawFinish;
    private boolean hasCalls;
    /** An error-type finish reason, reported at the end unless a later one replaces it. */
    private FinishReasons.@Nullable Mapped pendingError;
    private @Nullable String pendingErrorRaw;
    private @Nullable TagOutput tagOutput;
    private @Nullable String lastId;
    private @Nullable String lastModel;

    ChunkDecoder(DecoderSettings compat, DecoderContext context) {
        this.compat = compat;
        this.context = context;
        this.thinkTags = compat.thinkOpen() == null || compat.thinkClose() == null ? null
                : new ThinkTagFilter(compat.thinkOpen(), compat.thinkClose());
        this.reasoningOrder = reasoningOrder(compat.reasoningFields());
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
        return count == order.length ? order : Arrays.copyOf(order, count);
    }

    @Override
    public void event(@Nullable String name, byte[] bytes, int offset, int length,
            AssemblySink sink) {
        if (isDone(bytes, offset, length)) {
            end(sink, true);
            return;
        }
        try {
            if (parser.parse(bytes, offset, length, chunk)) {
                apply(chunk, sink);
            }
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage()
                    : e.getMessage();
            sink.error(ErrorKind.PROTOCOL, "invalid JSON in the stream (" + reason + "): "
                    + snippet(bytes, offset, length), null);
        }
    }

    @Override
    public void body(byte[] bytes, @Nullable String contentType, AssemblySink sink) {
        // a stream request answered without streaming (W15): one chunk-like completion
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
        padded[bytes.length] = '\n';
        event(null, padded, 0, bytes.length, sink);
        end(sink);
    }

    @Override
    public void end(AssemblySink sink) {
        end(sink, false);
    }

    @Override
    public void readEnded() {
        parser.close(); // an open stream holds no parser between reads
    }

    private void end(AssemblySink sink, boolean done) {
        if (sink.isEnded()) {
            return;
        }
        if (thinkTags != null) {
            thinkTags.end(tagOutput(sink));
        }
        if (pendingError != null) {
            sink.error(pendingError.kind(), pendingError.message(), pendingErrorRaw);
            return;
        }
        if (!sawFinish) {
            if (compat.supportsFinishReason()) {
                sink.error(ErrorKind.PROTOCOL, "Stream ended without finish_reason", null);
                return;
            }
            sink.finish(null, hasCalls ? StopReason.TOOL_USE : StopReason.STOP);
        }
        sink.end();
    }

    private void apply(Chunk chunk, AssemblySink sink) {
        // every chunk repeats them, and the parser hands back the previous String when they
        // are unchanged: tell the sink (a lock each) only when they change
        if (chunk.id != null && chunk.id != lastId) {
            lastId = chunk.id;
            sink.responseId(chunk.id);
        }
        if (chunk.model != null && chunk.model != lastModel) {
            lastModel = chunk.model;
            sink.responseModel(chunk.model);
        }
        Chunk.RawUsage raw = chunk.effectiveUsage();
        if (raw != null) {
            UsageMapper.Counts counts = UsageMapper.map(raw, compat.reasoningInCompletion());
            sink.usage(counts.input(), counts.output(), counts.cacheRead(), counts.cacheWrite(),
                    counts.reasoning());
            if (UsageMapper.totalDiffers(raw, counts)) {
                sink.deviation("usage-total-mismatch: wire total_tokens " + raw.total
                        + " != computed " + counts.total());
            }
        }
        for (int i = 0; i < chunk.signatures.size(); i++) { // no iterator per chunk
            String[] signature = chunk.signatures.get(i);
            sink.toolCallSignature(signature[0], signature[1]);
        }
        if (chunk.content != null && !chunk.content.isEmpty()) {
            if (thinkTags == null) {
                sink.text(TEXT, chunk.content);
            } else {
                thinkTags.accept(chunk.content, tagOutput(sink));
            }
        }
        if (chunk.contentThinking != null && !chunk.contentThinking.isEmpty()) {
            thinking(sink, chunk.contentThinking, null);
        }
        for (int field : reasoningOrder) {
            String piece = chunk.reasoning[field];
            if (piece != null && !piece.isEmpty()) {
                thinking(sink, piece, ReasoningField.ofOrdinal(field).wireName);
                break; // one field per chunk: some servers send two copies (S10)
            }
        }
        for (int i = 0; i < chunk.toolCount; i++) {
            toolDelta(chunk.tools.get(i), sink);
        }
        if (chunk.finishReason != null) {
            finish(chunk.finishReason, sink);
        }
        if (chunk.hasError) {
            String message = chunk.errorMessage == null ? "(no message)" : chunk.errorMessage;
            if (chunk.errorMetadataRaw != null) {
                message = message + "\n" + chunk.errorMetadataRaw;
            }
            message = HttpErrors.truncate(message, HttpErrors.MAX_BODY_CHARS);
            sink.error(errorKind(chunk.errorCode, message), message, null);
        }
    }

    /** Keeps the finish reason: a normal one goes to the sink, an error one waits for the end. */
    private void finish(String raw, AssemblySink sink) {
        sawFinish = true;
        FinishReasons.Mapped mapped = FinishReasons.map(raw);
        if (mapped.reason() == StopReason.ERROR) {
            pendingError = mapped;
            pendingErrorRaw = raw;
        } else {
            pendingError = null;
            sink.finish(raw, mapped.reason());
        }
    }

    private ThinkTagFilter.Output tagOutput(AssemblySink sink) {
        TagOutput out = tagOutput;
        if (out == null || out.sink != sink) {
            out = new TagOutput(sink);
            tagOutput = out;
        }
        return out;
    }

    private void thinking(AssemblySink sink, String piece, @Nullable String field) {
        sink.thinking(THINKING, piece);
        if (!thinkingOpen) {
            thinkingOpen = true;
            if (field != null) {
                sink.thinkingSignature(THINKING, field); // the field it came in, for replay
            }
        }
    }

    private void toolDelta(Chunk.ToolDelta delta, AssemblySink sink) {
        ToolKey key = findTool(delta);
        if (key == null) {
            key = new ToolKey();
            tools.add(key);
        }
        if (delta.index >= 0 && key.wireIndex < 0) {
            key.wireIndex = delta.index;
        }
        if (key.id == null && delta.id != null && !delta.id.isEmpty()) {
            key.id = delta.id;
        }
        if (delta.name != null) {
            hasCalls = true;
        }
        sink.toolCall(key, delta.id, delta.name, delta.arguments == null ? ""
                : delta.arguments);
    }

    private @Nullable ToolKey findTool(Chunk.ToolDelta delta) {
        if (delta.index >= 0) {
            for (ToolKey key : tools) {
                if (key.wireIndex == delta.index) {
                    return key;
                }
            }
            // a call first seen without an index is bound to the index now (S11)
            if (delta.id != null) {
                for (ToolKey key : tools) {
                    if (key.wireIndex < 0 && delta.id.equals(key.id)) {
                        return key;
                    }
                }
            }
            return null;
        }
        if (delta.id != null && !delta.id.isEmpty()) {
            for (ToolKey key : tools) {
                if (delta.id.equals(key.id)) {
                    return key;
                }
            }
            return null;
        }
        if (delta.name != null || tools.isEmpty()) {
            return null;
        }
        return tools.get(tools.size() - 1); // no index, no id: the latest call continues
    }

    private ErrorKind errorKind(@Nullable String code, String message) {
        if (context.isOverflow(message)) {
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

    private static boolean isDone(byte[] bytes, int offset, int length) {
        if (length < DONE.length || length > 64) {
            return false;
        }
        int from = offset;
        int to = offset + length;
        while (from < to && (bytes[from] == ' ' || bytes[from] == '\t')) {
            from++;
        }
        while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\t')) {
            to--;
        }
        return to - from == DONE.length && Arrays.equals(bytes, from, to, DONE, 0, DONE.length);
    }

    private static String snippet(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, Math.min(length, SNIPPET * 4),
                StandardCharsets.UTF_8);
        return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
    }

    /** A tool call's key: what matching needs to find it again. */
    private static final class ToolKey {
        int wireIndex = -1;
        @Nullable String id;

        @Override
        public String toString() {
            return "tool call " + (id != null ? id : wireIndex);
        }
    }

    /** Sends what the think-tag filter separates to the sink. */
    private final class TagOutput implements ThinkTagFilter.Output {
        private final AssemblySink sink;

        TagOutput(AssemblySink sink) {
            this.sink = sink;
        }

        @Override
        public void text(String piece) {
            sink.text(TEXT, piece);
        }

        @Override
        public void thinking(String piece) {
            ChunkDecoder.this.thinking(sink, piece, null);
        }
    }
}
