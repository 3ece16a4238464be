package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A checked chat-completions request, in the terms the model and the writers need.
 *
 * @param model the model that answers
 * @param modelId the model id as requested (echoed in chunks)
 * @param messages the conversation, in order
 * @param tools the tools on offer
 * @param toolChoice whether and which tool must be called
 * @param stream whether to stream
 * @param includeUsage whether {@code stream_options.include_usage} was set
 * @param maxTokens the output limit, or null for the model's
 * @param stop the stop sequences
 * @param thinking whether the request asked for reasoning (and the model can reason)
 * @param parallelToolCalls whether several calls may be made at once
 */
record ChatRequest(ServedModel model, String modelId, List<Msg> messages, List<ToolDef> tools,
        Choice toolChoice, boolean stream, boolean includeUsage, @Nullable Integer maxTokens,
        List<String> stop, boolean thinking, boolean parallelToolCalls) {

    /** Copies the lists. */
    ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        stop = List.copyOf(stop);
    }

    /** Returns this request with other messages (after a silent truncation). */
    ChatRequest withMessages(List<Msg> replaced) {
        return new ChatRequest(model, modelId, replaced, tools, toolChoice, stream, includeUsage,
                maxTokens, stop, thinking, parallelToolCalls);
    }

    /**
     * One message.
     *
     * @param role system, developer, user, assistant, tool or function
     * @param text the text parts joined by a newline ("" when there is none)
     * @param images the images, already looked at
     * @param calls the tool calls of an assistant message
     * @param toolCallId the call a tool message answers, or null
     * @param reasoning the replayed reasoning of an assistant message, or null when the field is
     *     absent
     * @param name the message's {@code name}, or null
     */
    record Msg(String role, String text, List<ImageFacts> images, List<Call> calls,
            @Nullable String toolCallId, @Nullable String reasoning, @Nullable String name) {

        /** Copies the lists. */
        Msg {
            images = List.copyOf(images);
            calls = List.copyOf(calls);
        }

        /** Returns a text message of a role. */
        static Msg text(String role, String text) {
            return new Msg(role, text, List.of(), List.of(), null, null, null);
        }
    }

    /**
     * A tool call, made or replayed.
     *
     * @param id the call id
     * @param name the function name
     * @param arguments the arguments as JSON text
     */
    record Call(String id, String name, String arguments) { }

    /**
     * A tool on offer.
     *
     * @param name the function name
     * @param parameters its JSON Schema ({@code {}} when absent)
     */
    record ToolDef(String name, JsonNode parameters) { }

    /**
     * The tool choice.
     *
     * @param mode auto, none, required or a named function
     * @param function the function's name for FUNCTION, else null
     */
    record Choice(Mode mode, @Nullable String function) {

        /** The model decides. */
        static final Choice AUTO = new Choice(Mode.AUTO, null);

        /** The kinds of choice. */
        enum Mode { AUTO, NONE, REQUIRED, FUNCTION }
    }
}
