package dev.providers.engine.message;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A call of a tool by the model.
 *
 * @param id the call id, matched by the tool result
 * @param name the tool's name
 * @param arguments the parsed arguments; always an object, empty when there were none
 * @param thoughtSignature opaque provider data to replay with the call (e.g. OpenRouter's
 *     encrypted reasoning detail, as JSON), or null
 */
public record ToolCall(String id, String name, Map<String, Object> arguments,
        @Nullable String thoughtSignature) implements AssistantContent {

    /** Rejects nulls; the arguments are kept as given (immutable maps from the engine). */
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }

    /** Returns a call without a thought signature. */
    public static ToolCall of(String id, String name, Map<String, Object> arguments) {
        return new ToolCall(id, name, arguments, null);
    }
}
