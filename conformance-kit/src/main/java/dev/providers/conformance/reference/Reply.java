package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the model decided to answer, before limits, stop sequences and wire framing.
 *
 * @param reasoning the reasoning it would stream when asked to think (never empty)
 * @param text the answer text ("" when it only calls tools)
 * @param calls the tool calls, in order
 */
record Reply(String reasoning, String text, List<PlannedCall> calls) {

    /** Copies the calls. */
    Reply {
        calls = List.copyOf(calls);
    }

    /**
     * A tool call the model makes.
     *
     * @param name the function name
     * @param arguments the arguments object
     */
    record PlannedCall(String name, ObjectNode arguments) {

        /** Returns the arguments as compact JSON text. */
        String argumentsJson() {
            return Json.text(arguments);
        }
    }
}
