package dev.providers.engine.internal.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.Tool;
import java.util.List;
import java.util.Objects;

/**
 * The {@code tools} and {@code toolConfig} fields
 * ({@code docs/dialects/google-generative-ai.md} §3.3): one {@code functionDeclarations} entry
 * per tool, its schema in {@code parametersJsonSchema} or, with
 * {@code toolSchemaFormat: openapi}, converted to Gemini's OpenAPI subset in {@code parameters};
 * the tool choice as {@code functionCallingConfig.mode} ({@code AUTO}, {@code ANY},
 * {@code NONE}) with {@code allowedFunctionNames} for a named function.
 *
 * <p>Thread-safety: stateless.
 */
final class ToolDeclarations {

    /** The one parameter of a grammar tool sent as a function. */
    static final String GRAMMAR_INPUT = "input";

    private ToolDeclarations() { }

    /** Returns the {@code tools} array for these tools (one entry holding every function). */
    static ArrayNode tools(List<Tool> tools, GeminiCompat compat) {
        ArrayNode out = GeminiJson.array();
        ArrayNode declarations = out.addObject().putArray("functionDeclarations");
        for (Tool tool : tools) {
            declarations.add(declaration(tool, compat));
        }
        return out;
    }

    /** Returns one function declaration. */
    static ObjectNode declaration(Tool tool, GeminiCompat compat) {
        ObjectNode out = GeminiJson.object();
        out.put("name", tool.name());
        out.put("description", tool.description());
        JsonNode schema = tool.grammar() == null ? GeminiJson.tree(tool.parameters())
                : grammarParameters(tool.grammar());
        if (!compat.openApiSchemas()) {
            out.set("parametersJsonSchema", schema);
            return out;
        }
        ObjectNode converted = OpenApiSchema.convert(schema);
        // Gemini answers 400 "properties: should be non-empty for OBJECT type" otherwise
        if (!isEmptyObject(converted)) {
            out.set("parameters", converted);
        }
        return out;
    }

    /** Returns the {@code toolConfig} object for a tool choice. */
    static ObjectNode config(ToolChoice choice) {
        ObjectNode out = GeminiJson.object();
        ObjectNode function = out.putObject("functionCallingConfig");
        switch (choice.mode()) {
            case AUTO -> function.put("mode", "AUTO");
            case NONE -> function.put("mode", "NONE");
            case REQUIRED -> function.put("mode", "ANY");
            case FUNCTION -> {
                function.put("mode", "ANY");
                function.putArray("allowedFunctionNames")
                        .add(Objects.requireNonNull(choice.function()));
            }
        }
        return out;
    }

    private static boolean isEmptyObject(ObjectNode schema) {
        return "object".equals(schema.path("type").asText())
                && schema.path("properties").isEmpty() && !schema.has("anyOf");
    }

    /**
     * Returns the schema of a grammar tool, which Gemini cannot constrain: one required string
     * whose description carries the grammar, so that the model can still follow it.
     */
    private static ObjectNode grammarParameters(Tool.Grammar grammar) {
        ObjectNode schema = GeminiJson.object();
        schema.put("type", "object");
        ObjectNode input = schema.putObject("properties").putObject(GRAMMAR_INPUT);
        input.put("type", "string");
        input.put("description", "Input matching this " + grammar.syntax() + " grammar:\n"
                + grammar.definition());
        schema.putArray("required").add(GRAMMAR_INPUT);
        return schema;
    }
}
