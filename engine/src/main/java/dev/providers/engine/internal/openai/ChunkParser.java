package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes chunk payloads: the common shape through {@link ChunkScanner}, straight from the bytes,
 * and everything it declines token by token with a non-blocking Jackson parser reused for every
 * event of a network read: no tree is built and no parser is allocated per chunk.
 *
 * <p>Reads only {@code choices[0]}; skips fields it does not know (Azure's filter results,
 * llama.cpp's timings, obfuscation, logprobs). {@code id} and {@code model} repeat in every
 * chunk: when they equal the previous chunk's, the previous {@code String} is reused.
 *
 * <p>The Jackson parser is created on the first payload and released by {@link #close()} (the
 * caller closes it after every network read, so an idle stream holds none). Closing returns its
 * buffers to Jackson's recycler and teaches the factory's shared field-name table the names it
 * saw, so that later parsers share that table instead of each copying it (~3 KB). Every payload
 * is a complete JSON value, so no parser state spans payloads.
 *
 * <p>Thread-safety: confined to one stream's decoding, one thread at a time.
 */
final class ChunkParser {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The fast path for the common shape of a chunk; Jackson decodes what it declines. */
    private final ChunkScanner scanner = new ChunkScanner();
    private @Nullable JsonParser parser;
    private @Nullable ByteArrayFeeder feeder;
    private @Nullable String lastId;
    private @Nullable String lastModel;

    /**
     * Parses one payload ({@code bytes[offset..offset + length)}, the byte after it being a
     * spare whitespace byte) into {@code chunk}.
     *
     * @return false when the payload is valid JSON but not an object (skipped, S3)
     * @throws IOException when the payload is not valid JSON; the parser is then released
     */
    boolean parse(byte[] bytes, int offset, int length, Chunk chunk) throws IOException {
        if (scanner.scan(bytes, offset, length, chunk, lastId, lastModel)) {
            lastId = chunk.id == null ? lastId : chunk.id;
            lastModel = chunk.model == null ? lastModel : chunk.model;
            return true;
        }
        return parseWithJackson(bytes, offset, length, chunk);
    }

    /** {@link #parse} without the fast path: what {@link ChunkScanner} must agree with. */
    boolean parseWithJackson(byte[] bytes, int offset, int length, Chunk chunk)
            throws IOException {
        chunk.reset();
        if (parser == null) {
            open();
        }
        try {
            feeder.feedInput(bytes, offset, offset + length + 1);
            JsonToken first = next();
            boolean object = first == JsonToken.START_OBJECT;
            if (object) {
                root(chunk);
            } else {
                skip(first);
            }
            JsonToken after = parser.nextToken();
            if (after != JsonToken.NOT_AVAILABLE) {
                throw new IOException("unexpected data after the JSON value");
            }
            return object;
        } catch (IOException | RuntimeException e) {
            close(); // its state is undefined now; a later payload gets a fresh parser
            throw e;
        }
    }

    /** Releases the parser (idempotent); a later {@link #parse} creates a new one. */
    void close() {
        JsonParser p = parser;
        if (p == null) {
            return;
        }
        parser = null;
        feeder = null;
        try {
            p.close();
        } catch (IOException e) {
            // nothing to release beyond memory: a byte-array feeder holds no resource
        }
    }

    private void open() {
        try {
            parser = FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("Jackson cannot create a non-blocking parser", e);
        }
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    private JsonToken next() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.NOT_AVAILABLE || token == null) {
            throw new IOException("the JSON value ends too early");
        }
        return token;
    }

    private void root(Chunk chunk) throws IOException {
        JsonToken token;
        while ((token = next()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = next();
            switch (field) {
                case "id" -> {
                    chunk.id = repeated(value, lastId);
                    lastId = chunk.id == null ? lastId : chunk.id;
                }
                case "model" -> {
                    chunk.model = repeated(value, lastModel);
                    lastModel = chunk.model == null ? lastModel : chunk.model;
                }
                case "choices" -> choices(value, chunk);
                case "usage" -> usage(value, chunk, Chunk.TOP);
                case "x_groq" -> groq(value, chunk);
                case "error" -> error(value, chunk);
                default -> skip(value);
            }
        }
        expect(token, JsonToken.END_OBJECT);
    }

    private void choices(JsonToken value, Chunk chunk) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            skip(value);
            return;
        }
        boolean first = true;
        JsonToken token;
        while ((token = next()) != JsonToken.END_ARRAY) {
            if (first && token == JsonToken.START_OBJECT) {
                first = false;
                chunk.hasChoice = true;
                choice(chunk);
            } else {
                first = false;
                skip(token);
            }
        }
    }

    private void choice(Chunk chunk) throws IOException {
        JsonToken token;
        while ((token = next()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = next();
            switch (field) {
                case "delta", "message" -> delta(value, chunk);
                case "finish_reason" -> chunk.finishReason = text(value);
                case "usage" -> usage(value, chunk, Chunk.CHOICE);
                default -> skip(value);
            }
        }
        expect(token, JsonToken.END_OBJECT);
    }

    private void delta(JsonToken value, Chunk chunk) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            skip(value); // a null or missing delta is an empty one (S7)
            return;
        }
        JsonToken token;
        while ((token = next()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken v = next();
            ReasoningField reasoning = ReasoningField.of(field);
            if (reasoning != null) {
                chunk.reasoning[reasoning.ordinal()] = text(v);
                continue;
            }
            switch (field) {
                case "content" -> content(v, chunk);
                case "tool_calls" -> toolCalls(v, chunk);
                case "reasoning_details" -> reasoningDetails(v, chunk);
                default -> skip(v);
            }
        }
        expect(token, JsonToken.END_OBJECT);
    }

    /** A string, or (Magistral) an array of typed parts: text to text, thinking to thinking. */
    private void content(JsonToken value, Chunk chunk) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            chunk.content = text(value);
            return;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        JsonToken token;
        while ((token = next()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                skip(token);
                continue;
            }
            Map<String, Object> part = object();
            Object type = part.get("type");
            if ("text".equals(type) && part.get("text") instanceof String s) {
                text.append(s);
            } else if ("thinking".equals(type)) {
                appendThinking(part.get("thinking"), thinking);
            }
        }
        chunk.content = text.length() == 0 ? null : text.toString();
        chunk.contentThinking = thinking.length() == 0 ? null : thinking.toString();
    }

    private static void appendThinking(@Nullable Object thinking, StringBuilder out) {
        if (thinking instanceof String s) {
            out.append(s);
        } else if (thinking instanceof java.util.List<?> parts) {
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && map.get("text") instanceof String s) {
                    out.append(s);
                }
            }
        }
    }

    private void toolCalls(JsonToken value, Chunk chunk) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            skip(value);
            return;
        }
        JsonToken token;
        while ((token = next()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                skip(token);
                continue;
            }
            Chunk.ToolDelta delta = chunk.addTool();
            JsonToken t;
            while ((t = next()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken v = next();
                switch (field) {
                    case "index" -> delta.index = v == JsonToken.VALUE_NUMBER_INT
                            ? parser.getIntValue() : -1;
                    case "id" -> delta.id = text(v);
                    case "function" -> function(v, delta, "arguments");
                    case "custom" -> function(v, delta, "input");
                    default -> skip(v);
                }
            }
            expect(t, JsonToken.END_OBJECT);
        }
    }

    /** Reads {name, arguments} (or a custom tool's {name, input}); an empty object adds nothing. */
    private void function(JsonToken value, Chunk.ToolDelta delta, String argumentsField)
            throws IOException {
        if (value != JsonToken.START_OBJECT) {
            skip(value);
            return;
        }
        JsonToken token;
        while ((token = next()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken v = next();
            if (field.equals("name")) {
                String name = text(v);
                if (name != null && !name.isEmpty()) {
                    delta.name = name;
                }
            } else if (field.equals(argumentsField)) {
                String arguments = v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY
                        ? MAPPER.writeValueAsString(v == JsonToken.START_OBJECT ? object()
                                : array())
                        : text(v);
                if (arguments != null) {
                    delta.arguments = delta.arguments == null ? arguments
                            : delta.arguments + arguments;
                }
            } else {
                skip(v);
            }
        }
        expect(token, JsonToken.END_OBJECT);
    }

    /** OpenRouter's reasoning_details: keep encrypted entries, which sign tool calls (S12). */
    private void reasoningDetails(JsonToken value, Chunk chunk) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            skip(value);
            return;
        }
        JsonToken token;
        while ((token = next()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                skip(token);
                continue;
            }
            Map<String, Object> detail = object();
            if ("reasoning.encrypted".equals(detail.get("type"))
                    && detail.get("id") instanceof String id && detail.get("data") != null) {
                chunk.signatures.add(new String[] {id, MAPPER.writeValueAsString(detail)});
            }
        }
    }

    private void usage(JsonToken value, Chunk chunk, int where) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            skip(value);
            return;
        }
        Chunk.RawUsage usage = chunk.usage(where);
        usage.present = true;
        fields(value, (field, v) -> {
            switch (field) {
                case "prompt_tokens" -> usage.prompt = number(v);
                case "completion_tokens" -> usage.completion = number(v);
                case "total_tokens" -> usage.total = number(v);
                case "prompt_cache_hit_tokens" -> usage.promptCacheHit = number(v);
                case "cached_tokens" -> usage.topLevelCached = number(v);
                case "prompt_tokens_details" -> fields(v, (detail, n) -> {
                    switch (detail) {
                        case "cached_tokens" -> usage.cached = number(n);
                        case "cache_write_tokens" -> usage.cacheWrite = number(n);
                        default -> skip(n);
                    }
                });
                case "completion_tokens_details" -> fields(v, (detail, n) -> {
                    if (detail.equals("reasoning_tokens")) {
                        usage.reasoning = number(n);
                    } else {
                        skip(n);
                    }
                });
                default -> skip(v);
            }
        });
    }

    private void groq(JsonToken value, Chunk chunk) throws IOException {
        fields(value, (field, v) -> {
            if (field.equals("usage")) {
                usage(v, chunk, Chunk.GROQ);
            } else {
                skip(v);
            }
        });
    }

    /** Reads one field of an object: its name and the token its value starts with. */
    @FunctionalInterface
    private interface FieldReader {
        void read(String field, JsonToken value) throws IOException;
    }

    /**
     * Hands each field of the object starting at {@code value} to {@code reader}, which must
     * consume the field's value; skips a value that is not an object. For the rarer parts of a
     * chunk: the per-chunk paths keep their loops inline, free of a lambda.
     */
    private void fields(JsonToken value, FieldReader reader) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            skip(value);
            return;
        }
        JsonToken token;
        while ((token = next()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            reader.read(field, next());
        }
        expect(token, JsonToken.END_OBJECT);
    }

    private void error(JsonToken value, Chunk chunk) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        chunk.hasError = true;
        if (value != JsonToken.START_OBJECT) {
            chunk.errorMessage = value == JsonToken.VALUE_STRING ? parser.getText()
                    : describe(value);
            return;
        }
        Map<String, Object> error = object();
        Object message = error.get("message");
        chunk.errorMessage = message == null ? MAPPER.writeValueAsString(error)
                : message.toString();
        Object code = error.get("code");
        chunk.errorCode = code == null ? (error.get("type") == null ? null
                : error.get("type").toString()) : code.toString();
        if (error.get("metadata") instanceof Map<?, ?> metadata && metadata.get("raw") != null) {
            chunk.errorMetadataRaw = metadata.get("raw").toString();
        }
    }

    private String describe(JsonToken value) throws IOException {
        if (value.isScalarValue()) {
            return parser.getText();
        }
        skip(value);
        return "(unreadable error)";
    }

    /** Reads the object whose START_OBJECT was just returned, into plain Java values. */
    private Map<String, Object> object() throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken token;
        while ((token = next()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            map.put(field, valueOf(next()));
        }
        expect(token, JsonToken.END_OBJECT);
        return map;
    }

    private java.util.List<Object> array() throws IOException {
        java.util.List<Object> list = new java.util.ArrayList<>();
        JsonToken token;
        while ((token = next()) != JsonToken.END_ARRAY) {
            list.add(valueOf(token));
        }
        return list;
    }

    private @Nullable Object valueOf(JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object();
            case START_ARRAY -> array();
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private @Nullable String text(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
            return parser.getText();
        }
        skip(value);
        return null;
    }

    /** Returns {@link #text}, or {@code last} itself when the value has the same characters. */
    private @Nullable String repeated(JsonToken value, @Nullable String last) throws IOException {
        if (value == JsonToken.VALUE_STRING && last != null
                && parser.getTextLength() == last.length()) {
            char[] chars = parser.getTextCharacters();
            int offset = parser.getTextOffset();
            int i = 0;
            while (i < last.length() && chars[offset + i] == last.charAt(i)) {
                i++;
            }
            if (i == last.length()) {
                return last;
            }
        }
        return text(value);
    }

    private long number(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            return (long) parser.getDoubleValue();
        }
        skip(value);
        return -1;
    }

    /** Skips the value whose first token was just returned (scalar, object or array). */
    private void skip(JsonToken first) throws IOException {
        if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            JsonToken token = next();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            }
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
