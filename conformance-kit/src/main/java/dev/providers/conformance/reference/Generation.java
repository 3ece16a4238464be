package dev.providers.conformance.reference;

import dev.providers.conformance.reference.Output.CallOut;
import dev.providers.conformance.reference.Output.Counts;
import dev.providers.conformance.reference.Reply.PlannedCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a reply into what is streamed: reasoning only when thinking was asked for (inside the
 * content between think tags for that profile), the content cut at the first stop sequence
 * (finish {@code stop}), then everything cut at the output limit (finish {@code length}), where
 * reasoning pieces, content pieces, each call's name and each argument fragment cost a token.
 */
final class Generation {

    static final String THINK_OPEN = "<think>";
    static final String THINK_CLOSE = "</think>";

    private Generation() { }

    /**
     * Returns the output.
     *
     * @param request the request (thinking, stop sequences, output limit)
     * @param reply the model's reply
     * @param profile how reasoning is carried
     * @param ids the call ids of this response
     * @param prompt the prompt tokens
     * @param cached the cached prompt tokens
     */
    static Output of(ChatRequest request, Reply reply, Profile profile, Ids ids, int prompt,
            int cached) {
        int budget = request.maxTokens() != null ? request.maxTokens() : ServedModel.MAX_TOKENS;
        List<String> reasoning = new ArrayList<>();
        List<String> content = new ArrayList<>();
        int used = 0;
        int reasoningTokens = 0;
        boolean cut = false;
        List<String> thoughts = request.thinking() ? Tokens.pieces(reply.reasoning()) : List.of();
        if (!thoughts.isEmpty() && profile.has(Quirk.THINK_TAGS)) {
            List<String> tagged = new ArrayList<>();
            tagged.add(THINK_OPEN);
            tagged.addAll(thoughts);
            tagged.add(THINK_CLOSE);
            tagged.add("\n\n");
            // the server cannot tell these tokens apart from the answer: no reasoning count
            for (String piece : tagged) {
                if (used == budget) {
                    cut = true;
                    break;
                }
                content.add(piece);
                used++;
            }
        } else {
            for (String piece : thoughts) {
                if (used == budget) {
                    cut = true;
                    break;
                }
                reasoning.add(piece);
                used++;
            }
            reasoningTokens = used;
        }
        for (String piece : Tokens.pieces(stopAt(reply.text(), request.stop()))) {
            if (cut || used == budget) {
                cut = true;
                break;
            }
            content.add(piece);
            used++;
        }
        List<CallOut> calls = new ArrayList<>();
        for (int i = 0; i < reply.calls().size() && !cut; i++) {
            PlannedCall call = reply.calls().get(i);
            if (used == budget) {
                cut = true;
                break;
            }
            used++; // the name
            List<String> fragments = new ArrayList<>();
            for (String fragment : Tokens.pieces(call.argumentsJson())) {
                if (used == budget) {
                    cut = true;
                    break;
                }
                fragments.add(fragment);
                used++;
            }
            calls.add(new CallOut(ids.toolCall(i), call.name(), fragments));
        }
        String finish = cut ? "length" : calls.isEmpty() ? "stop" : "tool_calls";
        return new Output(reasoning, content, calls, finish,
                new Counts(prompt, cached, used, reasoningTokens));
    }

    /** Returns the text up to the first occurrence of any stop sequence. */
    static String stopAt(String text, List<String> stops) {
        int end = text.length();
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return text.substring(0, end);
    }
}
