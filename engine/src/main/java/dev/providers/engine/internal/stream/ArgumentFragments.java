package dev.providers.engine.internal.stream;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A tool call's argument fragments as they arrive, kept as the strings the events already hold:
 * appending is constant time, and each event gets a {@link #view()} of the fragments so far
 * that is joined only if somebody asks for the text.
 *
 * <p>Thread-safety: appended by the thread decoding the stream; a view may be read on any thread
 * that received it through a safe hand-over (the event queue). A view only reads the slots that
 * were filled before it was made, which are never written again.
 */
final class ArgumentFragments {

    private String[] parts = new String[4];
    private int count;
    private int length;

    /** Appends a fragment; empty ones are skipped. */
    void append(String fragment) {
        if (fragment.isEmpty()) {
            return;
        }
        if (count == parts.length) {
            parts = Arrays.copyOf(parts, Math.max(4, count * 2)); // old views keep the old one
        }
        parts[count++] = fragment;
        length += fragment.length();
    }

    /** Returns the total length of the fragments so far. */
    int length() {
        return length;
    }

    /** Returns a view of the fragments so far, which later appends do not change. */
    CharSequence view() {
        return new View(parts, count, length);
    }

    /** Drops the fragments once they are no longer needed; views already made keep theirs. */
    void release() {
        parts = new String[0];
        count = 0;
        length = 0;
    }

    /** Returns the fragments so far joined. */
    String text() {
        return view().toString();
    }

    /** A fixed prefix of the fragments, joined on first use. */
    private static final class View implements CharSequence {
        private final String[] parts;
        private final int count;
        private final int length;
        private volatile @Nullable String joined;

        View(String[] parts, int count, int length) {
            this.parts = parts;
            this.count = count;
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return toString().charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().subSequence(start, end);
        }

        @Override
        public String toString() {
            String text = joined;
            if (text == null) {
                if (count == 1) {
                    text = parts[0];
                } else {
                    StringBuilder out = new StringBuilder(length);
                    for (int i = 0; i < count; i++) {
                        out.append(parts[i]);
                    }
                    text = out.toString();
                }
                joined = text;
            }
            return text;
        }
    }
}
