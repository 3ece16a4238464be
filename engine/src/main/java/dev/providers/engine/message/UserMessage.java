package dev.providers.engine.message;

import java.util.List;

/**
 * What the user says: text and images.
 *
 * @param content the blocks, in order
 * @param timestamp epoch milliseconds, or 0
 */
public record UserMessage(List<UserContent> content, long timestamp) implements Message {

    /** Copies the content. */
    public UserMessage {
        content = List.copyOf(content);
    }

    /** Returns a text message. */
    public static UserMessage of(String text) {
        return new UserMessage(List.of(new TextContent(text)), 0);
    }

    /** Returns a message of these blocks. */
    public static UserMessage of(UserContent... content) {
        return new UserMessage(List.of(content), 0);
    }
}
