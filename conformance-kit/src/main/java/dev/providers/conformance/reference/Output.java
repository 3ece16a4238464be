package dev.providers.conformance.reference;

import java.util.List;

/**
 * A reply as it goes on the wire: the pieces to stream, the calls with their ids and argument
 * fragments, the finish reason and the token counts.
 *
 * @param reasoning the reasoning pieces (empty when not thinking, or when the profile puts
 *     reasoning into the content)
 * @param content the content pieces
 * @param calls the tool calls
 * @param finishReason {@code stop}, {@code length} or {@code tool_calls}
 * @param usage the token counts
 */
record Output(List<String> reasoning, List<String> content, List<CallOut> calls,
        String finishReason, Counts usage) {

    /** Copies the lists. */
    Output {
        reasoning = List.copyOf(reasoning);
        content = List.copyOf(content);
        calls = List.copyOf(calls);
    }

    /** Returns the content text. */
    String text() {
        return String.join("", content);
    }

    /** Returns the reasoning text. */
    String reasoningText() {
        return String.join("", reasoning);
    }

    /**
     * One tool call on the wire.
     *
     * @param id its id
     * @param name the function name
     * @param fragments the argument JSON in the pieces it streams in
     */
    record CallOut(String id, String name, List<String> fragments) {

        /** Copies the fragments. */
        CallOut {
            fragments = List.copyOf(fragments);
        }

        /** Returns the arguments text (the fragments joined). */
        String arguments() {
            return String.join("", fragments);
        }
    }

    /**
     * Token counts, OpenAI-style: completion includes reasoning.
     *
     * @param prompt the prompt tokens
     * @param cached the cached prompt tokens
     * @param completion the completion tokens, reasoning included
     * @param reasoning the reasoning tokens
     */
    record Counts(int prompt, int cached, int completion, int reasoning) {

        /** Returns prompt + completion. */
        int total() {
            return prompt + completion;
        }
    }
}
