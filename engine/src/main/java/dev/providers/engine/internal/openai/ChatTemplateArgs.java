package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@code chatTemplateKwargs} / {@code chatTemplateArgs} template
 * ({@code docs/dialects/openai-completions.md} §3.2): literal values are copied;
 * {@code {$var: thinking.enabled}}
 * becomes whether thinking is on; {@code {$var: thinking.effort}} becomes the mapped level and
 * the entry is dropped when there is none; {@code omitWhenOff: true} drops the entry when
 * thinking is off. An empty result is omitted.
 *
 * <p>Thread-safety: stateless.
 */
final class ChatTemplateArgs {

    private static final String VAR = "$var";

    private ChatTemplateArgs() { }

    /**
     * Returns the rendered object, or null when it is empty.
     *
     * @param on whether thinking is on
     * @param effort the mapped level: "M(E) ?? E" when on, M(off) when off; null drops the entry
     * @throws IllegalArgumentException for an unknown {@code $var} (the schema rejects it)
     */
    static @Nullable ObjectNode render(Map<String, @Nullable Object> template, boolean on,
            @Nullable String effort) {
        ObjectNode out = WireJson.object();
        template.forEach((key, value) -> {
            if (value instanceof Map<?, ?> variable && variable.containsKey(VAR)) {
                if (!on && Boolean.TRUE.equals(variable.get("omitWhenOff"))) {
                    return;
                }
                Object name = variable.get(VAR);
                if ("thinking.enabled".equals(name)) {
                    out.put(key, on);
                } else if ("thinking.effort".equals(name)) {
                    if (effort != null) {
                        out.put(key, effort);
                    }
                } else {
                    throw new IllegalArgumentException("chat template entry '" + key
                            + "' uses unknown $var '" + name
                            + "'; known: thinking.enabled, thinking.effort");
                }
            } else {
                out.set(key, WireJson.tree(value));
            }
        });
        return out.isEmpty() ? null : out;
    }
}
