package dev.providers.engine.message;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tool the model may call.
 *
 * @param name the tool's name
 * @param description what it does, for the model
 * @param parameters the JSON Schema of its arguments (an object schema)
 * @param strict whether to ask for constrained sampling ({@code strict: true}), where the
 *     provider supports it
 * @param grammar a grammar that constrains the input (OpenAI custom tools), or null
 */
public record Tool(String name, String description, Map<String, Object> parameters,
        boolean strict, @Nullable Grammar grammar) {

    /**
     * A grammar for a custom tool's free-form input.
     *
     * @param syntax {@code lark} or {@code regex}
     * @param definition the grammar text
     */
    public record Grammar(String syntax, String definition) { }

    /** Rejects nulls. */
    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** Returns a function tool. */
    public static Tool of(String name, String description, Map<String, Object> parameters) {
        return new Tool(name, description, parameters, false, null);
    }
}
