package dev.providers.conformance.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.reference.Arithmetic.Operation;
import dev.providers.conformance.reference.ChatRequest.Call;
import dev.providers.conformance.reference.ChatRequest.Choice;
import dev.providers.conformance.reference.ChatRequest.ToolDef;
import dev.providers.conformance.reference.Reply.PlannedCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides which tools the model calls.
 *
 * <ul>
 *   <li>A named {@code tool_choice} calls that function.
 *   <li>{@code auto} calls the tools the question names ("using the math_operation tool"), or a
 *       tool whose purpose it asks for when it mentions a tool or asks about the weather;
 *       otherwise the model answers in text.
 *   <li>{@code required} calls the named tools, else the best match by purpose, else the first.
 *   <li>Arithmetic tools get one call per operation in the question, in parallel unless
 *       {@code parallel_tool_calls} is false; operations already called since the question are
 *       not called again, so that a conversation converges.
 * </ul>
 */
final class ToolPlanner {

    private static final Pattern ARITHMETIC_TOOL = Pattern.compile("math|calc|arith|comput");

    private ToolPlanner() { }

    /** Returns the calls for the question, or none when the model should answer in text. */
    static List<PlannedCall> plan(Situation situation, ChatRequest request) {
        Choice choice = request.toolChoice();
        boolean force = choice.mode() == Choice.Mode.REQUIRED
                || choice.mode() == Choice.Mode.FUNCTION;
        List<PlannedCall> calls = calls(chosen(situation.question(), request, false), situation,
                false);
        if (calls.isEmpty() && force) {
            // required: something must be called, even what was called already
            calls = calls(chosen(situation.question(), request, true), situation, true);
        }
        if (!request.parallelToolCalls() && calls.size() > 1) {
            calls = calls.subList(0, 1);
        }
        return calls;
    }

    /** Returns the tools to call, in the order the question names them. */
    private static List<ToolDef> chosen(String question, ChatRequest request, boolean force) {
        List<ToolDef> tools = request.tools();
        Choice choice = request.toolChoice();
        if (choice.mode() == Choice.Mode.FUNCTION) {
            return tools.stream().filter(t -> t.name().equals(choice.function())).toList();
        }
        List<ToolDef> named = named(question, tools);
        if (!named.isEmpty()) {
            return named;
        }
        String lower = question.toLowerCase(Locale.ROOT);
        boolean required = choice.mode() == Choice.Mode.REQUIRED;
        boolean asksForTool = required || lower.contains("tool") || lower.contains("weather");
        ToolDef purpose = asksForTool ? byPurpose(lower, tools) : null;
        if (purpose != null) {
            return List.of(purpose);
        }
        return required || force ? List.of(tools.get(0)) : List.of();
    }

    /** Returns the tools whose names appear in the question, longest names first. */
    private static List<ToolDef> named(String question, List<ToolDef> tools) {
        StringBuilder text = new StringBuilder(question.toLowerCase(Locale.ROOT));
        Map<Integer, ToolDef> found = new TreeMap<>();
        List<ToolDef> byLength = new ArrayList<>(tools);
        byLength.sort(Comparator.comparingInt((ToolDef t) -> t.name().length()).reversed());
        for (ToolDef tool : byLength) {
            String name = tool.name().toLowerCase(Locale.ROOT);
            int at = text.indexOf(name);
            if (at >= 0) {
                found.put(at, tool);
                // blank it out so that get_circle does not also match get_circle_with_description
                text.replace(at, at + name.length(), " ".repeat(name.length()));
            }
        }
        return List.copyOf(found.values());
    }

    private static @Nullable ToolDef byPurpose(String lower, List<ToolDef> tools) {
        for (ToolDef tool : tools) {
            String name = tool.name().toLowerCase(Locale.ROOT);
            boolean weather = name.contains("weather") && (lower.contains("weather")
                    || lower.contains("temperature") || lower.contains("forecast"));
            boolean time = name.contains("time") && lower.matches("(?s).*\\btime\\b.*");
            boolean doubling = name.contains("double") && lower.contains("double");
            boolean maths = ARITHMETIC_TOOL.matcher(name).find()
                    && !Arithmetic.find(lower).isEmpty();
            boolean image = name.contains("circle") && (lower.contains("image")
                    || lower.contains("circle"));
            if (weather || time || doubling || maths || image) {
                return tool;
            }
        }
        return null;
    }

    private static List<PlannedCall> calls(List<ToolDef> tools, Situation situation,
            boolean again) {
        List<PlannedCall> out = new ArrayList<>();
        String question = situation.question();
        for (ToolDef tool : tools) {
            if (takesOperands(tool)) {
                List<Operation> ops = Arithmetic.find(question);
                List<Operation> todo = again ? ops : notYetCalled(ops, tool, situation);
                if (todo.isEmpty() && again) {
                    todo = List.of(operandsFromNumbers(question));
                }
                for (Operation op : todo) {
                    out.add(new PlannedCall(tool.name(), ToolArguments.build(tool, question, op)));
                }
            } else if (again || situation.calls().values().stream()
                    .noneMatch(call -> call.name().equals(tool.name()))) {
                List<Operation> ops = Arithmetic.find(question);
                out.add(new PlannedCall(tool.name(), ToolArguments.build(tool, question,
                        ops.isEmpty() ? null : ops.get(0))));
            }
        }
        return out;
    }

    /** Returns whether the tool takes two operands (a/b or x/y), like math_operation. */
    private static boolean takesOperands(ToolDef tool) {
        JsonNode properties = tool.parameters().path("properties");
        return properties.has("a") && properties.has("b")
                || properties.has("x") && properties.has("y");
    }

    private static List<Operation> notYetCalled(List<Operation> ops, ToolDef tool,
            Situation situation) {
        List<Operation> out = new ArrayList<>();
        for (Operation op : ops) {
            boolean done = false;
            for (Call call : situation.calls().values()) {
                done |= call.name().equals(tool.name()) && sameOperands(call, op);
            }
            if (!done) {
                out.add(op);
            }
        }
        return out;
    }

    private static boolean sameOperands(Call call, Operation op) {
        try {
            JsonNode args = Json.parse(call.arguments());
            double a = args.has("a") ? args.path("a").asDouble() : args.path("x").asDouble();
            double b = args.has("b") ? args.path("b").asDouble() : args.path("y").asDouble();
            return a == op.a() && b == op.b();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static Operation operandsFromNumbers(String question) {
        List<Double> numbers = Arithmetic.numbers(question);
        double a = numbers.isEmpty() ? 0 : numbers.get(0);
        double b = numbers.size() < 2 ? 0 : numbers.get(1);
        return new Operation(a, b, "add");
    }
}
