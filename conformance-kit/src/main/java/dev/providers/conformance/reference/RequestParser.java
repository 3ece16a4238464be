package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.ChatRequest.Choice;
import dev.providers.conformance.reference.ChatRequest.Msg;
import dev.providers.conformance.reference.ChatRequest.ToolDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a request body the way OpenAI does, with the profile's own refusals, and turns it into
 * a {@link ChatRequest}. Every refusal uses the server's own wording (OpenAI's unless the profile
 * says otherwise), so that a client bug shows up as the error a real server would give.
 */
final class RequestParser {

    /** The top-level fields OpenAI's chat-completions endpoint knows. */
    static final Set<String> OPENAI_FIELDS = Set.of("model", "messages", "stream",
            "stream_options", "store", "max_tokens", "max_completion_tokens", "temperature",
            "top_p", "n", "stop", "presence_penalty", "frequency_penalty", "logit_bias",
            "logprobs", "top_logprobs", "user", "seed", "response_format", "tools", "tool_choice",
            "parallel_tool_calls", "reasoning_effort", "metadata", "prompt_cache_key",
            "prompt_cache_retention", "service_tier", "modalities", "audio", "prediction",
            "web_search_options", "verbosity", "safety_identifier", "functions",
            "function_call");

    private static final Set<String> OPENROUTER_FIELDS = Set.of("reasoning", "provider",
            "transforms", "models", "route", "usage", "plugins", "include_reasoning");

    private static final Set<String> GROQ_UNSUPPORTED = Set.of("logprobs", "top_logprobs",
            "logit_bias");

