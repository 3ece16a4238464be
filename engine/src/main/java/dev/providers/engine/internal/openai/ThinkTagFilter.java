package dev.providers.engine.internal.openai;

/**
 * Moves text between think tags (e.g. {@code <think>…</think>}) out of the content, for servers
 * that put reasoning into the text. Tags may be split across chunks: a trailing piece that could
 * start a tag is held back until the next chunk shows whether it does.
 *
 * <p>Thread-safety: confined to one stream.
 */
final class ThinkTagFilter {

    /** Receives the separated pieces, in order. */
    interface Output {
        void text(String text);

        void thinking(String thinking);
    }

    private final String open;
    private final String close;
    private final StringBuilder pending = new StringBuilder();
    private boolean inside;

    ThinkTagFilter(String open, String close) {
        this.open = open;
        this.close = close;
    }

    void accept(String delta, Output out) {
        pending.append(delta);
        while (pending.length() > 0) {
            String tag = inside ? close : open;
            int at = pending.indexOf(tag);
            if (at >= 0) {
                emit(pending.substring(0, at), out);
                pending.delete(0, at + tag.length());
                inside = !inside;
                continue;
            }
            int keep = partialTagSuffix(pending, tag);
            emit(pending.substring(0, pending.length() - keep), out);
            pending.delete(0, pending.length() - keep);
            return;
        }
    }

    /** Flushes what was held back, as whatever it was inside. */
    void end(Output out) {
        emit(pending.toString(), out);
        pending.setLength(0);
    }

    private void emit(String piece, Output out) {
        if (piece.isEmpty()) {
            return;
        }
        if (inside) {
            out.thinking(piece);
        } else {
            out.text(piece);
        }
    }

    /** Returns the length of the longest suffix of {@code s} that is a proper prefix of tag. */
    private static int partialTagSuffix(CharSequence s, String tag) {
        int max = Math.min(tag.length() - 1, s.length());
        for (int n = max; n > 0; n--) {
            boolean match = true;
            for (int i = 0; i < n; i++) {
                if (s.charAt(s.length() - n + i) != tag.charAt(i)) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return n;
            }
        }
        return 0;
    }
}
