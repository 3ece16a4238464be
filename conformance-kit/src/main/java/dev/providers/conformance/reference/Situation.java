package dev.providers.conformance.reference;

import dev.providers.conformance.reference.ChatRequest.Call;
import dev.providers.conformance.reference.ChatRequest.Msg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a conversation stands, as the model reads it: the question the user asked last, the
 * tool results the conversation ends with (if any), and the calls made since the question.
 *
 * <p>A user message right after tool messages that holds images and starts with "Attached
 * image" (or has no text) is the carrier a client uses for tool-result images; it belongs to the
 * results, not to the user's questions.
 *
 * @param question the last user question's text ("" when there is none)
 * @param questionImages the images of that question
 * @param results the tool messages the conversation ends with (empty when it ends otherwise)
 * @param resultImages the images carried for those results
 * @param calls the calls made since the question, by id
 * @param lastToolResult the text of the last tool message anywhere, or null
 */
record Situation(String question, List<ImageFacts> questionImages, List<Msg> results,
        List<ImageFacts> resultImages, Map<String, Call> calls, @Nullable String lastToolResult) {

    /** Reads a conversation. */
    static Situation of(List<Msg> messages) {
        int end = messages.size();
        List<Msg> results = new ArrayList<>();
        List<ImageFacts> resultImages = new ArrayList<>();
        int i = end - 1;
        while (i >= 0 && (messages.get(i).role().equals("tool") || isCarrier(messages, i))) {
            Msg message = messages.get(i);
            if (message.role().equals("tool")) {
                results.add(0, message);
            } else {
                resultImages.addAll(0, message.images());
            }
            i--;
        }
        if (results.isEmpty()) {
            resultImages.clear();
        }
        int asked = -1;
        for (int j = end - 1; j >= 0; j--) {
            if (messages.get(j).role().equals("user") && !isCarrier(messages, j)) {
                asked = j;
                break;
            }
        }
        Map<String, Call> calls = new LinkedHashMap<>();
        for (int j = asked + 1; j < end; j++) {
            for (Call call : messages.get(j).calls()) {
                calls.put(call.id(), call);
            }
        }
        String lastToolResult = null;
        for (Msg message : messages) {
            if (message.role().equals("tool")) {
                lastToolResult = message.text();
            }
        }
        Msg question = asked >= 0 ? messages.get(asked) : null;
        return new Situation(question == null ? "" : question.text(),
                question == null ? List.of() : question.images(), results, resultImages, calls,
                lastToolResult);
    }

    /** Returns whether the conversation ends with tool results the model must take up. */
    boolean afterToolResults() {
        return !results.isEmpty();
    }

    private static boolean isCarrier(List<Msg> messages, int i) {
        Msg message = messages.get(i);
        if (!message.role().equals("user") || message.images().isEmpty() || i == 0) {
            return false;
        }
        String previous = messages.get(i - 1).role();
        boolean afterResults = previous.equals("tool") || isCarrier(messages, i - 1);
        String text = message.text().strip();
        return afterResults && (text.isEmpty() || text.startsWith("Attached image"));
    }
}
