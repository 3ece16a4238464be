package dev.providers.conformance.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request body as a {@link WireView} reads it, in terms every dialect shares: the model, the
 * system prompt, the turns with their parts (text, images, tool calls, tool results, replayed
 * thinking), the tools and the options that matter to the suite.
 *
 * @param model the model id sent, or null when the dialect puts it elsewhere (such as the path)
 * @param stream whether the body asks for a stream
 * @param usageRequested whether the body asks the server to stream usage (OpenAI's
 *     {@code stream_options.include_usage}); true for a dialect that always streams it
 * @param system the system prompt's text, or null when none was sent
 * @param messages the turns after the system prompt, in order
 * @param tools the tools offered
 * @param toolChoice the tool choice sent, or null when none was
 * @param maxTokens the output limit sent, or null when none was
 * @param stop the stop sequences sent
 */
public record SentRequest(@Nullable String model, boolean stream, boolean usageRequested,
        @Nullable String system, List<Message> messages, List<Tool> tools,
        @Nullable ToolChoice toolChoice, @Nullable Integer maxTokens, List<String> stop) {

    /** Copies the lists. */
    public SentRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        stop = List.copyOf(stop);
    }

    /** Returns the turns sent with {@code role}. */
    public List<Message> messages(Role role) {
        return messages.stream().filter(m -> m.role() == role).toList();
    }

    /** Returns the last turn that carries a tool call, or null when none does. */
    public @Nullable Message lastWithToolCalls() {
        Message last = null;
        for (Message message : messages) {
            if (!message.toolCalls().isEmpty()) {
                last = message;
            }
        }
        return last;
    }

    /** Returns every tool result sent, in order. */
    public List<ToolResult> toolResults() {
        List<ToolResult> out = new ArrayList<>();
        messages.forEach(m -> out.addAll(m.toolResults()));
        return out;
    }

    /** Who a turn is from, as the wire says it. */
    public enum Role {
        /** The user; in some dialects also the carrier of tool results. */
        USER,
        /** The model: a replayed answer. */
        ASSISTANT,
        /** A turn that exists only to carry tool results (OpenAI's {@code role: tool}). */
        TOOL
    }

    /**
     * One turn.
     *
     * @param role who it is from
     * @param parts its content, in wire order
     */
    public record Message(Role role, List<Part> parts) {

        /** Copies the parts. */
        public Message {
            Objects.requireNonNull(role, "role");
            parts = List.copyOf(parts);
        }

        /** Returns the text parts joined. */
        public String text() {
            StringBuilder out = new StringBuilder();
            parts(Text.class).forEach(t -> out.append(t.text()));
            return out.toString();
        }

        /** Returns the tool calls, in order. */
        public List<ToolCall> toolCalls() {
            return parts(ToolCall.class);
        }

        /** Returns the tool results, in order. */
        public List<ToolResult> toolResults() {
            return parts(ToolResult.class);
        }

        /** Returns the images (not those inside tool results), in order. */
        public List<Image> images() {
            return parts(Image.class);
        }

        /** Returns the replayed thinking, in order. */
        public List<Thinking> thinking() {
            return parts(Thinking.class);
        }

        /** Returns the parts of one kind, in order. */
        public <T extends Part> List<T> parts(Class<T> kind) {
            return parts.stream().filter(kind::isInstance).map(kind::cast).toList();
        }
    }

    /** A piece of a turn. */
    public sealed interface Part permits Text, Image, ToolCall, ToolResult, Thinking { }

    /**
     * Text.
     *
     * @param text the text
     */
    public record Text(String text) implements Part {

        /** Rejects a missing text. */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * An image.
     *
     * @param mimeType its media type, or null when it went by URL
     * @param data its bytes in base64, or the URL it went by
     */
    public record Image(@Nullable String mimeType, String data) implements Part {

        /** Rejects missing data. */
        public Image {
            Objects.requireNonNull(data, "data");
        }

        /** Shows the type and the data's size, never the data, which may be megabytes. */
        @Override
        public String toString() {
            return "Image[" + (mimeType == null ? "by URL" : mimeType) + ", " + data.length()
                    + " characters]";
        }
    }

    /**
     * A tool call of a replayed turn.
     *
     * @param id the call id sent
     * @param name the tool's name
     * @param arguments the arguments as the JSON text sent
     */
    public record ToolCall(String id, String name, String arguments) implements Part {

        /** Rejects missing values. */
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /**
     * The result of a tool call.
     *
     * @param callId the id of the call it answers
     * @param text its text parts joined
     * @param images the images sent inside the result (a dialect that cannot carry them sends
     *     them in a later user turn)
     */
    public record ToolResult(String callId, String text, List<Image> images) implements Part {

        /** Copies the images. */
        public ToolResult {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(text, "text");
            images = List.copyOf(images);
        }
    }

    /**
     * Replayed thinking.
     *
     * @param field the wire field or block type it went in (such as {@code reasoning_content})
     * @param text the thinking text, possibly empty
     */
    public record Thinking(String field, String text) implements Part {

        /** Rejects missing values. */
        public Thinking {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A tool offered.
     *
     * @param name its name
     * @param parameters its parameter schema as sent (a missing node when none was)
     */
    public record Tool(String name, JsonNode parameters) {

        /** Rejects missing values. */
        public Tool {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(parameters, "parameters");
        }
    }
}
