package dev.providers.conformance.reference;

import dev.providers.conformance.reference.ChatRequest.Choice;
import dev.providers.conformance.reference.Reply.PlannedCall;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo model: a pure function from a request to a {@link Reply}, following the rules an
 * instruction-following model would (see {@link ToolPlanner}, {@link Summaries} and
 * {@link TextRules} for each rule).
 *
 * <ol>
 *   <li>When tools may be called and the question calls for one, the reply is the calls.
 *   <li>When the conversation ends with tool results, the reply states them.
 *   <li>Otherwise the reply answers the last user question in text.
 * </ol>
 * The reasoning is always there; the caller streams it only when thinking was asked for.
 */
final class Brain {

    private Brain() { }

    /** Returns the model's reply to a request. */
    static Reply reply(ChatRequest request) {
        Situation situation = Situation.of(request.messages());
        boolean toolsAllowed = !request.tools().isEmpty()
                && request.toolChoice().mode() != Choice.Mode.NONE;
        if (toolsAllowed) {
            List<PlannedCall> calls = ToolPlanner.plan(situation, request);
            if (!calls.isEmpty()) {
                return new Reply(thoughtsForCalls(calls), "", calls);
            }
        }
        if (situation.afterToolResults()) {
            String summary = Summaries.of(situation);
            return new Reply("The tool results are in. I state what they say: "
                    + Summaries.quote(summary), summary, List.of());
        }
        return TextRules.answer(situation, request);
    }

    private static String thoughtsForCalls(List<PlannedCall> calls) {
        List<String> parts = new ArrayList<>();
        for (PlannedCall call : calls) {
            parts.add(call.name() + " with " + call.argumentsJson());
        }
        return "The user wants a tool to do this. I will call " + String.join(" and ", parts)
                + ".";
    }
}
