package dev.providers.engine.internal.responses;

import dev.providers.engine.internal.stream.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of a Responses stream's per-token event: a {@code response.output_text.delta}
 * read straight from the bytes when it has exactly the shape OpenAI sends,
 * {@code {"type":"response.output_text.delta","sequence_number":N,"item_id":"…","output_index":N,
 * "content_index":N,"delta":"…","logprobs":[]}}, optionally with {@code ,"obfuscation":"…"} before
 * the closing brace (whitespace around it allowed), so that it builds no JSON tree. Anything else,
 * this event with its keys in another order or spaced differently included, or a string that is
 * not strictly valid JSON in well-formed UTF-8, is left to the tree.
 *
 * <p>Thread-safety: confined to one stream's decoding, one thread at a time.
 */
final class TextDeltaEvents {

    private static final byte[] HEAD =
            ascii("{\"type\":\"response.output_text.delta\",\"sequence_number\":");
    private static final byte[] ITEM_ID = ascii(",\"item_id\":\"");
    private static final byte[] OUTPUT_INDEX = ascii(",\"output_index\":");
    private static final byte[] CONTENT_INDEX = ascii(",\"content_index\":");
    private static final byte[] DELTA = ascii(",\"delta\":\"");
    private static final byte[] LOGPROBS = ascii(",\"logprobs\":[]");
    private static final byte[] OBFUSCATION = ascii(",\"obfuscation\":\"");
    /** The most digits of a number read here (an int's range is the tree's business beyond). */
    private static final int MAX_DIGITS = 9;

    /** The fields of the last match; {@code itemId} and {@code delta} are null when empty. */
    int outputIndex;
    int contentIndex;
    @Nullable String itemId;
    @Nullable String delta;
    private char[] chars = new char[0];
    /** The last item id read and its bytes: every delta of an item repeats it. */
    private @Nullable String lastItemId;
    private byte[] lastItemBytes = new byte[0];
    /** Where the last {@link #number} or {@link #string} stopped. */
    private int at;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns whether {@code a[offset..offset + length)} is such an event; sets the fields. */
    boolean match(byte[] a, int offset, int length) {
        int from = offset;
        int to = offset + length;
        while (from < to && isSpace(a[from])) {
            from++;
        }
        while (to > from && isSpace(a[to - 1])) {
            to--;
        }
        if (!at(a, from, to, HEAD) || number(a, from + HEAD.length, to) < 0
                || !at(a, at, to, ITEM_ID)) {
            return false;
        }
        String id = itemId(a, at + ITEM_ID.length, to);
        if (id == null || !at(a, at, to, OUTPUT_INDEX)) {
            return false;
        }
        int output = number(a, at + OUTPUT_INDEX.length, to);
        if (output < 0 || !at(a, at, to, CONTENT_INDEX)) {
            return false;
        }
        int content = number(a, at + CONTENT_INDEX.length, to);
        if (content < 0 || !at(a, at, to, DELTA)) {
            return false;
        }
        String text = string(a, at + DELTA.length, to);
        if (text == null || !at(a, at, to, LOGPROBS)) {
            return false;
        }
        int i = at + LOGPROBS.length;
        if (at(a, i, to, OBFUSCATION)) {
            int start = i + OBFUSCATION.length;
            long found = JsonText.scan(a, start, to); // validated, never decoded
            if (found < 0) {
                return false;
            }
            i = (int) (found >>> 2) + 1;
        }
        if (i + 1 != to || a[i] != '}') {
            return false;
        }
        outputIndex = output;
        contentIndex = content;
        itemId = id.isEmpty() ? null : id;
        delta = text.isEmpty() ? null : text;
        return true;
    }

    /** A non-negative integer without leading zeros at {@code i}, or -1; {@link #at} after it. */
    private int number(byte[] a, int i, int to) {
        int start = i;
        int value = 0;
        while (i < to && a[i] >= '0' && a[i] <= '9') {
            value = value * 10 + (a[i] - '0');
            i++;
            if (i - start > MAX_DIGITS) {
                return -1;
            }
        }
        if (i == start || (a[start] == '0' && i - start > 1)) {
            return -1;
        }
        at = i;
        return value;
    }

    /** {@link #string}, or the last item id itself when the bytes are the same. */
    private @Nullable String itemId(byte[] a, int i, int to) {
        long found = JsonText.scan(a, i, to);
        if (found >= 0 && ((int) found & JsonText.ESCAPES) == 0 && lastItemId != null) {
            int close = (int) (found >>> 2);
            if (Arrays.equals(a, i, close, lastItemBytes, 0, lastItemBytes.length)) {
                at = close + 1;
                return lastItemId;
            }
        }
        String id = string(a, i, to);
        if (id != null) {
            lastItemId = id;
            lastItemBytes = id.getBytes(StandardCharsets.UTF_8);
        }
        return id;
    }

    /** The string whose characters start at {@code i}, or null; {@link #at} after its quote. */
    private @Nullable String string(byte[] a, int i, int to) {
        long found = JsonText.scan(a, i, to);
        if (found < 0) {
            return null;
        }
        int close = (int) (found >>> 2);
        int kind = (int) found & 3;
        if ((kind & JsonText.ESCAPES) != 0 && chars.length < close - i) {
            chars = new char[Math.max(close - i, chars.length * 2)];
        }
        at = close + 1;
        return JsonText.decode(a, i, close, kind, chars);
    }

    private static boolean at(byte[] a, int i, int to, byte[] expected) {
        if (i < 0 || to - i < expected.length) {
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
