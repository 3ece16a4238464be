package dev.providers.engine;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether and which tool the model must call.
 *
 * @param mode auto, none, required, or a named function
 * @param function the function's name when {@code mode} is FUNCTION
 */
public record ToolChoice(Mode mode, @Nullable String function) {

    /** The kinds of choice. */
    public enum Mode { AUTO, NONE, REQUIRED, FUNCTION }

    /** The model decides. */
    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    /** No tool calls. */
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    /** At least one tool call. */
    public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

    /** Checks that a name comes with FUNCTION and only with it. */
    public ToolChoice {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.FUNCTION) != (function != null)) {
            throw new IllegalArgumentException("a function name goes with FUNCTION only");
        }
    }

    /** Returns a choice that forces one function. */
    public static ToolChoice function(String name) {
        return new ToolChoice(Mode.FUNCTION, Objects.requireNonNull(name, "name"));
    }
}
