package dev.providers.engine.internal.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The final parse of a tool call's raw arguments: strict JSON when it is valid, else the tolerant
 * {@link PartialJson} repair (which also reads arguments of more than {@value #LARGE}
 * characters); always an object, {@code {}} when empty or unusable (G10).
 */
final class ToolArguments {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ToolArguments() { }

    /**
     * Above this many characters the tolerant parser reads the arguments at once: it holds one
     * exactly-sized copy of each string, where the strict parser's text buffers hold about four
     * times its size; for valid JSON both give the same values.
     */
    static final int LARGE = 1 << 20;

    static Map<String, Object> parse(String raw) {
        if (raw.isBlank()) {
            return Map.of();
        }
        if (raw.length() > LARGE) {
            return PartialJson.parseObject(raw);
        }
        try {
            // straight to maps and lists: a tree first would hold a second copy of every string
            Object value = MAPPER.readValue(raw, Object.class);
            if (value instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) immutable(value);
                return map;
            }
        } catch (JsonProcessingException e) {
            // repaired below
        }
        return PartialJson.parseObject(raw);
    }

    private static Object immutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, v == null ? null : immutable(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            return Collections.unmodifiableList(list.stream()
                    .map(v -> v == null ? null : immutable(v)).toList());
        }
        if (value instanceof Integer small) {
            return small.longValue(); // one integer type, as the tolerant parser gives
        }
        return value;
    }
}
