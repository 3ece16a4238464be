package dev.providers.engine.message;

/** A block a user message or a tool result may hold: text or an image. */
public sealed interface UserContent permits TextContent, ImageContent {
}
