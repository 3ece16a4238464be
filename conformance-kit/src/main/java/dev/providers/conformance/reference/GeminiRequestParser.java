package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.ChatRequest.Choice;
import dev.providers.conformance.reference.ChatRequest.Msg;
import dev.providers.conformance.reference.ChatRequest.ToolDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@code GenerateContentRequest} the way the Gemini API does and turns it into the
 * shared {@link ChatRequest} ({@code docs/dialects/google-generative-ai.md} §3): known fields
 * only ({@link GeminiFields}), the contents ({@link GeminiContents}), the system instruction,
 * function declarations (a valid name, one parameter schema, an OpenAPI {@code parameters}
 * object with properties), the function-calling mode, and the generation config (limits, stop
 * sequences, a thinking config the model can take, never a budget and a level at once).
 */
final class GeminiRequestParser {

    private static final Pattern FUNCTION_NAME = Pattern.compile(
            "[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}");
    private static final Set<String> MODES = Set.of("AUTO", "ANY", "NONE", "VALIDATED",
            "MODE_UNSPECIFIED");
    private static final Set<String> LEVELS = Set.of("minimal", "low", "medium", "high");

    /** Gemini's limit on stop sequences. */
    static final int MAX_STOP_SEQUENCES = 5;

    private final Profile profile;
    private final ServedModel model;

    private GeminiRequestParser(Profile profile, ServedModel model) {
        this.profile = profile;
        this.model = model;
    }

    /**
     * Returns the checked request.
     *
     * @param modelId the model as the path named it
     * @param stream whether the answer streams
     * @throws ApiError the refusal Gemini answers with
     */
    static ChatRequest parse(JsonNode root, Profile profile, ServedModel model, String modelId,
            boolean stream) throws ApiError {
        return new GeminiRequestParser(profile, model).parse(root, modelId, stream);
    }

    private ChatRequest parse(JsonNode root, String modelId, boolean stream) throws ApiError {
        if (!root.isObject()) {
            throw GoogleErrors.invalid(profile, "Invalid JSON payload received. Root element "
                    + "must be a message.");
        }
        GeminiFields.check(root, profile);
        List<Msg> messages = new ArrayList<>();
        String system = system(GeminiFields.get(root, "systemInstruction"));
        if (system != null) {
            messages.add(Msg.text("system", system));
        }
        messages.addAll(GeminiContents.read(GeminiFields.get(root, "contents"), profile,
                model));
        List<ToolDef> tools = tools(GeminiFields.get(root, "tools"));
        Choice choice = choice(GeminiFields.get(GeminiFields.get(root, "toolConfig"),
                "functionCallingConfig"), tools);
        JsonNode generation = GeminiFields.get(root, "generationConfig");
        Integer maxTokens = maxTokens(generation);
        List<String> stop = stop(GeminiFields.get(generation, "stopSequences"));
        boolean thinking = thinking(GeminiFields.get(generation, "thinkingConfig"));
        return new ChatRequest(model, modelId, messages, tools, choice, stream, true, maxTokens,
                stop, thinking, true);
    }

    private @Nullable String system(JsonNode instruction) throws ApiError {
        if (instruction.isMissingNode() || instruction.isNull()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        JsonNode parts = GeminiFields.get(instruction, "parts");
        for (JsonNode part : parts) {
            if (!part.has("text")) {
                throw GoogleErrors.invalid(profile, "* GenerateContentRequest.system_instruction:"
                        + " only text parts are supported.\n");
            }
            texts.add(part.path("text").asText(""));
        }
        return String.join("\n", texts);
    }

    private List<ToolDef> tools(JsonNode tools) throws ApiError {
        List<ToolDef> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode declarations = GeminiFields.get(tools.get(i), "functionDeclarations");
            for (int j = 0; j < declarations.size(); j++) {
                String at = "tools[" + i + "].function_declarations[" + j + "]";
                out.add(declaration(declarations.get(j), at, names));
            }
        }
        return out;
    }

    private ToolDef declaration(JsonNode declaration, String at, Set<String> names)
            throws ApiError {
        String name = declaration.path("name").asText("");
        if (!FUNCTION_NAME.matcher(name).matches()) {
            throw GoogleErrors.invalid(profile, "* GenerateContentRequest." + at + ".name: "
                    + "Invalid function name. Must start with a letter or an underscore. Must be "
                    + "alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or "
                    + "dashes (-), with a maximum length of 64.\n");
        }
        if (!names.add(name)) {
            throw GoogleErrors.invalid(profile, "* GenerateContentRequest." + at + ".name: "
                    + "Duplicate function declaration name: " + name + "\n");
        }
        JsonNode openApi = GeminiFields.get(declaration, "parameters");
        JsonNode jsonSchema = GeminiFields.get(declaration, "parametersJsonSchema");
        if (!openApi.isMissingNode() && !jsonSchema.isMissingNode()) {
            throw GoogleErrors.invalid(profile, "* GenerateContentRequest." + at + ": "
                    + "parameters and parameters_json_schema cannot both be set.\n");
        }
        if (!openApi.isMissingNode()) {
            if ("object".equalsIgnoreCase(openApi.path("type").asText())
                    && openApi.path("properties").isEmpty()) {
                throw GoogleErrors.invalid(profile, "* GenerateContentRequest." + at
                        + ".parameters.properties: should be non-empty for OBJECT type\n");
            }
            return new ToolDef(name, lowerCaseTypes(openApi));
        }
        return new ToolDef(name, jsonSchema.isObject() ? jsonSchema : Json.object());
    }

