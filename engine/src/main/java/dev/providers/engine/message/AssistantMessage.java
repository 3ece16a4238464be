package dev.providers.engine.message;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the model answered: the blocks in first-appearance order and everything known about the
 * response. The final message of a stream; also replayed as history.
 *
 * @param content text, thinking and tool-call blocks; a block's index is its event
 *     {@code contentIndex}
 * @param api the dialect, e.g. {@code openai-completions}
 * @param provider the provider id
 * @param model the requested model id
 * @param responseModel the model the server says answered, when it differs from {@code model}
 * @param responseId the first non-empty response id
 * @param usage token counts and cost
 * @param stopReason why it ended
 * @param rawStopReason the last wire {@code finish_reason}, verbatim
 * @param errorMessage what went wrong; present iff the stop reason is ERROR or ABORTED
 * @param errorKind the kind of failure; present iff the stop reason is ERROR or ABORTED
 * @param timestamp epoch milliseconds when the request started
 */
public record AssistantMessage(
        List<AssistantContent> content,
        String api,
        String provider,
        String model,
        @Nullable String responseModel,
        @Nullable String responseId,
        Usage usage,
        StopReason stopReason,
        @Nullable String rawStopReason,
        @Nullable String errorMessage,
        @Nullable ErrorKind errorKind,
        long timestamp) implements Message {

    /** Copies the content and checks that errors come with a message and a kind. */
    public AssistantMessage {
        content = List.copyOf(content);
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(stopReason, "stopReason");
        boolean failed = !stopReason.isNormal();
        if (failed != (errorMessage != null) || failed != (errorKind != null)) {
            throw new IllegalArgumentException("errorMessage and errorKind are present iff the "
                    + "stop reason is ERROR or ABORTED (was " + stopReason + ")");
        }
    }

    /** Returns the text blocks joined, or "" when there are none. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (AssistantContent block : content) {
            if (block instanceof TextContent text) {
                out.append(text.text());
            }
        }
        return out.toString();
    }

    /** Returns the tool calls, in order. */
    public List<ToolCall> toolCalls() {
        return content.stream().filter(ToolCall.class::isInstance).map(ToolCall.class::cast)
                .toList();
    }

    /**
     * Returns an assistant turn for a history written by hand: {@code TOOL_USE} when it calls
     * tools, else {@code STOP}.
     */
    public static AssistantMessage of(String provider, String model, AssistantContent... blocks) {
        boolean calls = false;
        for (AssistantContent block : blocks) {
            calls |= block instanceof ToolCall;
        }
        return new AssistantMessage(List.of(blocks), "openai-completions", provider, model, null,
                null, Usage.ZERO, calls ? StopReason.TOOL_USE : StopReason.STOP, null, null, null,
                0);
    }
}
