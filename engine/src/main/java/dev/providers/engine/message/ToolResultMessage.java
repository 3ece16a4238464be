package dev.providers.engine.message;

import java.util.List;
import java.util.Objects;

/**
 * The result of running a tool the model called.
 *
 * @param toolCallId the id of the call this answers
 * @param toolName the tool's name
 * @param content text and images the tool returned
 * @param isError whether the tool failed
 * @param addedTools names of tools this result made available (Kimi's deferred tools), or empty
 * @param timestamp epoch milliseconds, or 0
 */
public record ToolResultMessage(String toolCallId, String toolName, List<UserContent> content,
        boolean isError, List<String> addedTools, long timestamp) implements Message {

    /** Copies the lists and rejects nulls. */
    public ToolResultMessage {
        Objects.requireNonNull(toolCallId, "toolCallId");
        Objects.requireNonNull(toolName, "toolName");
        content = List.copyOf(content);
        addedTools = List.copyOf(addedTools);
    }

    /** Returns a text result. */
    public static ToolResultMessage of(String toolCallId, String toolName, String text) {
        return new ToolResultMessage(toolCallId, toolName, List.of(new TextContent(text)), false,
                List.of(), 0);
    }

    /** Returns an error result. */
    public static ToolResultMessage error(String toolCallId, String toolName, String text) {
        return new ToolResultMessage(toolCallId, toolName, List.of(new TextContent(text)), true,
                List.of(), 0);
    }
}
