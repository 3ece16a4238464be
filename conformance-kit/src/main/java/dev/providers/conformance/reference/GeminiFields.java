package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The message types of a {@code GenerateContentRequest} and their fields, checked the way
 * Google's proto-JSON parser does: every field must be known ({@code Unknown name "x" at 'path':
 * Cannot find field.}), named in lowerCamelCase or in the proto's snake_case; free-form values
 * ({@code args}, {@code response}, JSON Schemas) are not looked into. A profile that models an
 * older gateway knows fewer fields.
 */
final class GeminiFields {

    /** A field whose value is not checked (a Struct, a Value, a scalar). */
    private static final String ANY = "";

    private static final Map<String, Map<String, String>> TYPES = Map.ofEntries(
            Map.entry("request", Map.of("contents", "[content", "tools", "[tool",
                    "toolConfig", "toolConfig", "safetySettings", "[safety",
                    "systemInstruction", "content", "generationConfig", "generation",
                    "cachedContent", ANY, "model", ANY)),
            Map.entry("content", Map.of("role", ANY, "parts", "[part")),
            Map.entry("part", partFields()),
            Map.entry("blob", Map.of("mimeType", ANY, "data", ANY)),
            Map.entry("fileData", Map.of("mimeType", ANY, "fileUri", ANY)),
            Map.entry("functionCall", Map.of("id", ANY, "name", ANY, "args", ANY)),
            Map.entry("functionResponse", Map.of("id", ANY, "name", ANY, "response", ANY,
                    "parts", ANY, "willContinue", ANY, "scheduling", ANY)),
            Map.entry("tool", Map.of("functionDeclarations", "[declaration", "googleSearch",
                    ANY, "googleSearchRetrieval", ANY, "codeExecution", ANY, "urlContext", ANY,
                    "computerUse", ANY, "fileSearch", ANY, "googleMaps", ANY)),
            Map.entry("declaration", Map.of("name", ANY, "description", ANY, "behavior", ANY,
                    "parameters", "schema", "parametersJsonSchema", ANY, "response", "schema",
                    "responseJsonSchema", ANY)),
            Map.entry("schema", schemaFields()),
            Map.entry("toolConfig", Map.of("functionCallingConfig", "functionCallingConfig",
                    "retrievalConfig", ANY)),
            Map.entry("functionCallingConfig", Map.of("mode", ANY, "allowedFunctionNames",
                    ANY)),
            Map.entry("safety", Map.of("category", ANY, "threshold", ANY)),
            Map.entry("generation", generationFields()),
            Map.entry("thinking", Map.of("includeThoughts", ANY, "thinkingBudget", ANY,
                    "thinkingLevel", ANY)));

    private GeminiFields() { }

    /**
     * Checks a request body's fields.
     *
     * @throws ApiError the 400 for the first unknown field, in Google's words
     */
    static void check(JsonNode root, Profile profile) throws ApiError {
        check(root, "request", "", profile);
    }

    /** Returns the lowerCamelCase form of a field name given in either style. */
    static String camel(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' && i > 0) {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** Returns the snake_case form of a lowerCamelCase name, as Google's paths spell fields. */
    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Returns a field in either spelling, or a missing node. */
    static JsonNode get(JsonNode owner, String camel) {
        JsonNode value = owner.get(camel);
        return value != null ? value : owner.path(snake(camel));
    }

    private static void check(JsonNode node, String type, String path, Profile profile)
            throws ApiError {
        if (!node.isObject()) {
            return; // a wrong type is reported where the value is read
        }
        Map<String, String> fields = TYPES.get(type);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = camel(field.getKey());
            String kind = fields.get(name);
            if (kind == null || !known(type, name, profile)) {
                throw GoogleErrors.unknownField(profile, field.getKey(), path);
            }
            if (kind.isEmpty()) {
                continue;
            }
            String at = (path.isEmpty() ? "" : path + ".") + snake(name);
            if (type.equals("schema") && name.equals("properties")) {
                for (Map.Entry<String, JsonNode> property : field.getValue().properties()) {
                    check(property.getValue(), "schema", at + "[" + property.getKey() + "]",
                            profile);
                }
            } else if (kind.startsWith("[")) {
                JsonNode items = field.getValue();
                for (int i = 0; i < items.size(); i++) {
                    check(items.get(i), kind.substring(1), at + "[" + i + "]", profile);
                }
            } else {
                check(field.getValue(), kind, at, profile);
            }
        }
    }

    /** Returns whether the profile's server knows a field its type has. */
    private static boolean known(String type, String name, Profile profile) {
        if (profile.has(Quirk.GEMINI_OPENAPI_ONLY) && (name.equals("parametersJsonSchema")
                || name.equals("responseJsonSchema"))) {
            return false;
        }
        return !(profile.has(Quirk.GEMINI_NO_ID_FIELDS) && name.equals("id")
                && (type.equals("functionCall") || type.equals("functionResponse")));
    }

    private static Map<String, String> partFields() {
        return Map.ofEntries(Map.entry("text", ANY), Map.entry("thought", ANY),
                Map.entry("thoughtSignature", ANY), Map.entry("inlineData", "blob"),
                Map.entry("fileData", "fileData"), Map.entry("functionCall", "functionCall"),
                Map.entry("functionResponse", "functionResponse"),
                Map.entry("executableCode", ANY), Map.entry("codeExecutionResult", ANY),
                Map.entry("videoMetadata", ANY), Map.entry("partMetadata", ANY),
                Map.entry("mediaResolution", ANY));
    }

    private static Map<String, String> schemaFields() {
        return Map.ofEntries(Map.entry("type", ANY), Map.entry("format", ANY),
                Map.entry("title", ANY), Map.entry("description", ANY),
                Map.entry("nullable", ANY), Map.entry("enum", ANY), Map.entry("maxItems", ANY),
                Map.entry("minItems", ANY), Map.entry("properties", "schema"),
                Map.entry("required", ANY), Map.entry("minProperties", ANY),
                Map.entry("maxProperties", ANY), Map.entry("minLength", ANY),
                Map.entry("maxLength", ANY), Map.entry("pattern", ANY),
                Map.entry("example", ANY), Map.entry("anyOf", "[schema"),
                Map.entry("propertyOrdering", ANY), Map.entry("default", ANY),
                Map.entry("items", "schema"), Map.entry("minimum", ANY),
                Map.entry("maximum", ANY));
    }

    private static Map<String, String> generationFields() {
        return Map.ofEntries(Map.entry("stopSequences", ANY),
                Map.entry("responseMimeType", ANY), Map.entry("responseSchema", "schema"),
                Map.entry("responseJsonSchema", ANY), Map.entry("responseModalities", ANY),
                Map.entry("candidateCount", ANY), Map.entry("maxOutputTokens", ANY),
                Map.entry("temperature", ANY), Map.entry("topP", ANY), Map.entry("topK", ANY),
                Map.entry("seed", ANY), Map.entry("presencePenalty", ANY),
                Map.entry("frequencyPenalty", ANY), Map.entry("responseLogprobs", ANY),
                Map.entry("logprobs", ANY), Map.entry("enableEnhancedCivicAnswers", ANY),
                Map.entry("speechConfig", ANY), Map.entry("thinkingConfig", "thinking"),
                Map.entry("imageConfig", ANY), Map.entry("mediaResolution", ANY));
    }
}
