package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.Tool;
import java.util.List;
import java.util.Objects;

/**
 * Converts tool definitions and the tool choice to the wire
 * ({@code docs/dialects/openai-completions.md} §3.1
 * #8–#9, flags {@code supportsStrictMode} and {@code supportsOpenAIGrammarTools}).
 *
 * <p>Thread-safety: stateless.
 */
final class ToolConverter {

    /** The one parameter of a grammar tool degraded to a function tool. */
    static final String GRAMMAR_INPUT = "input";

    private ToolConverter() { }

    /** Returns the {@code tools} array for these tools. */
    static ArrayNode tools(List<Tool> tools, CompatFlags compat) {
        ArrayNode out = WireJson.array();
        for (Tool tool : tools) {
            out.add(tool(tool, compat));
        }
        return out;
    }

    /** Returns the tools as function definitions only, grammar tools degraded. */
    static ArrayNode functions(List<Tool> tools, CompatFlags compat) {
        ArrayNode out = WireJson.array();
        for (Tool tool : tools) {
            out.add(function(tool, compat));
        }
        return out;
    }

    /** Returns one tool definition. */
    static ObjectNode tool(Tool tool, CompatFlags compat) {
        Tool.Grammar grammar = tool.grammar();
        if (grammar != null && compat.supportsOpenAIGrammarTools()) {
            return custom(tool, grammar);
        }
        return function(tool, compat);
    }

    /** Returns one {@code type: function} definition; a grammar tool is degraded. */
    static ObjectNode function(Tool tool, CompatFlags compat) {
        Tool.Grammar grammar = tool.grammar();
        ObjectNode function = WireJson.object();
        function.put("name", tool.name());
        function.put("description", tool.description());
        function.set("parameters", grammar == null
                ? WireJson.tree(tool.parameters()) : degradedParameters(grammar));
        if (compat.supportsStrictMode()) {
            function.put("strict", tool.strict());
        }
        ObjectNode out = WireJson.object();
        out.put("type", "function");
        out.set("function", function);
        return out;
    }

    /** Returns the {@code tool_choice} value. */
    static JsonNode choice(ToolChoice choice) {
        return switch (choice.mode()) {
            case AUTO -> TextNode.valueOf("auto");
            case NONE -> TextNode.valueOf("none");
            case REQUIRED -> TextNode.valueOf("required");
            case FUNCTION -> {
                ObjectNode out = WireJson.object();
                out.put("type", "function");
                out.putObject("function").put("name", Objects.requireNonNull(choice.function()));
                yield out;
            }
        };
    }

    private static ObjectNode custom(Tool tool, Tool.Grammar grammar) {
        ObjectNode out = WireJson.object();
        out.put("type", "custom");
        ObjectNode custom = out.putObject("custom");
        custom.put("name", tool.name());
        custom.put("description", tool.description());
        ObjectNode format = custom.putObject("format");
        format.put("type", "grammar");
        ObjectNode definition = format.putObject("grammar");
        definition.put("syntax", grammar.syntax());
        definition.put("definition", grammar.definition());
        return out;
    }

    /**
     * Returns the schema of a degraded grammar tool: one required string, whose description
     * carries the grammar so that the model can still follow it without constrained sampling
     * (ours).
     */
    private static ObjectNode degradedParameters(Tool.Grammar grammar) {
        ObjectNode schema = WireJson.object();
        schema.put("type", "object");
        ObjectNode input = schema.putObject("properties").putObject(GRAMMAR_INPUT);
        input.put("type", "string");
        input.put("description", "Input matching this " + grammar.syntax() + " grammar:\n"
                + grammar.definition());
        schema.putArray("required").add(GRAMMAR_INPUT);
        schema.put("additionalProperties", false);
        return schema;
    }
}
