package dev.providers.conformance.reference;

import static dev.providers.conformance.reference.RequestParser.typeError;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.reference.ChatRequest.Choice;
import dev.providers.conformance.reference.ChatRequest.Msg;
import dev.providers.conformance.reference.ChatRequest.ToolDef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a Responses request body the way OpenAI does (unknown parameters, types, the
 * reasoning and include rules, strict tool schemas), or as leniently as llama.cpp for its
 * profile, and turns it into a {@link ResponsesCall}.
 */
final class ResponsesRequestParser {

    /** The top-level fields OpenAI's Responses endpoint knows. */
    static final Set<String> FIELDS = Set.of("model", "input", "instructions", "stream",
            "stream_options", "store", "include", "max_output_tokens", "max_tool_calls",
            "temperature", "top_p", "top_logprobs", "tools", "tool_choice",
            "parallel_tool_calls", "reasoning", "text", "truncation", "metadata", "user",
            "safety_identifier", "service_tier", "prompt_cache_key", "prompt_cache_retention",
            "previous_response_id", "conversation", "background", "prompt");

    private static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high",
            "xhigh");
    private static final Set<String> SUMMARIES = Set.of("auto", "concise", "detailed");
    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final int MAX_CACHE_KEY = 64;

    private final Profile profile;
    private final boolean lenient;

    private ResponsesRequestParser(Profile profile) {
        this.profile = profile;
        this.lenient = profile.has(Quirk.LENIENT);
    }

    /**
     * Returns the checked request.
     *
     * @throws ApiError the refusal the server answers with
     */
    static ResponsesCall parse(JsonNode root, Profile profile, IssuedItems issued)
            throws ApiError {
        return new ResponsesRequestParser(profile).parse(root, issued);
    }

    private ResponsesCall parse(JsonNode root, IssuedItems issued) throws ApiError {
        if (!root.isObject()) {
            throw ApiError.invalid("Invalid type for request body: expected an object, but got "
                    + RequestParser.typeName(root) + " instead.", null, "invalid_type");
        }
        if (!lenient) {
            Iterator<String> names = root.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw ApiError.invalid("Unknown parameter: '" + name + "'.", name,
                            "unknown_parameter");
                }
            }
        }
        JsonNode modelNode = root.get("model");
        if (modelNode == null || !modelNode.isTextual()) {
            throw ApiError.invalid("Missing required parameter: 'model'.", "model",
                    "missing_required_parameter");
        }
        String modelId = modelNode.textValue();
        ServedModel model = ServedModel.byId(modelId).orElse(null);
        if (model == null) {
            if (!profile.has(Quirk.ANY_MODEL)) {
                throw ApiError.openai(404, "The model `" + modelId + "` does not exist or you "
                        + "do not have access to it.", "invalid_request_error", null,
                        "model_not_found");
            }
            model = ServedModel.CHAT;
        }
        if (profile.has(Quirk.ANY_MODEL)) {
            modelId = model.id(); // llama-server answers as the model it loaded
        }
        boolean stream = bool(root, "stream", false);
        boolean store = bool(root, "store", true);
        boolean encrypted = include(root.get("include"), model);
        Reasoning reasoning = reasoning(root.get("reasoning"), model);
        Integer maxTokens = maxTokens(root.get("max_output_tokens"));
        cacheKey(root.get("prompt_cache_key"));
        List<ToolDef> tools = tools(root.get("tools"));
        Choice choice = choice(root.get("tool_choice"), tools);
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) {
            throw ApiError.invalid("Missing required parameter: 'input'.", "input",
                    "missing_required_parameter");
        }
        List<Msg> messages = new ArrayList<>();
        JsonNode instructions = root.get("instructions");
        if (instructions != null && !instructions.isNull()) {
            if (!instructions.isTextual()) {
                throw typeError("instructions", "a string", instructions);
            }
            messages.add(Msg.text("system", instructions.textValue()));
        }
        messages.addAll(new ResponsesInput(profile, model, store, issued).read(input));
        boolean thinking = model.reasoning() && !"none".equals(reasoning.effort());
        return new ResponsesCall(new ChatRequest(model, modelId, messages, tools, choice, stream,
                true, maxTokens, stop(root.get("stop")), thinking,
                bool(root, "parallel_tool_calls", true)), reasoning.summary(), encrypted);
    }

    /** The reasoning options: the effort (null when none was given) and the summary. */
    private record Reasoning(@Nullable String effort, boolean summary) { }

    private Reasoning reasoning(@Nullable JsonNode reasoning, ServedModel model)
            throws ApiError {
        if (reasoning == null || reasoning.isNull()) {
            return new Reasoning(null, false);
        }
        if (!reasoning.isObject()) {
            throw typeError("reasoning", "an object", reasoning);
        }
        JsonNode effort = reasoning.get("effort");
        if (effort != null && !effort.isNull()) {
            if (!effort.isTextual() || !EFFORTS.contains(effort.textValue())) {
                throw ApiError.invalid("Invalid value: '" + effort.asText() + "'. Supported "
                        + "values are: 'none', 'minimal', 'low', 'medium', 'high', and 'xhigh'.",
                        "reasoning.effort", "invalid_value");
            }
            if (!model.reasoning() && !lenient) {
                throw ApiError.invalid("Unsupported parameter: 'reasoning.effort' is not "
                        + "supported with this model.", "reasoning.effort",
                        "unsupported_parameter");
            }
        }
        JsonNode summary = reasoning.get("summary");
        if (summary != null && !summary.isNull() && !(summary.isTextual()
                && SUMMARIES.contains(summary.textValue()))) {
            throw ApiError.invalid("Invalid value: '" + summary.asText() + "'. Supported values "
                    + "are: 'auto', 'concise', and 'detailed'.", "reasoning.summary",
                    "invalid_value");
        }
        return new Reasoning(effort == null || effort.isNull() ? null : effort.textValue(),
                summary != null && summary.isTextual());
    }

    /** Returns whether reasoning items carry encrypted content. */
    private boolean include(@Nullable JsonNode include, ServedModel model) throws ApiError {
        if (include == null || include.isNull()) {
            return false;
        }
        if (!include.isArray()) {
            throw typeError("include", "an array of strings", include);
        }
        boolean encrypted = false;
        for (JsonNode value : include) {
            encrypted |= "reasoning.encrypted_content".equals(value.asText());
        }
        if (encrypted && !lenient && (!model.reasoning()
                || profile.has(Quirk.REJECT_ENCRYPTED_REASONING))) {
            throw ApiError.invalid("Encrypted content is not supported with this model.",
                    "include", "unsupported_parameter");
        }
        return encrypted && !profile.has(Quirk.LLAMACPP_RESPONSES);
    }

    private @Nullable Integer maxTokens(@Nullable JsonNode value) throws ApiError {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw typeError("max_output_tokens", "an integer", value);
        }
        if (value.intValue() < 1) {
            throw ApiError.invalid("Invalid 'max_output_tokens': integer below minimum value. "
                    + "Expected a value >= 1, but got " + value.intValue() + " instead.",
                    "max_output_tokens", "integer_below_min_value");
        }
        return Math.min(value.intValue(), ServedModel.MAX_TOKENS);
    }

    private void cacheKey(@Nullable JsonNode key) throws ApiError {
        if (key == null || key.isNull() || lenient) {
            return;
        }
        if (!key.isTextual()) {
            throw typeError("prompt_cache_key", "a string", key);
        }
        int length = key.textValue().codePointCount(0, key.textValue().length());
        if (length > MAX_CACHE_KEY) {
            throw ApiError.invalid("Invalid 'prompt_cache_key': string too long. Expected a "
                    + "string with maximum length " + MAX_CACHE_KEY + ", but got a string with "
                    + "length " + length + " instead.", "prompt_cache_key",
                    "string_above_max_length");
        }
    }

    /** Returns llama.cpp's stop sequences; OpenAI refused the field as unknown before. */
    private static List<String> stop(@Nullable JsonNode stop) {
        List<String> out = new ArrayList<>();
        if (stop != null && stop.isTextual()) {
            out.add(stop.textValue());
        } else if (stop != null) {
            for (JsonNode item : stop) {
                if (item.isTextual() && !item.textValue().isEmpty()) {
                    out.add(item.textValue());
                }
            }
        }
        return out;
    }

    private List<ToolDef> tools(@Nullable JsonNode tools) throws ApiError {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw typeError("tools", "an array of objects", tools);
        }
        List<ToolDef> out = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = "tools[" + i + "]";
            String type = tool.path("type").asText("");
            if (!type.equals("function")) {
                throw ApiError.invalid("Invalid value: '" + type + "'. Supported values are: "
                        + "'function', 'file_search', 'web_search', 'computer_use_preview', "
                        + "'mcp', 'code_interpreter', 'image_generation', 'local_shell' and "
                        + "'custom'.", at + ".type", "invalid_value");
            }
            JsonNode name = tool.get("name");
            if (name == null || !name.isTextual()) {
                throw ApiError.invalid("Missing required parameter: '" + at + ".name'.",
                        at + ".name", "missing_required_parameter");
            }
            if (!TOOL_NAME.matcher(name.textValue()).matches()) {
                throw ApiError.invalid("Invalid '" + at + ".name': string does not match "
                        + "pattern. Expected a string that matches the pattern "
                        + "'^[a-zA-Z0-9_-]+$'.", at + ".name", "invalid_value");
            }
            JsonNode parameters = tool.path("parameters");
            // OpenAI takes a missing strict as true, and then checks the schema for it
            if (!lenient && tool.path("strict").asBoolean(true)) {
                strictSchema(name.textValue(), parameters, at);
            }
            out.add(new ToolDef(name.textValue(), parameters.isObject() ? parameters
                    : Json.object()));
        }
        return out;
    }

    private static void strictSchema(String name, JsonNode schema, String at) throws ApiError {
        if (!schema.path("additionalProperties").isBoolean()
                || schema.path("additionalProperties").booleanValue()) {
            throw ApiError.invalid("Invalid schema for function '" + name + "': In context=(), "
                    + "'additionalProperties' is required to be supplied and to be false.",
                    at + ".parameters", "invalid_function_parameters");
        }
        Iterator<String> properties = schema.path("properties").fieldNames();
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(item -> required.add(item.asText()));
        while (properties.hasNext()) {
            String property = properties.next();
            if (!required.contains(property)) {
                throw ApiError.invalid("Invalid schema for function '" + name + "': In "
                        + "context=(), 'required' is required to be supplied and to be an array "
                        + "including every key in properties. Missing '" + property + "'.",
                        at + ".parameters", "invalid_function_parameters");
            }
        }
    }

    private Choice choice(@Nullable JsonNode choice, List<ToolDef> tools) throws ApiError {
        if (choice == null || choice.isNull()) {
            return Choice.AUTO;
        }
        if (choice.isTextual()) {
            return switch (choice.textValue()) {
                case "auto" -> Choice.AUTO;
                case "none" -> new Choice(Choice.Mode.NONE, null);
                case "required" -> new Choice(Choice.Mode.REQUIRED, null);
                default -> throw ApiError.invalid("Invalid value: '" + choice.textValue()
                        + "'. Supported values are: 'none', 'auto', and 'required'.",
                        "tool_choice", "invalid_value");
            };
        }
        JsonNode name = choice.path("name");
        if (!choice.path("type").asText().equals("function") || !name.isTextual()) {
            throw ApiError.invalid("Invalid value for 'tool_choice': expected 'none', 'auto', "
                    + "'required' or {type: function, name}.", "tool_choice", "invalid_value");
        }
        if (!lenient && tools.stream().noneMatch(tool -> tool.name().equals(name.textValue()))) {
            throw ApiError.invalid("Tool choice '" + name.textValue() + "' not found in "
                    + "'tools' parameter.", "tool_choice", null);
        }
        return new Choice(Choice.Mode.FUNCTION, name.textValue());
    }

    private static boolean bool(JsonNode owner, String field, boolean otherwise)
            throws ApiError {
        JsonNode value = owner.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw typeError(field, "a boolean", value);
        }
        return value.booleanValue();
    }
}
