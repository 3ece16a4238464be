package dev.providers.engine.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Converts JSON trees into deeply immutable plain Java values. */
final class JsonValues {

    private JsonValues() { }

    /**
     * Returns {@code Boolean}, {@code String}, {@code Long}, {@code Double}, an unmodifiable
     * {@code List} or {@code Map} (which may hold nulls), or null for JSON null.
     */
    static @Nullable Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(toJava(item)));
            return Collections.unmodifiableList(list);
        }
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), toJava(e.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }
}
