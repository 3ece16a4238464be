package dev.providers.engine.message;

/** One turn of a conversation. */
public sealed interface Message permits UserMessage, AssistantMessage, ToolResultMessage {

    /** Returns when the message was created, in epoch milliseconds (0 when unknown). */
    long timestamp();
}
