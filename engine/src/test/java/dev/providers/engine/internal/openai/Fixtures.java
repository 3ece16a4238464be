package dev.providers.engine.internal.openai;

import dev.providers.engine.message.AssistantContent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.Tool;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.Usage;
import dev.providers.engine.message.UserContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared fixtures of catalogue §6, in our own words, plus small builders. */
final class Fixtures {

    /** A 1×1 PNG, base64; goldens need fixed bytes, so it is not generated. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAF"
            + "BQIAX8jx0gAAAABJRU5ErkJggg==";

    private Fixtures() { }

    /** Returns a map that keeps the order of its key-value pairs (stable golden files). */
    static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The {@code get_weather} tool: one required string {@code city}. */
    static Tool getWeather() {
        return Tool.of("get_weather", "Get the current weather of a city", ordered(
                "type", "object",
                "properties", ordered("city", ordered("type", "string")),
                "required", List.of("city")));
    }

    /** The {@code get_time} tool: no parameters. */
    static Tool getTime() {
        return simpleTool("get_time", "Get the current time");
    }

    /** The {@code math_operation} tool with a plain enum (strict backends accept it). */
    static Tool mathOperation() {
        return new Tool("math_operation", "Perform basic arithmetic operations", ordered(
                "type", "object",
                "properties", ordered(
                        "a", ordered("type", "number"),
                        "b", ordered("type", "number"),
                        "operation", ordered("type", "string",
                                "enum", List.of("add", "subtract", "multiply", "divide"))),
                "required", List.of("a", "b", "operation"),
                "additionalProperties", false), true, null);
    }

    /** The {@code test_tool} of the unicode scenarios: no parameters. */
    static Tool testTool() {
        return simpleTool("test_tool", "A test tool");
    }

    /** A grammar-constrained tool (OpenAI custom tool). */
    static Tool sqlTool() {
        return new Tool("run_sql", "Run one read-only SQL query", Map.of(), false,
                new Tool.Grammar("lark", "start: \"SELECT \" COLUMN \" FROM \" TABLE"));
    }

    /** Returns a tool with an object schema of no parameters. */
    static Tool simpleTool(String name, String description) {
        return Tool.of(name, description, ordered("type", "object", "properties", Map.of()));
    }

    /** Returns a turn of the test model {@code model} of provider {@code acme}. */
    static AssistantMessage own(String model, AssistantContent... blocks) {
        return AssistantMessage.of(TestModels.PROVIDER, model, blocks);
    }

    /** Returns a turn of another provider's model. */
    static AssistantMessage foreign(AssistantContent... blocks) {
        return AssistantMessage.of("other-cloud", "other-model", blocks);
    }

    /** Returns a turn that ended with {@code reason} (ERROR or ABORTED). */
    static AssistantMessage failed(String model, StopReason reason, AssistantContent... blocks) {
        return new AssistantMessage(List.of(blocks), "openai-completions", TestModels.PROVIDER,
                model, null, null, Usage.ZERO, reason, null,
                reason == StopReason.ABORTED ? "Request was aborted" : "500: upstream failed",
                reason == StopReason.ABORTED ? ErrorKind.ABORTED : ErrorKind.SERVER, 0);
    }

    /** Returns a text block. */
    static TextContent text(String text) {
        return new TextContent(text);
    }

    /** Returns a thinking block with a signature (the wire field it came from). */
    static ThinkingContent thinking(String text, String signature) {
        return new ThinkingContent(text, signature, false);
    }

    /** Returns a tool call. */
    static ToolCall call(String id, String name, Map<String, Object> arguments) {
        return ToolCall.of(id, name, arguments);
    }

    /** Returns the test PNG. */
    static ImageContent image() {
        return new ImageContent(PNG, "image/png");
    }

    /** Returns a tool result of these blocks. */
    static ToolResultMessage result(String id, String name, UserContent... content) {
        return new ToolResultMessage(id, name, List.of(content), false, List.of(), 0);
    }
}
