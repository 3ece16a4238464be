package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.ChatRequest.Call;
import dev.providers.conformance.reference.ChatRequest.Msg;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules that span messages: every assistant {@code tool_calls} is answered by the tool
 * messages right after it, and every tool message answers such a call (OpenAI's wording), and
 * Mistral's id shape.
 */
final class ConversationRules {

    private static final Pattern MISTRAL_ID = Pattern.compile("[a-zA-Z0-9]{9}");

    private ConversationRules() { }

    static void check(List<Msg> messages, Profile profile) throws ApiError {
        if (profile.has(Quirk.MISTRAL_ID_CHECK)) {
            mistralIds(messages);
        }
        if (!profile.has(Quirk.LENIENT)) {
            pairing(messages);
        }
    }

    private static void pairing(List<Msg> messages) throws ApiError {
        Set<String> open = null;
        int openAt = -1;
        for (int i = 0; i < messages.size(); i++) {
            Msg message = messages.get(i);
            if (message.role().equals("tool")) {
                if (open == null || !open.remove(message.toolCallId())) {
                    throw ApiError.invalid("Invalid parameter: messages with role 'tool' must be "
                            + "a response to a preceeding message with 'tool_calls'.",
                            "messages.[" + i + "].role", null);
                }
                continue;
            }
            unanswered(open, openAt);
            open = null;
            if (message.role().equals("assistant") && !message.calls().isEmpty()) {
                open = new LinkedHashSet<>();
                for (Call call : message.calls()) {
                    open.add(call.id());
                }
                openAt = i;
            }
        }
        unanswered(open, openAt);
    }

    private static void unanswered(@Nullable Set<String> open, int at) throws ApiError {
        if (open != null && !open.isEmpty()) {
            throw ApiError.invalid("An assistant message with 'tool_calls' must be followed by "
                    + "tool messages responding to each 'tool_call_id'. The following "
                    + "tool_call_ids did not have response messages: " + String.join(", ", open),
                    "messages.[" + at + "].role", null);
        }
    }

    private static void mistralIds(List<Msg> messages) throws ApiError {
        for (Msg message : messages) {
            for (Call call : message.calls()) {
                mistralId(call.id());
            }
            if (message.toolCallId() != null) {
                mistralId(message.toolCallId());
            }
        }
    }

    private static void mistralId(String id) throws ApiError {
        if (!MISTRAL_ID.matcher(id).matches()) {
            ObjectNode body = Json.object();
            body.put("object", "error");
            body.put("message", "Tool call id was " + id + " but must be a-z, A-Z, 0-9, with a "
                    + "length of 9.");
            body.put("type", "invalid_function_call");
            body.putNull("param");
            body.put("code", "3280");
            throw ApiError.of(400, body);
        }
    }
}
