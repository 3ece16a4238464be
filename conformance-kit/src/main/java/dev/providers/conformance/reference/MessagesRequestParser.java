package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.reference.ChatRequest.Call;
import dev.providers.conformance.reference.ChatRequest.Choice;
import dev.providers.conformance.reference.ChatRequest.Msg;
import dev.providers.conformance.reference.ChatRequest.ToolDef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a Messages request body the way Anthropic does (with the profile's own refusals and,
 * for llama.cpp, its leniency) and turns it into a {@link MessagesRequest}: user and assistant
 * turns become the model's messages, {@code tool_result} blocks its tool messages (their images
 * a carrier user message after them), replayed thinking its reasoning.
 *
 * <p>Checked, in Anthropic's words: the known top-level fields, a required {@code model} and
 * {@code max_tokens}, a non-empty {@code messages} of user and assistant turns that alternate,
 * text blocks with non-whitespace text, block types per role, base64 images of the four
 * accepted types, tool-use ids of {@code [a-zA-Z0-9_-]}, every {@code tool_use} answered by the
 * next turn and every {@code tool_result} answering the turn before, tools with object schemas,
 * a {@code tool_choice} naming a known tool, thinking (a budget of at least 1024 below
 * {@code max_tokens}, no forced tool, no temperature other than 1, a reasoning model), at most
 * four {@code cache_control} breakpoints, and replayed thinking by its signature.
 */
final class MessagesRequestParser {

    /** The top-level fields Anthropic's Messages endpoint knows. */
    static final Set<String> FIELDS = Set.of("model", "messages", "max_tokens", "system",
            "metadata", "stop_sequences", "stream", "temperature", "top_p", "top_k", "tools",
            "tool_choice", "thinking", "output_config", "service_tier", "container",
            "mcp_servers", "context_management");

    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    private static final Pattern TOOL_ID = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final Set<String> MEDIA_TYPES = Set.of("image/jpeg", "image/png",
            "image/gif", "image/webp");
    private static final int MAX_BREAKPOINTS = 4;

    private final Profile profile;
    private final boolean lenient;
    private final boolean countTokens;
    private int breakpoints;

    private MessagesRequestParser(Profile profile, boolean countTokens) {
        this.profile = profile;
        this.lenient = profile.has(Quirk.LENIENT);
        this.countTokens = countTokens;
    }

    /**
     * Returns the checked request; {@code countTokens} for {@code /messages/count_tokens},
     * whose body has no {@code max_tokens}.
     *
     * @throws ApiError the refusal the server answers with
     */
    static MessagesRequest parse(JsonNode root, Profile profile, boolean countTokens)
            throws ApiError {
        return new MessagesRequestParser(profile, countTokens).parse(root);
    }

