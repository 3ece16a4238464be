package dev.providers.engine.internal.config;

import dev.providers.engine.spec.SecretRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Header maps, whose names compare without regard to case (RFC 9110). */
public final class Headers {

    private Headers() { }

    /** Returns {@code base} with {@code top}'s headers applied; a later name replaces any case. */
    public static Map<String, SecretRef> overlay(Map<String, SecretRef> base,
            @Nullable Map<String, SecretRef> top) {
        if (top == null || top.isEmpty()) {
            return base;
        }
        Map<String, SecretRef> merged = new LinkedHashMap<>(base);
        top.forEach((name, value) -> {
            merged.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            merged.put(name, value);
        });
        return Collections.unmodifiableMap(merged);
    }
}