    private static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high",
            "xhigh");

    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private final Profile profile;
    private final String raw;
    private final boolean lenient;

    private RequestParser(Profile profile, String raw) {
        this.profile = profile;
        this.raw = raw;
        this.lenient = profile.has(Quirk.LENIENT);
    }

    /**
     * Returns the checked request.
     *
     * @param root the parsed body
     * @param raw the body text (for error positions)
     * @throws ApiError the refusal the server answers with
     */
    static ChatRequest parse(JsonNode root, String raw, Profile profile) throws ApiError {
        return new RequestParser(profile, raw).parse(root);
    }

    private ChatRequest parse(JsonNode root) throws ApiError {
        if (!root.isObject()) {
            throw ApiError.invalid("Invalid type for request body: expected an object, but got "
                    + typeName(root) + " instead.", null, "invalid_type");
        }
        checkFields((ObjectNode) root);
        String modelId = modelId(root);
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
            modelId = model.id(); // llama-server answers as the model it loaded, by its alias
        }
        boolean stream = bool(root, "stream", false);
        boolean includeUsage = streamOptions(root, stream);
        Integer maxTokens = maxTokens(root);
        List<String> stop = stop(root.get("stop"));
        boolean thinking = thinking(root, model);
        boolean parallel = bool(root, "parallel_tool_calls", true);
        List<Msg> messages = messages(root.get("messages"), model, thinking);
        List<ToolDef> tools = tools(root.get("tools"));
        Choice choice = choice(root.get("tool_choice"), tools);
        ConversationRules.check(messages, profile);
        return new ChatRequest(model, modelId, messages, tools, choice, stream, includeUsage,
                maxTokens, stop, thinking, parallel);
    }

    private void checkFields(ObjectNode root) throws ApiError {
        if (lenient) {
            return;
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (profile.has(Quirk.GROQ_REJECTIONS) && (GROQ_UNSUPPORTED.contains(name)
                    || !known(name))) {
                throw ApiError.openai(400, "property '" + name + "' is unsupported",
                        "invalid_request_error", null, null);
            }
            if (!known(name)) {
                throw ApiError.invalid("Unrecognized request argument supplied: " + name, null,
                        null);
            }
        }
    }

    private boolean known(String field) {
        return switch (field) {
            case "max_completion_tokens" -> !profile.has(Quirk.REJECT_MAX_COMPLETION_TOKENS);
            case "stream_options" -> !profile.has(Quirk.REJECT_STREAM_OPTIONS);
            case "store" -> !profile.has(Quirk.REJECT_STORE);
            case "thinking" -> profile == Profile.DEEPSEEK;
            default -> OPENAI_FIELDS.contains(field)
                    || profile == Profile.OPENROUTER && OPENROUTER_FIELDS.contains(field);
        };
    }

    private String modelId(JsonNode root) throws ApiError {
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) {
            throw ApiError.invalid("you must provide a model parameter", null, null);
        }
        if (!model.isTextual()) {
            throw typeError("model", "a string", model);
        }
        return model.textValue();
    }

    private boolean streamOptions(JsonNode root, boolean stream) throws ApiError {
        JsonNode options = root.get("stream_options");
        if (options == null || options.isNull()) {
            return false;
        }
        if (!options.isObject()) {
            throw typeError("stream_options", "an object", options);
        }
        if (!stream && !lenient) {
            throw ApiError.invalid("The 'stream_options' parameter is only allowed when 'stream'"
                    + " is enabled.", "stream_options", null);
        }
        return bool(options, "include_usage", false);
    }

    private @Nullable Integer maxTokens(JsonNode root) throws ApiError {
        Integer result = null;
        for (String field : List.of("max_tokens", "max_completion_tokens")) {
            JsonNode value = root.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                throw typeError(field, "an integer", value);
            }
            int n = value.intValue();
            if (n < 1) {
                throw ApiError.invalid("Invalid '" + field + "': integer below minimum value. "
                        + "Expected a value >= 1, but got " + n + " instead.", field,
                        "integer_below_min_value");
            }
            if (n > ServedModel.MAX_TOKENS && !lenient) {
                throw ApiError.invalid(field + " is too large: " + n + ". This model supports "
                        + "at most " + ServedModel.MAX_TOKENS + " completion tokens, whereas "
                        + "you provided " + n + ".", field, "invalid_value");
            }
            result = result == null ? n : Math.min(result, n);
        }
        return result;
    }

    private List<String> stop(@Nullable JsonNode stop) throws ApiError {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.textValue());
        }
        if (!stop.isArray() || stop.size() > 4) {
            throw ApiError.invalid("Invalid 'stop': expected a string or an array of at most 4 "
                    + "strings.", "stop", "invalid_value");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : stop) {
            if (!item.isTextual()) {
                throw typeError("stop", "a string", item);
            }
            if (!item.textValue().isEmpty()) {
                out.add(item.textValue());
            }
        }
        return out;
    }

    /** Reads every way a profile's clients ask for thinking; only reasoning models think. */
    private boolean thinking(JsonNode root, ServedModel model) throws ApiError {
        boolean on = false;
        JsonNode effort = root.get("reasoning_effort");
        if (effort != null && !effort.isNull()) {
            if (!effort.isTextual() || !EFFORTS.contains(effort.textValue())) {
                throw ApiError.invalid("Invalid value: '" + effort.asText() + "'. Supported "
                        + "values are: 'none', 'minimal', 'low', 'medium', 'high', and 'xhigh'.",
                        "reasoning_effort", "invalid_value");
            }
            if (!model.reasoning() && !lenient) {
                throw ApiError.invalid("Unsupported parameter: 'reasoning_effort' is not "
                        + "supported with this model.", "reasoning_effort",
                        "unsupported_parameter");
            }
            on = !effort.textValue().equals("none");
        }
        JsonNode reasoning = root.get("reasoning");
        if (profile == Profile.OPENROUTER && reasoning != null && reasoning.isObject()) {
            on |= reasoning.path("enabled").asBoolean(false)
                    || reasoning.has("effort") && !reasoning.path("effort").asText().equals("none")
                    || reasoning.has("max_tokens");
        }
        JsonNode deepseek = root.get("thinking");
        if (profile == Profile.DEEPSEEK && deepseek != null && deepseek.isObject()) {
            on = deepseek.path("type").asText().equals("enabled");
        }
        return on && model.reasoning();
    }

    private List<Msg> messages(@Nullable JsonNode messages, ServedModel model, boolean thinking)
            throws ApiError {
        if (messages == null || messages.isNull()) {
            throw ApiError.invalid(profile.has(Quirk.LLAMACPP_WIRE) ? "'messages' is required"
                    : "Missing required parameter: 'messages'.", "messages",
                    "missing_required_parameter");
        }
        if (!messages.isArray()) {
            throw typeError("messages", "an array of objects", messages);
        }
        if (messages.isEmpty()) {
            throw emptyArray("messages");
        }
        List<Msg> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            out.add(new MessageParser(profile, raw, model, thinking, i).parse(messages.get(i)));
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
        if (tools.isEmpty() && !lenient) {
            throw emptyArray("tools");
        }
        List<ToolDef> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = tool.path("type").asText("");
            if (!type.equals("function")) {
                throw ApiError.invalid("Invalid value: '" + type + "'. Supported values are: "
                        + "'function'.", "tools[" + i + "].type", "invalid_value");
            }
            JsonNode name = tool.path("function").path("name");
            if (!name.isTextual()) {
                throw ApiError.invalid("Missing required parameter: 'tools[" + i
                        + "].function.name'.", "tools[" + i + "].function.name",
                        "missing_required_parameter");
            }
            if (!TOOL_NAME.matcher(name.textValue()).matches()) {
                throw ApiError.invalid("Invalid 'tools[" + i + "].function.name': string does "
                        + "not match pattern. Expected a string that matches the pattern "
                        + "'^[a-zA-Z0-9_-]+$'.", "tools[" + i + "].function.name",
                        "invalid_value");
            }
            names.add(name.textValue());
            JsonNode parameters = tool.path("function").path("parameters");
            out.add(new ToolDef(name.textValue(), parameters.isObject() ? parameters
                    : Json.object()));
        }
        return out;
    }

    private Choice choice(@Nullable JsonNode choice, List<ToolDef> tools) throws ApiError {
        if (choice == null || choice.isNull()) {
            return Choice.AUTO;
        }
        if (tools.isEmpty() && !lenient) {
            throw ApiError.invalid("Invalid value for 'tool_choice': 'tool_choice' is only "
                    + "allowed when 'tools' are specified.", "tool_choice", null);
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
        JsonNode name = choice.path("function").path("name");
        if (!choice.path("type").asText().equals("function") || !name.isTextual()) {
            throw ApiError.invalid("Invalid value for 'tool_choice': expected 'none', 'auto', "
                    + "'required' or a function object.", "tool_choice", "invalid_value");
        }
        if (profile.has(Quirk.NAMED_CHOICE_AS_AUTO)) {
            return Choice.AUTO; // llama-server does not constrain the call to the named tool
        }
        if (tools.stream().noneMatch(tool -> tool.name().equals(name.textValue()))) {
            throw ApiError.invalid("Invalid value for 'tool_choice': function '"
                    + name.textValue() + "' is not among the provided tools.", "tool_choice",
                    "invalid_value");
        }
        return new Choice(Choice.Mode.FUNCTION, name.textValue());
    }

    private static boolean bool(JsonNode owner, String field, boolean otherwise) throws ApiError {
        JsonNode value = owner.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw typeError(field, "a boolean", value);
        }
        return value.booleanValue();
    }

    static ApiError emptyArray(String param) {
        return ApiError.invalid("Invalid '" + param + "': empty array. Expected an array with "
                + "minimum length 1, but got an empty array instead.", param, "empty_array");
    }

    static ApiError typeError(String param, String expected, JsonNode actual) {
        return ApiError.invalid("Invalid type for '" + param + "': expected " + expected
                + ", but got " + typeName(actual) + " instead.", param, "invalid_type");
    }

    static String typeName(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a decimal";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.isNull() ? "null" : "an object";
    }
}
