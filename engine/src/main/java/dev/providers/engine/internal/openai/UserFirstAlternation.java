package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * {@code requiresUserFirstAlternation}: the conversation starts with a user message and
 * alternates user/assistant, for strict templates (Mistral, Gemma) that fail otherwise.
 *
 * <p>Rules, ignoring {@code system}/{@code developer} messages (which stay where they are):
 * <ul>
 *   <li>a first message that is not {@code user} gets {@link #USER} inserted before it;
 *   <li>{@code user} after {@code user} gets {@link #ASSISTANT} inserted between;
 *   <li>{@code assistant} after {@code assistant} gets {@link #USER} inserted between.
 * </ul>
 * Tool messages belong to the assistant's side:
 * {@code assistant → tool → tool → assistant} and
 * {@code tool → user} are left alone ({@code requiresAssistantAfterToolResult} handles the
 * latter). A history with no conversation messages gets nothing.
 *
 * <p>Thread-safety: stateless.
 */
final class UserFirstAlternation {

    /** Inserted where a user turn is missing. */
    static final String USER = "(continue)";

    /** Inserted where an assistant turn is missing (e.g. its reply was dropped). */
    static final String ASSISTANT = "(no response)";

    private UserFirstAlternation() { }

    /** Returns the messages with placeholders where alternation breaks. */
    static ArrayNode apply(ArrayNode messages) {
        ArrayNode out = WireJson.array();
        String previous = null;
        for (JsonNode message : messages) {
            String role = WireJson.role(message);
            if (role.equals("system") || role.equals("developer")) {
                out.add(message);
                continue;
            }
            if (previous == null && !role.equals("user")) {
                out.add(WireJson.message("user", USER));
            } else if ("user".equals(previous) && role.equals("user")) {
                out.add(WireJson.message("assistant", ASSISTANT));
            } else if ("assistant".equals(previous) && role.equals("assistant")) {
                out.add(WireJson.message("user", USER));
            }
            out.add(message);
            previous = role;
        }
        return out;
    }
}