    private MessagesRequest parse(JsonNode root) throws ApiError {
        if (!root.isObject()) {
            throw invalid("body: Input should be a valid dictionary");
        }
        if (!lenient) {
            for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw invalid(name + ": Extra inputs are not permitted");
                }
            }
        }
        JsonNode modelNode = root.get("model");
        if (modelNode == null || !modelNode.isTextual()) {
            throw invalid("model: Field required");
        }
        String modelId = modelNode.textValue();
        ServedModel model = ServedModel.byId(modelId).orElse(null);
        if (model == null) {
            if (!profile.has(Quirk.ANY_MODEL)) {
                throw AnthropicErrors.of(profile, 404, "not_found_error", "model: " + modelId);
            }
            model = ServedModel.CHAT;
        }
        if (profile.has(Quirk.ANY_MODEL)) {
            modelId = model.id(); // llama-server answers as the model it loaded
        }
        Integer maxTokens = maxTokens(root.get("max_tokens"));
        boolean stream = root.path("stream").asBoolean(false);
        List<String> stop = stop(root.get("stop_sequences"));
        List<ToolDef> tools = tools(root.get("tools"));
        Choice choice = choice(root.get("tool_choice"), tools);
        boolean thinking = thinking(root, model, choice, maxTokens);
        sampling(root, thinking);
        List<Msg> messages = new ArrayList<>();
        String system = system(root.get("system"));
        if (system != null) {
            messages.add(Msg.text("system", system));
        }
        boolean replayedThinking = turns(root.get("messages"), model, tools, messages);
        if (breakpoints > MAX_BREAKPOINTS && !lenient) {
            throw invalid("A maximum of " + MAX_BREAKPOINTS + " blocks with cache_control may "
                    + "be provided. Found " + breakpoints + ".");
        }
        boolean parallel = !root.path("tool_choice").path("disable_parallel_tool_use")
                .asBoolean(false);
        ChatRequest chat = new ChatRequest(model, modelId, messages, tools, choice, stream, true,
                maxTokens, stop, thinking, parallel);
        return new MessagesRequest(chat, breakpoints > 0, replayedThinking);
    }

    private @Nullable Integer maxTokens(@Nullable JsonNode node) throws ApiError {
        if (node == null || node.isNull()) {
            if (countTokens || lenient) {
                return null;
            }
            throw invalid("max_tokens: Field required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid("max_tokens: Input should be a valid integer");
        }
        int n = node.intValue();
        if (n < 1 && !lenient) {
            throw invalid("max_tokens: Input should be greater than or equal to 1");
        }
        if (n > ServedModel.MAX_TOKENS && !lenient) {
            throw invalid("max_tokens: " + n + " > " + ServedModel.MAX_TOKENS + ", which is the "
                    + "maximum allowed number of output tokens for " + "the model");
        }
        return Math.max(1, n);
    }

    private List<String> stop(@Nullable JsonNode node) throws ApiError {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw invalid("stop_sequences: Input should be a valid list");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw invalid("stop_sequences: Input should be a valid string");
            }
            if (!item.textValue().isEmpty()) {
                out.add(item.textValue());
            }
        }
        return out;
    }

    private void sampling(JsonNode root, boolean thinking) throws ApiError {
        JsonNode temperature = root.get("temperature");
        if (temperature != null && !temperature.isNull()) {
            if (!temperature.isNumber() || temperature.doubleValue() < 0
                    || temperature.doubleValue() > 1) {
                throw invalid("temperature: Input should be less than or equal to 1");
            }
            if (thinking && temperature.doubleValue() != 1 && !lenient) {
                throw invalid("`temperature` may only be set to 1 when thinking is enabled. "
                        + "Please consult our documentation at https://docs.claude.com/en/docs/"
                        + "build-with-claude/extended-thinking#important-considerations-when-"
                        + "using-extended-thinking");
            }
        }
        JsonNode metadata = root.get("metadata");
        if (metadata != null && !metadata.isNull() && (!metadata.isObject()
                || metadata.has("user_id") && !metadata.get("user_id").isTextual())) {
            throw invalid("metadata.user_id: Input should be a valid string");
        }
    }

    /** Reads what asks for thinking; only reasoning models think. */
    private boolean thinking(JsonNode root, ServedModel model, Choice choice,
            @Nullable Integer maxTokens) throws ApiError {
        JsonNode thinking = root.get("thinking");
        if (thinking == null || thinking.isNull()) {
            return false;
        }
        String type = thinking.path("type").asText("");
        switch (type) {
            case "disabled" -> {
                return false;
            }
            case "enabled" -> {
                JsonNode budget = thinking.get("budget_tokens");
                if (budget == null || !budget.canConvertToInt()) {
                    throw invalid("thinking.enabled.budget_tokens: Field required");
                }
                if (budget.intValue() < 1024 && !lenient) {
                    throw invalid("thinking.enabled.budget_tokens: Input should be greater than "
                            + "or equal to 1024");
                }
                if (maxTokens != null && budget.intValue() >= maxTokens && !lenient) {
                    throw invalid("`max_tokens` must be greater than `thinking.budget_tokens`. "
                            + "Please consult our documentation at https://docs.claude.com/en/"
                            + "docs/build-with-claude/extended-thinking#max-tokens-and-context-"
                            + "window-size");
                }
            }
            case "adaptive" -> { }
            default -> throw invalid("thinking: Input tag '" + type + "' found using 'type' "
                    + "does not match any of the expected tags: 'adaptive', 'disabled', "
                    + "'enabled'");
        }
        boolean forced = choice.mode() == Choice.Mode.REQUIRED
                || choice.mode() == Choice.Mode.FUNCTION;
        if (forced && !lenient) {
            throw invalid("Thinking may not be enabled when tool_choice forces tool use.");
        }
        if (!model.reasoning() && !lenient) {
            throw invalid("'claude-thinking' is not supported by this model: " + model.id());
        }
        return model.reasoning();
    }

    private List<ToolDef> tools(@Nullable JsonNode node) throws ApiError {
        List<ToolDef> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw invalid("tools: Input should be a valid list");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode tool = node.get(i);
            String name = tool.path("name").asText("");
            if (!TOOL_NAME.matcher(name).matches()) {
                throw invalid("tools." + i + ".custom.name: String should match pattern "
                        + "'^[a-zA-Z0-9_-]{1,128}$'");
            }
            if (!names.add(name) && !lenient) {
                throw invalid("tools: Tool names must be unique.");
            }
            JsonNode schema = tool.path("input_schema");
            if (!schema.isObject() || !"object".equals(schema.path("type").asText())) {
                throw invalid("tools." + i + ".custom.input_schema.type: Input should be "
                        + "'object'");
            }
            countBreakpoint(tool);
            out.add(new ToolDef(name, schema));
        }
        return out;
    }

    private Choice choice(@Nullable JsonNode node, List<ToolDef> tools) throws ApiError {
        if (node == null || node.isNull()) {
            return Choice.AUTO;
        }
        String type = node.path("type").asText("");
        Choice choice = switch (type) {
            case "auto" -> Choice.AUTO;
            case "any" -> new Choice(Choice.Mode.REQUIRED, null);
            case "none" -> new Choice(Choice.Mode.NONE, null);
            case "tool" -> new Choice(Choice.Mode.FUNCTION, node.path("name").asText(""));
            default -> throw invalid("tool_choice: Input tag '" + type + "' found using 'type' "
                    + "does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
        };
        if (profile.has(Quirk.LLAMACPP_TOOL_CHOICE)) {
            // llama.cpp maps only auto, any and tool: none is dropped, tool becomes required
            return switch (choice.mode()) {
                case NONE, AUTO -> Choice.AUTO;
                default -> new Choice(Choice.Mode.REQUIRED, null);
            };
        }
        if (choice.mode() == Choice.Mode.FUNCTION && tools.stream()
                .noneMatch(tool -> tool.name().equals(choice.function()))) {
            throw invalid("tool_choice.tool.name: Tool '" + choice.function() + "' not found "
                    + "in the provided tools");
        }
        return choice;
    }

    private @Nullable String system(@Nullable JsonNode node) throws ApiError {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (!node.isArray()) {
            throw invalid("system: Input should be a valid list");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode block = node.get(i);
            if (!"text".equals(block.path("type").asText())) {
                throw invalid("system." + i + ".type: Input should be 'text'");
            }
            texts.add(text(block, "system." + i));
            countBreakpoint(block);
        }
        return String.join("\n", texts);
    }

    /**
     * Reads the turns into {@code out}; returns whether every assistant turn carries a
     * thinking block.
     */
    private boolean turns(@Nullable JsonNode node, ServedModel model, List<ToolDef> tools,
            List<Msg> out) throws ApiError {
        if (node == null || node.isNull()) {
            throw invalid("messages: Field required");
        }
        if (!node.isArray()) {
            throw invalid("messages: Input should be a valid list");
        }
        if (node.isEmpty() && !lenient) {
            throw invalid("messages: at least one message is required");
        }
        boolean allThinking = true;
        boolean toolBlocks = false;
        String previousRole = null;
        Set<String> openCalls = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode turn = node.get(i);
            String at = "messages." + i;
            String role = turn.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant")) {
                throw invalid(at + ".role: Input should be 'user' or 'assistant'");
            }
            if (role.equals(previousRole) && !lenient) {
                throw invalid("messages: roles must alternate between \"user\" and "
                        + "\"assistant\", but found multiple \"" + role + "\" roles in a row");
            }
            previousRole = role;
            List<JsonNode> blocks = blocks(turn.path("content"), at);
            TurnReader reader = new TurnReader(at, model, role.equals("assistant"));
            for (int j = 0; j < blocks.size(); j++) {
                reader.read(blocks.get(j), j);
            }
            toolBlocks |= !reader.calls.isEmpty() || !reader.results.isEmpty();
            if (!lenient) {
                pairing(at, openCalls, reader);
            }
            if (role.equals("assistant")) {
                allThinking &= reader.thinking != null;
                out.add(new Msg("assistant", String.join("", reader.texts), List.of(),
                        reader.calls, null, reader.thinking, null));
            } else {
                out.addAll(reader.results);
                if (!reader.resultImages.isEmpty()) {
                    out.add(new Msg("user", "", reader.resultImages, List.of(), null, null, null));
                }
                if (!reader.texts.isEmpty() || !reader.images.isEmpty()) {
                    out.add(new Msg("user", String.join("\n", reader.texts), reader.images,
                            List.of(), null, null, null));
                }
            }
        }
        if (!openCalls.isEmpty() && !lenient && "user".equals(previousRole)) {
            throw invalid("messages: `tool_use` ids were found without `tool_result` blocks "
                    + "immediately after: " + String.join(", ", openCalls));
        }
        if (toolBlocks && tools.isEmpty() && !lenient) {
            throw invalid("Requests which include `tool_use` or `tool_result` blocks must "
                    + "define tools.");
        }
        return allThinking;
    }

    /** Checks that results answer the calls of the turn before, all of them. */
    private void pairing(String at, Set<String> openCalls, TurnReader reader) throws ApiError {
        if (reader.assistant) {
            if (!openCalls.isEmpty()) {
                throw invalid(at + ": `tool_use` ids were found without `tool_result` blocks "
                        + "immediately after: " + String.join(", ", openCalls) + ". Each "
                        + "`tool_use` block must have a corresponding `tool_result` block in "
                        + "the next message.");
            }
            reader.calls.forEach(call -> openCalls.add(call.id()));
            return;
        }
        for (Msg result : reader.results) {
            if (!openCalls.remove(result.toolCallId())) {
                throw invalid(at + ".content: unexpected `tool_use_id` found in `tool_result` "
                        + "blocks: " + result.toolCallId() + ". Each `tool_result` block must "
                        + "have a corresponding `tool_use` block in the previous message.");
            }
        }
        if (!openCalls.isEmpty()) {
            throw invalid(at + ": `tool_use` ids were found without `tool_result` blocks "
                    + "immediately after: " + String.join(", ", openCalls) + ". Each "
                    + "`tool_use` block must have a corresponding `tool_result` block in the "
                    + "next message.");
        }
    }

    /** Returns a content value as blocks: a string is one text block. */
    private List<JsonNode> blocks(JsonNode content, String at) throws ApiError {
        List<JsonNode> out = new ArrayList<>();
        if (content.isTextual()) {
            out.add(Json.object().put("type", "text").put("text", content.textValue()));
            return out;
        }
        if (!content.isArray()) {
            throw invalid(at + ".content: Input should be a valid list");
        }
        if (content.isEmpty() && !lenient) {
            throw invalid(at + ".content: List should have at least 1 item after validation, "
                    + "not 0");
        }
        content.forEach(out::add);
        return out;
    }

    private String text(JsonNode block, String at) throws ApiError {
        JsonNode text = block.get("text");
        if (text == null || !text.isTextual()) {
            throw invalid(at + ".text: Field required");
        }
        if (!lenient && text.textValue().isEmpty()) {
            throw invalid("messages: text content blocks must be non-empty");
        }
        if (!lenient && text.textValue().isBlank()) {
            throw invalid("messages: text content blocks must contain non-whitespace text");
        }
        return text.textValue();
    }

    private void countBreakpoint(JsonNode block) throws ApiError {
        JsonNode marker = block.get("cache_control");
        if (marker == null || marker.isNull()) {
            return;
        }
        if (profile.has(Quirk.REJECT_CACHE_CONTROL)) {
            throw invalid("cache_control: Extra inputs are not permitted");
        }
        String ttl = marker.path("ttl").asText("5m");
        if (!"ephemeral".equals(marker.path("type").asText()) || !Set.of("5m", "1h")
                .contains(ttl)) {
            throw invalid("cache_control: Input should be {type: ephemeral, ttl?: 5m | 1h}");
        }
        breakpoints++;
    }

    private ApiError invalid(String message) {
        return AnthropicErrors.invalid(profile, message);
    }

    /** Reads the blocks of one turn. */
    private final class TurnReader {
        final String at;
        final ServedModel model;
        final boolean assistant;
        final List<String> texts = new ArrayList<>();
        final List<ImageFacts> images = new ArrayList<>();
        final List<ImageFacts> resultImages = new ArrayList<>();
        final List<Call> calls = new ArrayList<>();
        final List<Msg> results = new ArrayList<>();
        @Nullable String thinking;

        TurnReader(String at, ServedModel model, boolean assistant) {
            this.at = at;
            this.model = model;
            this.assistant = assistant;
        }

        void read(JsonNode block, int j) throws ApiError {
            String where = at + ".content." + j;
            String type = block.path("type").asText("");
            countBreakpoint(block);
            switch (type) {
                case "text" -> texts.add(text(block, where));
                case "image" -> {
                    only(false, type, where);
                    images.add(image(block, where));
                }
                case "tool_result" -> {
                    only(false, type, where);
                    result(block, where);
                }
                case "tool_use" -> {
                    only(true, type, where);
                    call(block, where);
                }
                case "thinking" -> {
                    only(true, type, where);
                    thinking(block, where);
                }
                case "redacted_thinking" -> {
                    only(true, type, where);
                    String data = block.path("data").asText("");
                    if (!profile.has(Quirk.UNSIGNED_THINKING) && !lenient
                            && !ThinkingSignatures.isRedactedData(data)) {
                        throw invalid(where + ": Invalid `data` in `redacted_thinking` block");
                    }
                    thinking = thinking == null ? "" : thinking;
                }
                default -> throw invalid(where + ".type: Input tag '" + type + "' found using "
                        + "'type' does not match any of the expected tags");
            }
        }

        private void only(boolean assistantOnly, String type, String where) throws ApiError {
            if (assistantOnly != assistant && !lenient) {
                throw invalid(where + ": `" + type + "` blocks may only appear in "
                        + (assistantOnly ? "assistant" : "user") + " messages");
            }
        }

        private void thinking(JsonNode block, String where) throws ApiError {
            String text = block.path("thinking").asText("");
            JsonNode signature = block.get("signature");
            if (!profile.has(Quirk.UNSIGNED_THINKING) && !lenient) {
                if (signature == null || !signature.isTextual()) {
                    throw invalid(where + ".thinking.signature: Field required");
                }
                if (!ThinkingSignatures.verify(text, signature.textValue())) {
                    throw invalid(where + ": Invalid `signature` in `thinking` block");
                }
            }
            thinking = thinking == null ? text : thinking + text;
        }

        private void call(JsonNode block, String where) throws ApiError {
            String id = block.path("id").asText("");
            if (!TOOL_ID.matcher(id).matches() && !lenient) {
                throw invalid(where + ".id: String should match pattern '^[a-zA-Z0-9_-]+$'");
            }
            JsonNode input = block.path("input");
            if (!input.isObject()) {
                throw invalid(where + ".input: Input should be a valid dictionary");
            }
            calls.add(new Call(id, block.path("name").asText(""), Json.text(input)));
        }

        private void result(JsonNode block, String where) throws ApiError {
            String id = block.path("tool_use_id").asText("");
            if (!TOOL_ID.matcher(id).matches() && !lenient) {
                throw invalid(where + ".tool_use_id: String should match pattern "
                        + "'^[a-zA-Z0-9_-]+$'");
            }
            JsonNode content = block.path("content");
            List<String> parts = new ArrayList<>();
            if (content.isTextual()) {
                parts.add(content.textValue());
            } else {
                for (int k = 0; k < content.size(); k++) {
                    JsonNode part = content.get(k);
                    String inner = where + ".content." + k;
                    switch (part.path("type").asText("")) {
                        case "text" -> parts.add(text(part, inner));
                        case "image" -> {
                            if (!profile.has(Quirk.LLAMACPP_WIRE)) {
                                // llama.cpp keeps only the text of a tool result
                                resultImages.add(image(part, inner));
                            }
                        }
                        default -> throw invalid(inner + ".type: Input should be 'text' or "
                                + "'image'");
                    }
                }
            }
            results.add(new Msg("tool", String.join("\n", parts), List.of(), List.of(), id,
                    null, null));
        }

        private ImageFacts image(JsonNode block, String where) throws ApiError {
            JsonNode source = block.path("source");
            if (!"base64".equals(source.path("type").asText())) {
                throw invalid(where + ".source: only base64 image sources are served here");
            }
            String mediaType = source.path("media_type").asText("");
            if (!MEDIA_TYPES.contains(mediaType)) {
                throw invalid(where + ".source.base64.media_type: Input should be "
                        + "'image/jpeg', 'image/png', 'image/gif' or 'image/webp'");
            }
            if (!model.vision()) {
                throw invalid(where + ": this model does not support image input");
            }
            ImageFacts facts = ImageAnalyzer.fromDataUrl("data:" + mediaType + ";base64,"
                    + source.path("data").asText(""));
            if (facts == null) {
                throw invalid(where + ".source.base64.data: The image was specified using the "
                        + "image/" + mediaType.substring(6) + " media type, but the image "
                        + "could not be decoded");
            }
            return facts;
        }
    }
}
