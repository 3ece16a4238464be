package dev.providers.engine.message;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a model sees: a system prompt, the conversation, and the tools it may call.
 *
 * @param systemPrompt instructions sent first, or null
 * @param messages the conversation, oldest first
 * @param tools the tools on offer
 */
public record Context(@Nullable String systemPrompt, List<Message> messages, List<Tool> tools) {

    /** Copies the lists. */
    public Context {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }

    /** Returns a context of one user message. */
    public static Context ofUser(String text) {
        return new Context(null, List.of(UserMessage.of(text)), List.of());
    }

    /** Returns this context with a message appended. */
    public Context with(Message message) {
        List<Message> more = new ArrayList<>(messages);
        more.add(message);
        return new Context(systemPrompt, more, tools);
    }

    /** Returns this context with these tools. */
    public Context withTools(List<Tool> tools) {
        return new Context(systemPrompt, messages, tools);
    }

    /** Returns this context with this system prompt. */
    public Context withSystemPrompt(@Nullable String prompt) {
        return new Context(prompt, messages, tools);
    }
}
