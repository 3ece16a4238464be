package dev.providers.engine.internal.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * JSON strings read straight from a payload's bytes, for the decoders' fast paths: finds where a
 * string ends while validating it strictly (escapes, no control characters, well-formed UTF-8 as
 * RFC 3629 defines it), and decodes it. A string it rejects is left to Jackson, which reports
 * what is wrong with it; so what it accepts, Jackson accepts with the same characters.
 *
 * <p>Thread-safety: stateless.
 */
public final class JsonText {

    /** A kind bit of {@link #scan}: the string holds bytes beyond ASCII. */
    public static final int NON_ASCII = 1;
    /** A kind bit of {@link #scan}: the string holds escapes. */
    public static final int ESCAPES = 2;

    /** Eight bytes at a time, for the plain runs of strings. */
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private JsonText() { }

    /**
     * Scans the string whose characters start at {@code a[from]} (after the opening quote), up
     * to {@code to}: returns -1 when it does not end before {@code to} or is not strictly valid,
     * else the index of its closing quote shifted left by two, or'ed with its kind bits
     * ({@link #NON_ASCII}, {@link #ESCAPES}).
     */
    public static long scan(byte[] a, int from, int to) {
        int kind = 0;
        int i = from;
        while (true) {
            // eight plain bytes (no quote, backslash, control or non-ASCII byte) at a time. A
            // borrow can flag bytes after a real hit, never before one, so the lowest flagged
            // byte is the first that is not plain (the last few bytes go one at a time)
            while (i + 8 <= to) {
                long x = (long) LONGS.get(a, i);
                long flags = ((x - 0x2020202020202020L) | ((x ^ 0x2222222222222222L) - ONES)
                        | ((x ^ 0x5C5C5C5C5C5C5C5CL) - ONES) | x) & HIGHS;
                if (flags != 0) {
                    i += Long.numberOfTrailingZeros(flags) >>> 3;
                    break;
                }
                i += 8;
            }
            while (i < to && a[i] >= 0x20 && a[i] != '"' && a[i] != '\\') {
                i++;
            }
            if (i >= to) {
                return -1;
            }
            byte c = a[i];
            if (c == '"') {
                return (long) i << 2 | kind;
            }
            if (c == '\\') {
                kind |= ESCAPES;
                i = escape(a, i + 1, to);
            } else if (c < 0) {
                kind |= NON_ASCII;
                i = utf8(a, i, to);
            } else {
                return -1; // an unescaped control character
            }
            if (i < 0) {
                return -1;
            }
        }
    }

    /** Validates the escape whose letter is at {@code i}; returns the index after it, or -1. */
    private static int escape(byte[] a, int i, int to) {
        if (i >= to) {
            return -1;
        }
        switch (a[i]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 1;
            }
            case 'u' -> {
                if (to - i < 5) {
                    return -1;
                }
                for (int k = 1; k <= 4; k++) {
                    if (!isHex(a[i + k])) {
                        return -1;
                    }
                }
                return i + 5;
            }
            default -> {
                return -1;
            }
        }
    }

    private static boolean isHex(byte c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * Validates the UTF-8 sequence starting at {@code i} (no overlong forms, no surrogates, at
     * most U+10FFFF); returns the index after it, or -1.
     */
    private static int utf8(byte[] a, int i, int to) {
        int b0 = a[i] & 0xFF;
        int count;
        int low = 0x80;
        int high = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            count = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            count = 2;
            if (b0 == 0xE0) {
                low = 0xA0;
            } else if (b0 == 0xED) {
                high = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            count = 3;
            if (b0 == 0xF0) {
                low = 0x90;
            } else if (b0 == 0xF4) {
                high = 0x8F;
            }
        } else {
            return -1;
        }
        if (to - i <= count) {
            return -1;
        }
        int b1 = a[i + 1] & 0xFF;
        if (b1 < low || b1 > high) {
            return -1;
        }
        for (int k = 2; k <= count; k++) {
            int b = a[i + k] & 0xFF;
            if (b < 0x80 || b > 0xBF) {
                return -1;
            }
        }
        return i + 1 + count;
    }

    /**
     * The characters of {@code a[from..end)}, a string {@link #scan} accepted with {@code kind};
     * {@code scratch} must hold at least {@code end - from} chars when the kind has escapes.
     */
    public static String decode(byte[] a, int from, int end, int kind, char[] scratch) {
        int length = end - from;
        if (kind == 0) {
            return new String(a, from, length, StandardCharsets.ISO_8859_1);
        }
        if (kind == NON_ASCII) {
            return new String(a, from, length, StandardCharsets.UTF_8);
        }
        char[] out = scratch;
        int n = 0;
        int i = from;
        while (i < end) {
            int c = a[i];
            if (c == '\\') {
                byte e = a[i + 1];
                switch (e) {
                    case 'b' -> out[n++] = '\b';
                    case 'f' -> out[n++] = '\f';
                    case 'n' -> out[n++] = '\n';
                    case 'r' -> out[n++] = '\r';
                    case 't' -> out[n++] = '\t';
                    case 'u' -> {
                        out[n++] = (char) (hex(a[i + 2]) << 12 | hex(a[i + 3]) << 8
                                | hex(a[i + 4]) << 4 | hex(a[i + 5]));
                        i += 4;
                    }
                    default -> out[n++] = (char) e; // '"', '\\', '/'
                }
                i += 2;
            } else if (c >= 0) {
                out[n++] = (char) c;
                i++;
            } else {
                int b0 = c & 0xFF;
                if (b0 < 0xE0) {
                    out[n++] = (char) ((b0 & 0x1F) << 6 | (a[i + 1] & 0x3F));
                    i += 2;
                } else if (b0 < 0xF0) {
                    out[n++] = (char) ((b0 & 0x0F) << 12 | (a[i + 1] & 0x3F) << 6
                            | (a[i + 2] & 0x3F));
                    i += 3;
                } else {
                    int code = (b0 & 0x07) << 18 | (a[i + 1] & 0x3F) << 12
                            | (a[i + 2] & 0x3F) << 6 | (a[i + 3] & 0x3F);
                    out[n++] = Character.highSurrogate(code);
                    out[n++] = Character.lowSurrogate(code);
                    i += 4;
                }
            }
        }
        return new String(out, 0, n);
    }

    private static int hex(byte c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
