package dev.providers.engine.message;

import java.util.Objects;

/**
 * Plain text.
 *
 * @param text the text
 */
public record TextContent(String text) implements UserContent, AssistantContent {

    /** Rejects null. */
    public TextContent {
        Objects.requireNonNull(text, "text");
    }
}
