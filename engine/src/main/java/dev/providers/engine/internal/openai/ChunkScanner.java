package dev.providers.engine.internal.openai;

import dev.providers.engine.internal.stream.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of chunk decoding: reads the common shape of a {@code chat.completion.chunk}
 * straight from the payload's bytes, with no tokens, no field-name strings and no parser object,
 * and declines everything else so that {@link ChunkParser} (Jackson) decodes it instead.
 *
 * <p>It reads {@code id}, {@code model}, {@code choices[0].delta} (or {@code message}) with
 * {@code content} and the reasoning fields as strings, {@code finish_reason}, and the top-level
 * or choice {@code usage} with integer counts; it validates and skips every other value
 * ({@code logprobs}, {@code system_fingerprint}, {@code service_tier}, Azure's filter results)
 * without decoding it. A payload that repeats the previous one byte for byte but for its one
 * text string (token after token) is read by scanning that string only ({@link #repeat}). It declines, leaving the payload untouched, on anything it does
 * not decode itself: tool calls, in-stream errors, {@code x_groq}, fractional counts,
 * {@code reasoning_details}, content parts, escaped field names, non-string values where text is
 * expected, numbers or nesting beyond its bounds, and any byte that is not strictly valid JSON in
 * well-formed UTF-8. So a payload it accepts is one Jackson accepts, with the same result, and an
 * invalid payload is always reported by Jackson, with its message.
 *
 * <p>Thread-safety: confined to one stream's decoding, one thread at a time.
 */
final class ChunkScanner {

    /** Thrown to decline a payload; preallocated, as declining is normal control flow. */
    private static final class Decline extends Exception {
        private static final long serialVersionUID = 1L;

        Decline() {
            super(null, null, false, false);
        }
    }

    private static final Decline DECLINE = new Decline();
    /** How deep a skipped value may nest before the scanner leaves it to Jackson. */
    private static final int MAX_DEPTH = 32;
    /** The longest number the scanner validates; longer ones are left to Jackson's limits. */
    private static final int MAX_NUMBER = 64;
    /** The longest unknown field name skipped; longer ones are left to Jackson's limits. */
    private static final int MAX_NAME = 256;

    private static final byte[] ID = bytes("id");
    private static final byte[] MODEL = bytes("model");
    private static final byte[] CHOICES = bytes("choices");
    private static final byte[] USAGE = bytes("usage");
    private static final byte[] X_GROQ = bytes("x_groq");
    private static final byte[] ERROR = bytes("error");
    private static final byte[] DELTA = bytes("delta");
    private static final byte[] MESSAGE = bytes("message");
    private static final byte[] FINISH_REASON = bytes("finish_reason");
    private static final byte[] CONTENT = bytes("content");
    private static final byte[] TOOL_CALLS = bytes("tool_calls");
    private static final byte[] REASONING_DETAILS = bytes("reasoning_details");
    private static final byte[] PROMPT_TOKENS = bytes("prompt_tokens");
    private static final byte[] COMPLETION_TOKENS = bytes("completion_tokens");
    private static final byte[] TOTAL_TOKENS = bytes("total_tokens");
    private static final byte[] PROMPT_CACHE_HIT_TOKENS = bytes("prompt_cache_hit_tokens");
    private static final byte[] CACHED_TOKENS = bytes("cached_tokens");
    private static final byte[] CACHE_WRITE_TOKENS = bytes("cache_write_tokens");
    private static final byte[] REASONING_TOKENS = bytes("reasoning_tokens");
    private static final byte[] PROMPT_TOKENS_DETAILS = bytes("prompt_tokens_details");
    private static final byte[] COMPLETION_TOKENS_DETAILS = bytes("completion_tokens_details");
    /** The most digits of a count read here; longer ones are left to Jackson. */
    private static final int MAX_COUNT_DIGITS = 18;
    /** The longest payload kept as a template (a token's chunk is a few hundred bytes). */
    private static final int MAX_TEMPLATE = 2048;
    private static final byte[][] REASONING = reasoningNames();
    private static final byte[] NONE = new byte[0];

    private byte[] in = NONE;
    private int pos;
    private int end;
    /** Where the last string read by {@link #string()} starts and ends (exclusive). */
    private int stringStart;
    private int stringEnd;
    /** What the last string held beyond plain ASCII: {@link JsonText}'s kind bits. */
    private int stringKind;
    private static final int ESCAPES = JsonText.ESCAPES;
    private char[] chars = new char[0];
    /** The UTF-8 bytes of the last {@code id} and {@code model} strings seen, for comparing. */
    private @Nullable String idText;
    private byte[] idBytes = NONE;
    private @Nullable String modelText;
    private byte[] modelBytes = NONE;
    /** The one text string of the payload being scanned: where it starts, its closing quote. */
    private int textAt;
    private int textQuote;
    /** Which field it is: -1 for {@code content}, else the reasoning field; and how many. */
    private int textField;
    private int texts;
    /**
     * The last payload read in full whose only varying part may be its one text string (see
     * {@link #repeat}); {@code templateLength} 0 when there is none.
     */
    private byte[] template = NONE;
    private int templateLength;
    private int templateText;
    private int templateQuote;
    private int templateField;
    private @Nullable String templateId;
    private @Nullable String templateModel;
    private long repeats;

    private static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] reasoningNames() {
        ReasoningField[] fields = ReasoningField.values();
        byte[][] names = new byte[fields.length][];
        for (ReasoningField field : fields) {
            names[field.ordinal()] = bytes(field.wireName);
        }
        return names;
    }

    /**
     * Reads {@code bytes[offset..offset + length)} into {@code chunk} (reset first) when the
     * payload has the common shape; an {@code id} or {@code model} equal to {@code lastId} or
     * {@code lastModel} is that very {@code String}.
     *
     * @return false when the payload is left to {@link ChunkParser}; {@code chunk} must then be
     *     reset before it is used again
     */
    boolean scan(byte[] bytes, int offset, int length, Chunk chunk, @Nullable String lastId,
            @Nullable String lastModel) {
        chunk.reset();
        in = bytes;
        pos = offset;
        end = offset + length;
        try {
            if (templateLength != 0 && repeat(offset, chunk)) {
                return true;
            }
            texts = 0;
            whitespace();
            expect('{');
            root(chunk, lastId, lastModel);
            whitespace();
            if (pos != end) {
                return false;
            }
            remember(offset, chunk);
            return true;
        } catch (Decline e) {
            templateLength = 0;
            return false;
        } finally {
            in = NONE; // hold no reference to the read's array
        }
    }

    /**
     * Reads a payload that is byte for byte the template (the last payload read in full) but for
     * the characters of its one text string, as servers send token after token: the same bytes
     * before the string parse to the same state and values, the string is validated like any
     * other, and the same bytes after its closing quote parse to the same end. So only the
     * string is scanned; the rest is two comparisons of bytes.
     */
    private boolean repeat(int offset, Chunk chunk) throws Decline {
        int tail = templateLength - templateQuote;
        if (end - offset < templateText + tail
                || !Arrays.equals(in, offset, offset + templateText, template, 0, templateText)) {
            return false;
        }
        long found = JsonText.scan(in, offset + templateText, end);
        if (found < 0) {
            return false;
        }
        int quote = (int) (found >>> 2);
        if (end - quote != tail
                || !Arrays.equals(in, quote, end, template, templateQuote, templateLength)) {
            return false;
        }
        stringStart = offset + templateText;
        stringEnd = quote;
        stringKind = (int) found & 3;
        repeats++;
        chunk.id = templateId;
        chunk.model = templateModel;
        chunk.hasChoice = true;
        if (templateField < 0) {
            chunk.content = decode();
        } else {
            chunk.reasoning[templateField] = decode();
        }
        return true;
    }

    /** Returns how many payloads were read from the template (for tests). */
    long repeats() {
        return repeats;
    }

    /** Keeps a payload just read in full as the template if its only text is one string. */
    private void remember(int offset, Chunk chunk) {
        int length = end - offset;
        if (texts != 1 || textAt < 0 || !chunk.hasChoice || chunk.finishReason != null
                || chunk.toolCount != 0 || !chunk.signatures.isEmpty() || chunk.hasError
                || chunk.effectiveUsage() != null || length > MAX_TEMPLATE) {
            templateLength = 0;
            return;
        }
        if (template.length < length) {
            // sized by the payloads seen: a short stream keeps a few hundred bytes at most
            template = new byte[Math.min(MAX_TEMPLATE, Math.max(length, 2 * template.length))];
        }
        System.arraycopy(in, offset, template, 0, length);
        templateLength = length;
        templateText = textAt - offset;
        templateQuote = textQuote - offset;
        templateField = textField;
        templateId = chunk.id;
        templateModel = chunk.model;
    }

    /** Notes a text field of the delta just read ({@code value} null for a JSON null). */
    private void noteText(@Nullable String value, int field) {
        texts++;
        textAt = value == null ? -1 : stringStart;
        textQuote = stringEnd;
        textField = field;
    }

    private void root(Chunk chunk, @Nullable String lastId, @Nullable String lastModel)
            throws Decline {
        if (firstField()) {
            do {
                int name = name();
                int nameEnd = stringEnd;
                colon();
                if (is(name, nameEnd, ID)) {
                    if (lastId != idText) {
                        idText = lastId;
                        idBytes = utf8(lastId);
                    }
                    chunk.id = repeated(lastId, idBytes);
                    lastId = chunk.id == null ? lastId : chunk.id;
                } else if (is(name, nameEnd, MODEL)) {
                    if (lastModel != modelText) {
                        modelText = lastModel;
                        modelBytes = utf8(lastModel);
                    }
                    chunk.model = repeated(lastModel, modelBytes);
                    lastModel = chunk.model == null ? lastModel : chunk.model;
                } else if (is(name, nameEnd, CHOICES)) {
                    choices(chunk);
                } else if (is(name, nameEnd, USAGE)) {
                    usage(chunk, Chunk.TOP);
                } else if (is(name, nameEnd, X_GROQ)) {
                    nullOrScalarOnly(); // its objects are Jackson's
                } else if (is(name, nameEnd, ERROR)) {
                    whitespace();
                    literal("null"); // any other error value is Jackson's
                } else {
                    skip(0);
                }
            } while (nextField());
        }
    }

    private void choices(Chunk chunk) throws Decline {
        whitespace();
        if (peek() != '[') {
            skip(0);
            return;
        }
        pos++;
        whitespace();
        if (peek() == ']') {
            pos++;
            return;
        }
        boolean first = true;
        do {
            whitespace();
            if (first && peek() == '{') {
                pos++;
                chunk.hasChoice = true;
                choice(chunk);
            } else {
                skip(1);
            }
            first = false;
            whitespace();
        } while (comma(']'));
    }

    private void choice(Chunk chunk) throws Decline {
        if (firstField()) {
            do {
                int name = name();
                int nameEnd = stringEnd;
                colon();
                if (is(name, nameEnd, DELTA) || is(name, nameEnd, MESSAGE)) {
                    delta(chunk);
                } else if (is(name, nameEnd, FINISH_REASON)) {
                    chunk.finishReason = text();
                } else if (is(name, nameEnd, USAGE)) {
                    usage(chunk, Chunk.CHOICE);
                } else {
                    skip(1);
                }
            } while (nextField());
        }
    }

    private void delta(Chunk chunk) throws Decline {
        whitespace();
        if (peek() != '{') {
            skip(1); // a null or missing delta is an empty one (S7)
            return;
        }
        pos++;
        if (firstField()) {
            do {
                int name = name();
                int nameEnd = stringEnd;
                colon();
                int reasoning = reasoningField(name, nameEnd);
                if (reasoning >= 0) {
                    chunk.reasoning[reasoning] = text();
                    noteText(chunk.reasoning[reasoning], reasoning);
                } else if (is(name, nameEnd, CONTENT)) {
                    chunk.content = text();
                    noteText(chunk.content, -1);
                } else if (is(name, nameEnd, TOOL_CALLS)
                        || is(name, nameEnd, REASONING_DETAILS)) {
                    nullOrScalarOnly();
                } else {
                    skip(2);
                }
            } while (nextField());
        }
    }

    private int reasoningField(int name, int nameEnd) {
        for (int i = 0; i < REASONING.length; i++) {
            if (is(name, nameEnd, REASONING[i])) {
                return i;
            }
        }
        return -1;
    }

    /** A usage object, read as {@code ChunkParser.usage} reads it; anything else is skipped. */
    private void usage(Chunk chunk, int where) throws Decline {
        whitespace();
        if (peek() != '{') {
            skip(1);
            return;
        }
        pos++;
        Chunk.RawUsage usage = chunk.usage(where);
        usage.present = true;
        if (firstField()) {
            do {
                int name = name();
                int nameEnd = stringEnd;
                colon();
                if (is(name, nameEnd, PROMPT_TOKENS)) {
                    usage.prompt = count();
                } else if (is(name, nameEnd, COMPLETION_TOKENS)) {
                    usage.completion = count();
                } else if (is(name, nameEnd, TOTAL_TOKENS)) {
                    usage.total = count();
                } else if (is(name, nameEnd, PROMPT_CACHE_HIT_TOKENS)) {
                    usage.promptCacheHit = count();
                } else if (is(name, nameEnd, CACHED_TOKENS)) {
                    usage.topLevelCached = count();
                } else if (is(name, nameEnd, PROMPT_TOKENS_DETAILS)) {
                    details(usage, true);
                } else if (is(name, nameEnd, COMPLETION_TOKENS_DETAILS)) {
                    details(usage, false);
                } else {
                    skip(2);
                }
            } while (nextField());
        }
    }

    /** {@code prompt_tokens_details} ({@code prompt}) or {@code completion_tokens_details}. */
    private void details(Chunk.RawUsage usage, boolean prompt) throws Decline {
        whitespace();
        if (peek() != '{') {
            skip(2);
            return;
        }
        pos++;
        if (firstField()) {
            do {
                int name = name();
                int nameEnd = stringEnd;
                colon();
                if (prompt && is(name, nameEnd, CACHED_TOKENS)) {
                    usage.cached = count();
                } else if (prompt && is(name, nameEnd, CACHE_WRITE_TOKENS)) {
                    usage.cacheWrite = count();
                } else if (!prompt && is(name, nameEnd, REASONING_TOKENS)) {
                    usage.reasoning = count();
                } else {
                    skip(3);
                }
            } while (nextField());
        }
    }

    /**
     * An integer count; -1 for any other value but a fraction or exponent, which (like counts of
     * more than {@value #MAX_COUNT_DIGITS} digits) is left to Jackson.
     */
    private long count() throws Decline {
        whitespace();
        byte c = peek();
        if (c != '-' && (c < '0' || c > '9')) {
            skip(3);
            return -1;
        }
        int start = pos;
        number();
        boolean negative = in[start] == '-';
        int from = negative ? start + 1 : start;
        if (pos - from > MAX_COUNT_DIGITS) {
            throw DECLINE;
        }
        long value = 0;
        for (int i = from; i < pos; i++) {
            byte d = in[i];
            if (d < '0' || d > '9') {
                throw DECLINE; // a fraction or an exponent
            }
            value = value * 10 + (d - '0');
        }
        return negative ? -value : value;
    }

    // --- the object grammar -----------------------------------------------------------------

    /** After a '{': returns whether a field follows (else consumes the '}'). */
    private boolean firstField() throws Decline {
        whitespace();
        if (peek() == '}') {
            pos++;
            return false;
        }
        return true;
    }

    /** After a field's value: consumes a ',' (true) or the closing '}' (false). */
    private boolean nextField() throws Decline {
        whitespace();
        return comma('}');
    }

    /** Consumes ',' (true) or {@code close} (false); anything else declines. */
    private boolean comma(char close) throws Decline {
        byte c = peek();
        pos++;
        if (c == ',') {
            return true;
        }
        if (c == close) {
            return false;
        }
        throw DECLINE;
    }

    /** Reads a field name (escape-free), returning where it starts; {@link #stringEnd} ends it. */
    private int name() throws Decline {
        whitespace();
        expect('"');
        string();
        if ((stringKind & ESCAPES) != 0 || stringEnd - stringStart > MAX_NAME) {
            throw DECLINE;
        }
        return stringStart;
    }

    private void colon() throws Decline {
        whitespace();
        expect(':');
        whitespace();
    }

    private boolean is(int from, int to, byte[] name) {
        if (to - from != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (in[from + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    // --- values -----------------------------------------------------------------------------

    /** A string (decoded) or null; any other value is left to Jackson (its text rules). */
    private @Nullable String text() throws Decline {
        whitespace();
        byte c = peek();
        if (c == '"') {
            pos++;
            string();
            return decode();
        }
        if (c == 'n') {
            literal("null");
            return null;
        }
        throw DECLINE;
    }

    private static byte[] utf8(@Nullable String text) {
        return text == null ? NONE : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@link #text}, or {@code last} itself when the string has the same characters: an
     * escape-free string's bytes are its UTF-8, {@code lastBytes}.
     */
    private @Nullable String repeated(@Nullable String last, byte[] lastBytes) throws Decline {
        whitespace();
        if (last != null && peek() == '"') {
            pos++;
            string();
            if ((stringKind & ESCAPES) == 0 && Arrays.equals(in, stringStart, stringEnd,
                    lastBytes, 0, lastBytes.length)) {
                return last;
            }
            return decode();
        }
        return text();
    }

    /** Null, or a scalar, is skipped; an object or array is left to Jackson. */
    private void nullOrScalarOnly() throws Decline {
        whitespace();
        byte c = peek();
        if (c == '{' || c == '[') {
            throw DECLINE;
        }
        skip(0);
    }

    /** Validates and skips one value of any kind, at nesting {@code depth}. */
    private void skip(int depth) throws Decline {
        whitespace();
        byte c = peek();
        switch (c) {
            case '"' -> {
                pos++;
                string();
            }
            case '{' -> {
                pos++;
                if (depth >= MAX_DEPTH) {
                    throw DECLINE;
                }
                if (firstField()) {
                    do {
                        name();
                        colon();
                        skip(depth + 1);
                    } while (nextField());
                }
            }
            case '[' -> {
                pos++;
                if (depth >= MAX_DEPTH) {
                    throw DECLINE;
                }
                whitespace();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                do {
                    skip(depth + 1);
                    whitespace();
                } while (comma(']'));
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void literal(String word) throws Decline {
        if (end - pos < word.length()) {
            throw DECLINE;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw DECLINE;
            }
        }
        pos += word.length();
        delimiter();
    }

    /** JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private void number() throws Decline {
        int start = pos;
        if (pos < end && in[pos] == '-') {
            pos++;
        }
        if (pos < end && in[pos] == '0') {
            pos++;
        } else if (digits() == 0) {
            throw DECLINE;
        }
        if (pos < end && in[pos] == '.') {
            pos++;
            if (digits() == 0) {
                throw DECLINE;
            }
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw DECLINE;
            }
        }
        if (pos - start > MAX_NUMBER) {
            throw DECLINE;
        }
        delimiter();
    }

    private int digits() {
        int start = pos;
        while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos - start;
    }

    /** A scalar must be followed by whitespace or structure, as in "nullx" or "01". */
    private void delimiter() throws Decline {
        if (pos < end) {
            byte c = in[pos];
            if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\n' && c != '\r'
                    && c != '\t') {
                throw DECLINE;
            }
        }
    }

    // --- strings ----------------------------------------------------------------------------

    /**
     * After an opening quote: finds the closing one, validating escapes, control characters and
     * UTF-8 ({@link JsonText#scan}); sets {@link #stringStart}, {@link #stringEnd} and
     * {@link #stringKind}.
     */
    private void string() throws Decline {
        long found = JsonText.scan(in, pos, end);
        if (found < 0) {
            throw DECLINE;
        }
        stringStart = pos;
        stringEnd = (int) (found >>> 2);
        stringKind = (int) found & 3;
        pos = stringEnd + 1;
        delimiterAfterString();
    }

    private void delimiterAfterString() throws Decline {
        if (pos < end) {
            byte c = in[pos];
            if (c != ',' && c != '}' && c != ']' && c != ':' && c != ' ' && c != '\n'
                    && c != '\r' && c != '\t') {
                throw DECLINE;
            }
        }
    }

    /** The characters of the string just validated by {@link #string()}. */
    private String decode() {
        if ((stringKind & ESCAPES) != 0 && chars.length < stringEnd - stringStart) {
            chars = new char[Math.max(stringEnd - stringStart, chars.length * 2)];
        }
        return JsonText.decode(in, stringStart, stringEnd, stringKind, chars);
    }

    // --- bytes ------------------------------------------------------------------------------

    private void whitespace() {
        while (pos < end) {
            byte c = in[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private byte peek() throws Decline {
        if (pos >= end) {
            throw DECLINE;
        }
        return in[pos];
    }

    private void expect(char c) throws Decline {
        if (peek() != c) {
            throw DECLINE;
        }
        pos++;
    }
}
