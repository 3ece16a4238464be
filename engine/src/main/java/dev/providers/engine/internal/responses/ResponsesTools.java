package dev.providers.engine.internal.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.message.Tool;
import java.util.List;
import java.util.Objects;

/**
 * Converts tool definitions and the tool choice ({@code docs/dialects/openai-responses.md}
 * §3.1): flat {@code {type: function, name, description, parameters, strict}} definitions, with
 * {@code strict} always sent because OpenAI and llama.cpp take a missing one as {@code true}
 * (strict-mode schemas). A grammar tool is sent as a function with one string parameter, as
 * chat completions degrades it.
 *
 * <p>Thread-safety: stateless.
 */
final class ResponsesTools {

    /** The one parameter of a grammar tool sent as a function. */
    static final String GRAMMAR_INPUT = "input";

    private ResponsesTools() { }

    /** Returns the {@code tools} array. */
    static ArrayNode tools(List<Tool> tools) {
        ArrayNode out = ResponsesJson.array();
        for (Tool tool : tools) {
            ObjectNode function = out.addObject();
            function.put("type", "function");
            function.put("name", tool.name());
            function.put("description", tool.description());
            Tool.Grammar grammar = tool.grammar();
            function.set("parameters", grammar == null ? ResponsesJson.tree(tool.parameters())
                    : grammarParameters(grammar));
            function.put("strict", tool.strict());
        }
        return out;
    }

    /** Returns the {@code tool_choice} value. */
    static JsonNode choice(ToolChoice choice) {
        return switch (choice.mode()) {
            case AUTO -> TextNode.valueOf("auto");
            case NONE -> TextNode.valueOf("none");
            case REQUIRED -> TextNode.valueOf("required");
            case FUNCTION -> {
                ObjectNode out = ResponsesJson.object();
                out.put("type", "function");
                out.put("name", Objects.requireNonNull(choice.function()));
                yield out;
            }
        };
    }

    /** One required string whose description carries the grammar (ours). */
    private static ObjectNode grammarParameters(Tool.Grammar grammar) {
        ObjectNode schema = ResponsesJson.object();
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
