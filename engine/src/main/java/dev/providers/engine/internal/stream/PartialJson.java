package dev.providers.engine.internal.stream;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A tolerant JSON parser for tool-call arguments that are still arriving or were sent slightly
 * wrong: it reads as much of a value as there is, closes what is open, keeps raw control
 * characters inside strings, reads bad escapes literally, and drops a trailing key without a
 * value. It never throws.
 *
 * <p>Values are immutable: {@code Map}, {@code List}, {@code String}, {@code Boolean},
 * {@code Long} (or {@code BigInteger}), {@code Double} (or {@code BigDecimal}), and null.
 *
 * <p>Thread-safety: stateless.
 */
public final class PartialJson {

    private final String text;
    private int pos;

    private PartialJson(String text) {
        this.text = text;
    }

    /** Returns the object the text begins with, or an empty map when it is not an object. */
    public static Map<String, Object> parseObject(String text) {
        PartialJson parser = new PartialJson(text);
        parser.skipSpace();
        if (parser.pos < text.length() && text.charAt(parser.pos) == '{') {
            Object value = parser.value(0);
            if (value instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) value;
                return map;
            }
        }
        return Map.of();
    }

    private static final int MAX_DEPTH = 200;
    private static final Object MISSING = new Object();

    /** Returns the value at pos, MISSING when none could be read. */
    private @Nullable Object value(int depth) {
        skipSpace();
        if (pos >= text.length() || depth > MAX_DEPTH) {
            return MISSING;
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                return MISSING;
        }
    }

    private Object object(int depth) {
        pos++; // '{'
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '}') {
                pos++;
                break;
            }
            if (c == ',') {
                pos++;
                continue;
            }
            if (c != '"') {
                break; // not a key: stop at what we have
            }
            String key = string();
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != ':') {
                break; // a key still arriving: leave it out
            }
            pos++;
            Object value = value(depth + 1);
            if (value == MISSING) {
                break;
            }
            map.put(key, value);
        }
        return Collections.unmodifiableMap(map);
    }

    private Object array(int depth) {
        pos++; // '['
        List<@Nullable Object> list = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == ']') {
                pos++;
                break;
            }
            if (c == ',') {
                pos++;
                continue;
            }
            Object value = value(depth + 1);
            if (value == MISSING) {
                break;
            }
            list.add(value);
        }
        return Collections.unmodifiableList(list);
    }

    /** Reads a string from the opening quote; an unterminated string ends at the text's end. */
    private String string() {
        pos++; // opening quote
        int plain = pos;
        while (plain < text.length() && text.charAt(plain) != '"' && text.charAt(plain) != '\\') {
            plain++;
        }
        if (plain < text.length() && text.charAt(plain) == '"') {
            // no escape: one copy of the string, exactly sized (arguments may be megabytes)
            String value = text.substring(pos, plain);
            pos = plain + 1;
            return value;
        }
        StringBuilder out = new StringBuilder(plain - pos + 16).append(text, pos, plain);
        pos = plain;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c); // raw control characters are kept as they are
                continue;
            }
            if (pos >= text.length()) {
                break; // a backslash still waiting for its escape
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 <= text.length() && isHex(text, pos, 4)) {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    } else if (pos + 4 > text.length() && isHex(text, pos, text.length() - pos)) {
                        pos = text.length(); // an escape cut short: wait for the rest
                    } else {
                        out.append("\\u"); // a bad escape is kept literally
                    }
                }
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }

    private Object number() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String digits = text.substring(start, pos);
        // a number cut short ("1.", "1e", "-") drops the incomplete tail
        while (!digits.isEmpty() && "eE+-.".indexOf(digits.charAt(digits.length() - 1)) >= 0) {
            digits = digits.substring(0, digits.length() - 1);
        }
        if (digits.isEmpty()) {
            return MISSING;
        }
        try {
            if (digits.indexOf('.') < 0 && digits.indexOf('e') < 0 && digits.indexOf('E') < 0) {
                BigInteger integer = new BigInteger(digits);
                return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
            }
            BigDecimal decimal = new BigDecimal(digits);
            double d = decimal.doubleValue();
            return Double.isInfinite(d) ? decimal : (Object) d;
        } catch (NumberFormatException e) {
            return MISSING;
        }
    }

    private @Nullable Object literal(String word, @Nullable Object value) {
        int end = Math.min(text.length(), pos + word.length());
        String seen = text.substring(pos, end);
        if (!word.startsWith(seen)) {
            return MISSING;
        }
        pos = end;
        return seen.length() == word.length() ? value : MISSING;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private static boolean isHex(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return count >= 0;
    }
}
