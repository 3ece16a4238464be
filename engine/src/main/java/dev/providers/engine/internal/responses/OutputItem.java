package dev.providers.engine.internal.responses;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One output item of a streamed response as the decoder tracks it, and the key of its blocks:
 * the item itself keys its thinking block (a reasoning item) or its tool call (a function call),
 * and each content part of a message keys its own text block ({@link Part}).
 *
 * <p>Thread-safety: confined to one stream's decoding.
 */
final class OutputItem {

    /** The position in {@code output}, or -1 when the server sends none (llama.cpp). */
    final int outputIndex;
    @Nullable String id;
    @Nullable String type;
    /** Whether events for it are skipped (an item type this dialect does not read). */
    boolean ignored;
    /** Whether {@code response.output_item.done} was handled. */
    boolean done;

    // a reasoning item
    boolean hasThinking;
    /** The summary part or content part the last thinking came from, as kind * 2^16 + index. */
    int lastPart = -1;

    // a function call
    @Nullable String callId;
    boolean callStarted;
    boolean argumentsStreamed;
    boolean signed;

    /** The text blocks of a message, by content index. */
    private final List<@Nullable Part> parts = new ArrayList<>(1);

    OutputItem(int outputIndex, @Nullable String id, @Nullable String type) {
        this.outputIndex = outputIndex;
        this.id = id;
        this.type = type;
    }

    /** Returns the text block of content part {@code index}, creating it. */
    Part part(int index) {
        while (parts.size() <= index) {
            parts.add(null);
        }
        Part part = parts.get(index);
        if (part == null) {
            part = new Part(this, index);
            parts.set(index, part);
        }
        return part;
    }

    /** Returns the text blocks created so far, in content order. */
    List<Part> parts() {
        List<Part> out = new ArrayList<>(parts.size());
        for (Part part : parts) {
            if (part != null) {
                out.add(part);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return (type == null ? "item" : type) + " " + (id != null ? id : "#" + outputIndex);
    }

    /** One content part of a message: the key of its text block. */
    static final class Part {
        final OutputItem item;
        final int index;
        /** Whether text arrived for it, so that a done event does not repeat it. */
        boolean streamed;

        Part(OutputItem item, int index) {
            this.item = item;
            this.index = index;
        }

        @Override
        public String toString() {
            return item + " part " + index;
        }
    }
}
