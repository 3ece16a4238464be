package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.spec.ThinkingLevel;
import dev.providers.engine.spec.ThinkingLevelMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the thinking fields of
 * {@code docs/dialects/openai-completions.md} §4.2 for a level that is already
 * clamped, per {@code thinkingFormat}, honouring {@code supportsReasoningEffort} and the model's
 * {@code thinkingLevelMap}. The caller sends nothing at all when no level was requested or the
 * model cannot reason.
 *
 * <p>Thread-safety: stateless.
 */
final class ThinkingParams {

    /** The formats of the schema's {@code thinkingFormat} enum. */
    static final String FORMATS = "openai, openrouter, deepseek, together, zai, qwen, "
            + "qwen-chat-template, chat-template, baseten, string-thinking, ant-ling";

    private static final String EFFORT = "reasoning_effort";

    private ThinkingParams() { }

    /**
     * Writes the fields for {@code level} into {@code body}.
     *
     * @throws IllegalArgumentException for a format the schema does not define
     */
    static void write(ObjectNode body, ThinkingLevel level, ThinkingLevelMap levelMap,
            CompatFlags compat) {
        boolean on = level != ThinkingLevel.OFF;
        LevelMapping m = new LevelMapping(levelMap);
        // the on-column value "M(E) ?? E"; null only if E were declared unsupported
        String onValue = on ? m.valueOrNameUnlessNull(level) : null;
        String offValue = m.declared(ThinkingLevel.OFF).orElse(null);
        boolean effortAllowed = compat.supportsReasoningEffort();
        switch (compat.thinkingFormat()) {
            case "openai" -> putIf(body, EFFORT, effortAllowed ? (on ? onValue : offValue) : null);
            case "openrouter" -> {
                String effort = on ? onValue : m.declaredNull(ThinkingLevel.OFF) ? null
                        : offValue != null ? offValue : "none";
                if (effort != null) {
                    body.putObject("reasoning").put("effort", effort);
                }
            }
            case "deepseek" -> {
                if (on || !m.declaredNull(ThinkingLevel.OFF)) {
                    body.putObject("thinking").put("type", on ? "enabled" : "disabled");
                }
                putIf(body, EFFORT, on && effortAllowed ? onValue : null);
            }
            case "together" -> {
                body.putObject("reasoning").put("enabled", on);
                putIf(body, EFFORT, on && effortAllowed ? onValue : null);
            }
            case "zai" -> {
                ObjectNode thinking = body.putObject("thinking");
                thinking.put("type", on ? "enabled" : "disabled");
                if (on) {
                    thinking.put("clear_thinking", false);
                }
                putIf(body, EFFORT, on && effortAllowed ? onValue : null);
            }
            case "qwen" -> {
                body.put("enable_thinking", on);
                putIf(body, EFFORT, on && effortAllowed ? onValue : null);
            }
            case "qwen-chat-template" -> {
                ObjectNode kwargs = body.putObject("chat_template_kwargs");
                kwargs.put("enable_thinking", on);
                // pi-ai keeps earlier thinking in the template either way
                kwargs.put("preserve_thinking", true);
            }
            case "chat-template" -> putTemplate(body, "chat_template_kwargs",
                    compat.chatTemplateKwargs(), on, on ? onValue : offValue);
            case "baseten" -> {
                putTemplate(body, "chat_template_args", compat.chatTemplateArgs(), on,
                        on ? onValue : offValue);
                putIf(body, EFFORT, effortAllowed ? (on ? onValue : offValue) : null);
            }
            case "string-thinking" -> putIf(body, "thinking", on ? onValue
                    : m.declaredNull(ThinkingLevel.OFF) ? null
                    : offValue != null ? offValue : "none");
            case "ant-ling" -> {
                String mapped = on ? m.declared(level).orElse(null) : null;
                if (mapped != null) {
                    body.putObject("reasoning").put("effort", mapped);
                }
            }
            default -> throw new IllegalArgumentException("unknown thinkingFormat '"
                    + compat.thinkingFormat() + "'; known: " + FORMATS);
        }
    }

    private static void putIf(ObjectNode body, String field, @Nullable String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static void putTemplate(ObjectNode body, String field,
            Map<String, @Nullable Object> template, boolean on, @Nullable String effort) {
        ObjectNode rendered = ChatTemplateArgs.render(template, on, effort);
        if (rendered != null) {
            body.set(field, rendered);
        }
    }
}
