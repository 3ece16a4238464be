package dev.providers.engine.message;

/** A block of an assistant message: text, thinking or a tool call. */
public sealed interface AssistantContent permits TextContent, ThinkingContent, ToolCall {
}
