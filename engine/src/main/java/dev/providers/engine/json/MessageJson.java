package dev.providers.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.Tool;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.Usage;
import dev.providers.engine.message.UsageCost;
import dev.providers.engine.message.UserContent;
import dev.providers.engine.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts contexts, messages and stream events to and from JSON, in pi's shapes:
 * {@code {role, content:[{type:text,text}|{type:thinking,thinking}|{type:toolCall,id,name,
 * arguments}|{type:image,data,mimeType}], ...}}, stop reasons {@code stop}, {@code length},
 * {@code toolUse}, {@code error}, {@code aborted}, error kinds in lower snake case.
 *
 * <p>Thread-safety: stateless.
 */
public final class MessageJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MessageJson() { }

    /** Returns the JSON form of an event ({@code type} in snake case, as in the catalogue). */
    public static ObjectNode event(StreamEvent event) {
        ObjectNode node = F.objectNode();
        if (event instanceof StreamEvent.Start e) {
            node.put("type", "start").put("model", e.model().toString())
                    .put("timestamp", e.timestamp());
        } else if (event instanceof StreamEvent.TextStart e) {
            node.put("type", "text_start").put("contentIndex", e.contentIndex());
        } else if (event instanceof StreamEvent.TextDelta e) {
            node.put("type", "text_delta").put("contentIndex", e.contentIndex())
                    .put("delta", e.delta());
        } else if (event instanceof StreamEvent.TextEnd e) {
            node.put("type", "text_end").put("contentIndex", e.contentIndex())
                    .put("text", e.text());
        } else if (event instanceof StreamEvent.ThinkingStart e) {
            node.put("type", "thinking_start").put("contentIndex", e.contentIndex());
        } else if (event instanceof StreamEvent.ThinkingDelta e) {
            node.put("type", "thinking_delta").put("contentIndex", e.contentIndex())
                    .put("delta", e.delta());
        } else if (event instanceof StreamEvent.ThinkingEnd e) {
            node.put("type", "thinking_end").put("contentIndex", e.contentIndex())
                    .put("thinking", e.thinking());
            if (e.signature() != null) {
                node.put("signature", e.signature());
            }
        } else if (event instanceof StreamEvent.ToolCallStart e) {
            node.put("type", "toolcall_start").put("contentIndex", e.contentIndex())
                    .put("id", e.id()).put("name", e.name());
        } else if (event instanceof StreamEvent.ToolCallDelta e) {
            node.put("type", "toolcall_delta").put("contentIndex", e.contentIndex())
                    .put("delta", e.delta());
        } else if (event instanceof StreamEvent.ToolCallEnd e) {
            node.put("type", "toolcall_end").put("contentIndex", e.contentIndex())
                    .set("toolCall", content(e.toolCall()));
        } else if (event instanceof StreamEvent.Done e) {
            node.put("type", "done").put("reason", stopReason(e.reason()))
                    .set("message", message(e.message()));
        } else if (event instanceof StreamEvent.ErrorEvent e) {
            node.put("type", "error").put("reason", stopReason(e.reason()))
                    .set("message", message(e.message()));
        }
        return node;
    }

    /** Returns the JSON form of any message. */
    public static ObjectNode message(Message message) {
        if (message instanceof AssistantMessage a) {
            return assistant(a);
        }
        if (message instanceof UserMessage u) {
            ObjectNode node = F.objectNode().put("role", "user");
            node.set("content", userContent(u.content()));
            return timestamp(node, u.timestamp());
        }
        ToolResultMessage r = (ToolResultMessage) message;
        ObjectNode node = F.objectNode().put("role", "toolResult")
                .put("toolCallId", r.toolCallId()).put("toolName", r.toolName());
        node.set("content", userContent(r.content()));
        node.put("isError", r.isError());
        if (!r.addedTools().isEmpty()) {
            ArrayNode added = node.putArray("addedTools");
            r.addedTools().forEach(added::add);
        }
        return timestamp(node, r.timestamp());
    }

    private static ObjectNode assistant(AssistantMessage m) {
        ObjectNode node = F.objectNode().put("role", "assistant");
        ArrayNode content = node.putArray("content");
        for (AssistantContent block : m.content()) {
            content.add(content(block));
        }
        node.put("api", m.api()).put("provider", m.provider()).put("model", m.model());
        if (m.responseModel() != null) {
            node.put("responseModel", m.responseModel());
        }
        if (m.responseId() != null) {
            node.put("responseId", m.responseId());
        }
        node.set("usage", usage(m.usage()));
        node.put("stopReason", stopReason(m.stopReason()));
        if (m.rawStopReason() != null) {
            node.put("rawStopReason", m.rawStopReason());
        }
        if (m.errorKind() != null) {
            node.put("errorKind", m.errorKind().name().toLowerCase(Locale.ROOT));
        }
        if (m.errorMessage() != null) {
            node.put("errorMessage", m.errorMessage());
        }
        return timestamp(node, m.timestamp());
    }

    private static ObjectNode content(AssistantContent block) {
        if (block instanceof TextContent t) {
            return F.objectNode().put("type", "text").put("text", t.text());
        }
        if (block instanceof ThinkingContent t) {
            ObjectNode node = F.objectNode().put("type", "thinking").put("thinking", t.thinking());
            if (t.signature() != null) {
                node.put("signature", t.signature());
            }
            if (t.redacted()) {
                node.put("redacted", true);
            }
            return node;
        }
        ToolCall call = (ToolCall) block;
        ObjectNode node = F.objectNode().put("type", "toolCall").put("id", call.id())
                .put("name", call.name());
        node.set("arguments", MAPPER.valueToTree(call.arguments()));
        if (call.thoughtSignature() != null) {
            node.put("thoughtSignature", call.thoughtSignature());
        }
        return node;
    }

    private static ArrayNode userContent(List<UserContent> content) {
        ArrayNode array = F.arrayNode();
        for (UserContent block : content) {
            if (block instanceof TextContent t) {
                array.addObject().put("type", "text").put("text", t.text());
            } else {
                ImageContent i = (ImageContent) block;
                array.addObject().put("type", "image").put("data", i.data())
                        .put("mimeType", i.mimeType());
            }
        }
        return array;
    }

    /** Returns the JSON form of usage, cost included. */
    public static ObjectNode usage(Usage usage) {
        ObjectNode node = F.objectNode().put("input", usage.input()).put("output", usage.output())
                .put("cacheRead", usage.cacheRead()).put("cacheWrite", usage.cacheWrite())
                .put("reasoning", usage.reasoning()).put("totalTokens", usage.totalTokens());
        UsageCost cost = usage.cost();
        node.putObject("cost").put("input", cost.input()).put("output", cost.output())
                .put("cacheRead", cost.cacheRead()).put("cacheWrite", cost.cacheWrite())
                .put("total", cost.total());
        return node;
    }

    /** Returns pi's name of a stop reason: stop, length, toolUse, error, aborted. */
    public static String stopReason(StopReason reason) {
        return reason == StopReason.TOOL_USE ? "toolUse" : reason.name().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode timestamp(ObjectNode node, long timestamp) {
        if (timestamp != 0) {
            node.put("timestamp", timestamp);
        }
        return node;
    }

    /**
     * Reads a context: {@code {systemPrompt?, messages: [...], tools?: [...]}}.
     *
     * @throws IllegalArgumentException naming the path of the first malformed value
     */
    public static Context context(JsonNode node) {
        require(node.isObject(), "", "a context object");
        String system = node.hasNonNull("systemPrompt") ? text(node, "systemPrompt", "") : null;
        List<Message> messages = new ArrayList<>();
        JsonNode list = node.path("messages");
        if (!list.isMissingNode()) {
            require(list.isArray(), "/messages", "an array");
            for (int i = 0; i < list.size(); i++) {
                messages.add(message(list.get(i), "/messages/" + i));
            }
        }
        return new Context(system, messages, node.has("tools") ? tools(node.get("tools"))
                : List.of());
    }

    /** Reads tools: an array of {@code {name, description, parameters}}, or {@code {tools}}. */
    public static List<Tool> tools(JsonNode node) {
        JsonNode list = node.isObject() && node.has("tools") ? node.get("tools") : node;
        require(list.isArray(), "/tools", "an array of tools");
        List<Tool> tools = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String at = "/tools/" + i;
            require(t.isObject(), at, "a tool object");
            JsonNode parameters = t.path("parameters");
            require(parameters.isMissingNode() || parameters.isObject(), at + "/parameters",
                    "a JSON Schema object");
            @SuppressWarnings("unchecked")
            Map<String, Object> schema = parameters.isMissingNode()
                    ? Map.of("type", "object", "properties", Map.of())
                    : MAPPER.convertValue(parameters, Map.class);
            tools.add(new Tool(text(t, "name", at), t.path("description").asText(""), schema,
                    t.path("strict").asBoolean(false), null));
        }
        return tools;
    }

    private static Message message(JsonNode m, String at) {
        require(m.isObject(), at, "a message object");
        String role = text(m, "role", at);
        long timestamp = m.path("timestamp").asLong(0);
        switch (role) {
            case "user" -> {
                return new UserMessage(userContent(m.get("content"), at + "/content"), timestamp);
            }
            case "toolResult", "tool" -> {
                List<String> added = new ArrayList<>();
                m.path("addedTools").forEach(n -> added.add(n.asText()));
                return new ToolResultMessage(text(m, "toolCallId", at), text(m, "toolName", at),
                        userContent(m.get("content"), at + "/content"),
                        m.path("isError").asBoolean(false), added, timestamp);
            }
            case "assistant" -> {
                return assistant(m, at, timestamp);
            }
            default -> throw new IllegalArgumentException(at + "/role: expected user, assistant "
                    + "or toolResult, found '" + role + "'");
        }
    }

    private static AssistantMessage assistant(JsonNode m, String at, long timestamp) {
        List<AssistantContent> content = new ArrayList<>();
        JsonNode list = m.path("content");
        if (list.isTextual()) {
            content.add(new TextContent(list.asText()));
        } else if (!list.isMissingNode() && !list.isNull()) {
            require(list.isArray(), at + "/content", "a string or an array of blocks");
            for (int i = 0; i < list.size(); i++) {
                JsonNode b = list.get(i);
                String bat = at + "/content/" + i;
                switch (text(b, "type", bat)) {
                    case "text" -> content.add(new TextContent(text(b, "text", bat)));
                    case "thinking" -> content.add(new ThinkingContent(text(b, "thinking", bat),
                            b.hasNonNull("signature") ? b.get("signature").asText() : null,
                            b.path("redacted").asBoolean(false)));
                    case "toolCall" -> {
                        JsonNode args = b.path("arguments");
                        require(args.isMissingNode() || args.isObject(), bat + "/arguments",
                                "an object");
                        @SuppressWarnings("unchecked")
                        Map<String, Object> arguments = args.isMissingNode() ? Map.of()
                                : MAPPER.convertValue(args, Map.class);
                        content.add(new ToolCall(text(b, "id", bat), text(b, "name", bat),
                                arguments, b.hasNonNull("thoughtSignature")
                                        ? b.get("thoughtSignature").asText() : null));
                    }
                    default -> throw new IllegalArgumentException(bat + "/type: expected text, "
                            + "thinking or toolCall");
                }
            }
        }
        StopReason reason = stopReasonOf(m.path("stopReason").asText(
                content.stream().anyMatch(ToolCall.class::isInstance) ? "toolUse" : "stop"),
                at);
        String errorMessage = m.hasNonNull("errorMessage") ? m.get("errorMessage").asText()
                : reason.isNormal() ? null : "(replayed)";
        ErrorKind kind = m.hasNonNull("errorKind") ? ErrorKind.valueOf(m.get("errorKind")
                .asText().toUpperCase(Locale.ROOT)) : reason.isNormal() ? null
                : reason == StopReason.ABORTED ? ErrorKind.ABORTED : ErrorKind.SERVER;
        return new AssistantMessage(content, m.path("api").asText("openai-completions"),
                m.path("provider").asText(""), m.path("model").asText(""),
                m.hasNonNull("responseModel") ? m.get("responseModel").asText() : null,
                m.hasNonNull("responseId") ? m.get("responseId").asText() : null, Usage.ZERO,
                reason, m.hasNonNull("rawStopReason") ? m.get("rawStopReason").asText() : null,
                errorMessage, kind, timestamp);
    }

    private static List<UserContent> userContent(@Nullable JsonNode content, String at) {
        if (content == null || content.isNull()) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(new TextContent(content.asText()));
        }
        require(content.isArray(), at, "a string or an array of text and image blocks");
        List<UserContent> blocks = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode b = content.get(i);
            String bat = at + "/" + i;
            switch (text(b, "type", bat)) {
                case "text" -> blocks.add(new TextContent(text(b, "text", bat)));
                case "image" -> blocks.add(new ImageContent(text(b, "data", bat),
                        text(b, "mimeType", bat)));
                default -> throw new IllegalArgumentException(bat + "/type: expected text or "
                        + "image");
            }
        }
        return blocks;
    }

    private static StopReason stopReasonOf(String name, String at) {
        return switch (name) {
            case "stop" -> StopReason.STOP;
            case "length" -> StopReason.LENGTH;
            case "toolUse" -> StopReason.TOOL_USE;
            case "error" -> StopReason.ERROR;
            case "aborted" -> StopReason.ABORTED;
            default -> throw new IllegalArgumentException(at + "/stopReason: expected stop, "
                    + "length, toolUse, error or aborted");
        };
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        require(value != null && value.isTextual(), at + "/" + field, "a string");
        return value.asText();
    }

    private static void require(boolean ok, String at, String expected) {
        if (!ok) {
            throw new IllegalArgumentException((at.isEmpty() ? "/" : at) + ": expected "
                    + expected);
        }
    }
}
