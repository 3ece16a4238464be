package dev.providers.engine.internal.anthropic;

import dev.providers.engine.internal.stream.JsonText;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of a Messages stream's per-token event: a {@code content_block_delta} with a
 * {@code text_delta}, read straight from the bytes when it has exactly the shape Anthropic sends,
 * {@code {"type":"content_block_delta","index":N,"delta":{"type":"text_delta","text":"…"}}}
 * (whitespace around it allowed), so that it builds no JSON tree. Anything else, including this
 * event with its keys in another order or spaced differently, or a text that is not strictly
 * valid JSON in well-formed UTF-8, is left to the tree.
 *
 * <p>Thread-safety: confined to one stream's decoding, one thread at a time.
 */
final class TextDeltas {

    private static final byte[] HEAD = ascii("{\"type\":\"content_block_delta\",\"index\":");
    private static final byte[] MIDDLE = ascii(",\"delta\":{\"type\":\"text_delta\",\"text\":\"");
    private static final byte[] TAIL = ascii("}}");
    /** The most digits of an index read here (an int's range is Jackson's business beyond). */
    private static final int MAX_DIGITS = 9;

    /** The block index of the last match. */
    int index;
    private char[] chars = new char[0];

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns the text of {@code a[offset..offset + length)} when it is such an event (its block
     * index is then in {@link #index}), else null.
     */
    @Nullable String match(byte[] a, int offset, int length) {
        int from = offset;
        int to = offset + length;
        while (from < to && isSpace(a[from])) {
            from++;
        }
        while (to > from && isSpace(a[to - 1])) {
            to--;
        }
        if (!at(a, from, to, HEAD)) {
            return null;
        }
        int i = from + HEAD.length;
        int digits = i;
        int value = 0;
        while (i < to && a[i] >= '0' && a[i] <= '9') {
            value = value * 10 + (a[i] - '0');
            i++;
            if (i - digits > MAX_DIGITS) {
                return null;
            }
        }
        if (i == digits || (a[digits] == '0' && i - digits > 1) || !at(a, i, to, MIDDLE)) {
            return null;
        }
        int start = i + MIDDLE.length;
        long found = JsonText.scan(a, start, to);
        if (found < 0) {
            return null;
        }
        int close = (int) (found >>> 2);
        int kind = (int) found & 3;
        if (close + 1 + TAIL.length != to || !at(a, close + 1, to, TAIL)) {
            return null;
        }
        if ((kind & JsonText.ESCAPES) != 0 && chars.length < close - start) {
            chars = new char[Math.max(close - start, chars.length * 2)];
        }
        index = value;
        return JsonText.decode(a, start, close, kind, chars);
    }

    private static boolean at(byte[] a, int i, int to, byte[] expected) {
        if (to - i < expected.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (a[i + k] != expected[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
