package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.Arithmetic.Operation;
import dev.providers.conformance.reference.ChatRequest.ToolDef;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Fills a tool's arguments from the user's words, guided by the tool's JSON Schema: operands and
 * the operation for {@code a}/{@code b}/{@code operation}, the expression, the first number for
 * {@code value}, the city for {@code city}; other required properties get a value of their type.
 */
final class ToolArguments {

    private static final Pattern CITY = Pattern.compile(
            "\\b(?:in|for|at)\\s+([A-Z][\\p{L}'-]+(?:\\s+[A-Z][\\p{L}'-]+)*)");

    private ToolArguments() { }

    /** Returns the arguments for a call of {@code tool}, with {@code op} for arithmetic tools. */
    static ObjectNode build(ToolDef tool, String question, @Nullable Operation op) {
        ObjectNode out = Json.object();
        JsonNode properties = tool.parameters().path("properties");
        Set<String> required = new HashSet<>();
        tool.parameters().path("required").forEach(name -> required.add(name.asText()));
        for (Map.Entry<String, JsonNode> field : properties.properties()) {
            JsonNode value = value(field.getKey(), field.getValue(), question, op,
                    required.contains(field.getKey()));
            if (value != null) {
                out.set(field.getKey(), value);
            }
        }
        return out;
    }

    /** Returns the city the question names ("in Paris"), or "unknown". */
    static String city(String question) {
        Matcher m = CITY.matcher(question);
        return m.find() ? m.group(1) : "unknown";
    }

    /** Returns a value for one property, or null to leave an optional one out. */
    private static @Nullable JsonNode value(String name, JsonNode schema, String question,
            @Nullable Operation op, boolean required) {
        String key = name.toLowerCase(Locale.ROOT);
        List<Double> numbers = Arithmetic.numbers(question);
        if (op != null && List.of("a", "x", "first", "left").contains(key)) {
            return Json.MAPPER.valueToTree(Arithmetic.jsonNumber(op.a()));
        }
        if (op != null && List.of("b", "y", "second", "right").contains(key)) {
            return Json.MAPPER.valueToTree(Arithmetic.jsonNumber(op.b()));
        }
        if (op != null && List.of("operation", "op", "operator").contains(key)) {
            return Json.MAPPER.valueToTree(op.operation());
        }
        if (List.of("city", "location", "place").contains(key)) {
            return Json.MAPPER.valueToTree(city(question));
        }
        if (key.equals("expression")) {
            List<Operation> ops = Arithmetic.find(question);
            return Json.MAPPER.valueToTree(ops.isEmpty() ? question.strip()
                    : ops.get(0).expression());
        }
        String type = schema.path("type").asText("string");
        boolean numeric = type.equals("number") || type.equals("integer");
        if (numeric && !numbers.isEmpty()) {
            return Json.MAPPER.valueToTree(Arithmetic.jsonNumber(numbers.get(0)));
        }
        if (!required) {
            return null;
        }
        JsonNode choices = schema.path("enum");
        if (choices.isArray() && !choices.isEmpty()) {
            for (JsonNode choice : choices) {
                if (question.toLowerCase(Locale.ROOT).contains(choice.asText()
                        .toLowerCase(Locale.ROOT))) {
                    return choice;
                }
            }
            return choices.get(0);
        }
        return switch (type) {
            case "number", "integer" -> Json.MAPPER.valueToTree(0);
            case "boolean" -> Json.MAPPER.valueToTree(false);
            case "array" -> Json.array();
            case "object" -> Json.object();
            default -> Json.MAPPER.valueToTree(question.isBlank() ? "example"
                    : question.strip());
        };
    }
}