    /** Returns an OpenAPI schema with its types in lower case, as the model reads JSON Schema. */
    private static JsonNode lowerCaseTypes(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        lower(copy, 0);
        return copy;
    }

    private static void lower(JsonNode node, int depth) {
        if (!(node instanceof ObjectNode object) || depth > 32) {
            return;
        }
        if (object.path("type").isTextual()) {
            object.put("type", object.get("type").asText().toLowerCase(Locale.ROOT));
        }
        for (Map.Entry<String, JsonNode> property : object.path("properties").properties()) {
            lower(property.getValue(), depth + 1);
        }
        lower(object.path("items"), depth + 1);
        for (JsonNode any : object.path("anyOf")) {
            lower(any, depth + 1);
        }
    }

    private Choice choice(JsonNode config, List<ToolDef> tools) throws ApiError {
        if (config.isMissingNode() || config.isNull()) {
            return Choice.AUTO;
        }
        String mode = config.path("mode").asText("MODE_UNSPECIFIED").toUpperCase(Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw GoogleErrors.invalid(profile, "Invalid value at 'tool_config.function_calling_"
                    + "config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta."
                    + "FunctionCallingConfig.Mode), \"" + config.path("mode").asText() + "\"");
        }
        List<String> allowed = new ArrayList<>();
        GeminiFields.get(config, "allowedFunctionNames").forEach(n -> allowed.add(n.asText()));
        if (!allowed.isEmpty() && !mode.equals("ANY") && !mode.equals("VALIDATED")) {
            throw GoogleErrors.invalid(profile, "* GenerateContentRequest.tool_config.function_"
                    + "calling_config.allowed_function_names: allowed_function_names can be set "
                    + "only when the mode is ANY or VALIDATED.\n");
        }
        for (String name : allowed) {
            if (tools.stream().noneMatch(tool -> tool.name().equals(name))) {
                throw GoogleErrors.invalid(profile, "* GenerateContentRequest.tool_config."
                        + "function_calling_config.allowed_function_names: function " + name
                        + " is not declared in the tools.\n");
            }
        }
        return switch (mode) {
            case "NONE" -> new Choice(Choice.Mode.NONE, null);
            case "ANY" -> allowed.size() == 1 ? new Choice(Choice.Mode.FUNCTION, allowed.get(0))
                    : new Choice(Choice.Mode.REQUIRED, null);
            default -> Choice.AUTO;
        };
    }

    private @Nullable Integer maxTokens(JsonNode generation) throws ApiError {
        JsonNode value = GeminiFields.get(generation, "maxOutputTokens");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || value.intValue() < 1
                || value.intValue() > ServedModel.MAX_TOKENS) {
            throw GoogleErrors.invalid(profile, "Unable to submit request because it has a "
                    + "maxOutputTokens value of " + value.asText() + " but the supported range is "
                    + "from 1 (inclusive) to " + (ServedModel.MAX_TOKENS + 1) + " (exclusive). "
                    + "Update the value and try again.");
        }
        return value.intValue();
    }

    private List<String> stop(JsonNode sequences) throws ApiError {
        List<String> out = new ArrayList<>();
        if (sequences.size() > MAX_STOP_SEQUENCES) {
            throw GoogleErrors.invalid(profile, "* GenerateContentRequest.generation_config."
                    + "stop_sequences: at most " + MAX_STOP_SEQUENCES + " stop sequences are "
                    + "allowed.\n");
        }
        for (JsonNode sequence : sequences) {
            if (!sequence.asText("").isEmpty()) {
                out.add(sequence.asText());
            }
        }
        return out;
    }

    /** Returns whether the config asks for thoughts the model can give. */
    private boolean thinking(JsonNode config) throws ApiError {
        if (config.isMissingNode() || config.isNull()) {
            return false;
        }
        if (!model.reasoning()) {
            throw GoogleErrors.invalid(profile, "Thinking is not supported for this model.");
        }
        JsonNode budget = GeminiFields.get(config, "thinkingBudget");
        JsonNode level = GeminiFields.get(config, "thinkingLevel");
        if (!budget.isMissingNode() && !level.isMissingNode()) {
            throw GoogleErrors.invalid(profile, "Thinking budget and thinking level cannot both "
                    + "be set.");
        }
        if (!level.isMissingNode() && !LEVELS.contains(level.asText().toLowerCase(Locale.ROOT))) {
            throw GoogleErrors.invalid(profile, "Invalid value at 'generation_config.thinking_"
                    + "config.thinking_level' (type.googleapis.com/google.ai.generativelanguage."
                    + "v1beta.ThinkingConfig.ThinkingLevel), \"" + level.asText() + "\"");
        }
        if (!budget.isMissingNode() && (!budget.canConvertToInt() || budget.intValue() < -1)) {
            throw GoogleErrors.invalid(profile, "Invalid value at 'generation_config.thinking_"
                    + "config.thinking_budget' (TYPE_INT32), " + budget.asText());
        }
        boolean off = !budget.isMissingNode() && budget.intValue() == 0;
        return GeminiFields.get(config, "includeThoughts").asBoolean(false) && !off;
    }
}
