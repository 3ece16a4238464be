package dev.providers.conformance.api;

import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.Tool;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/** The shared fixtures of the catalogue (§6): tools, the red circle, long prompts. */
public final class Fixtures {

    private Fixtures() { }

    private static Map<String, Object> object(Map<String, Object> properties,
            List<String> required) {
        return Map.of("type", "object", "properties", properties, "required", required);
    }

    private static final Map<String, Object> EMPTY = Map.of("type", "object", "properties",
            Map.of());

    /** {@code math_operation}: a, b (numbers), operation (add, subtract, multiply, divide). */
    public static final Tool MATH_OPERATION = Tool.of("math_operation",
            "Perform basic arithmetic operations", object(Map.of(
                    "a", Map.of("type", "number", "description", "The first number"),
                    "b", Map.of("type", "number", "description", "The second number"),
                    "operation", Map.of("type", "string", "description", "The operation",
                            "enum", List.of("add", "subtract", "multiply", "divide"))),
                    List.of("a", "b", "operation")));

    /** {@code calculate}: an expression. */
    public static final Tool CALCULATE = Tool.of("calculate", "Calculate a math expression",
            object(Map.of("expression", Map.of("type", "string",
                    "description", "The expression, e.g. 2 * 3")), List.of("expression")));

    /** {@code double_number}: a number to double. */
    public static final Tool DOUBLE_NUMBER = Tool.of("double_number", "Double a number",
            object(Map.of("value", Map.of("type", "number", "description", "The number")),
                    List.of("value")));

    /** {@code get_weather}: a city. */
    public static final Tool GET_WEATHER = Tool.of("get_weather",
            "Get the current weather in a city", object(Map.of("city", Map.of("type", "string",
                    "description", "The city name")), List.of("city")));

    /** {@code get_time}: no arguments. */
    public static final Tool GET_TIME = Tool.of("get_time", "Get the current time", EMPTY);

    /** {@code get_circle}: no arguments; its result is the red circle. */
    public static final Tool GET_CIRCLE = Tool.of("get_circle",
            "Get an image of a shape", EMPTY);

    /** {@code get_circle_with_description}: no arguments; text and the red circle. */
    public static final Tool GET_CIRCLE_WITH_DESCRIPTION = Tool.of(
            "get_circle_with_description", "Get an image of a shape with a description", EMPTY);

    /** {@code test_tool}: no arguments. */
    public static final Tool TEST_TOOL = Tool.of("test_tool", "A test tool", EMPTY);

    /** Returns a 200×200 PNG: white background, a red circle of radius 50 at the centre. */
    public static ImageContent redCircle() {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                    RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 200, 200);
            g.setColor(Color.RED);
            g.fillOval(50, 50, 100, 100);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ImageContent.of(out.toByteArray(), "image/png");
    }

    private static final String FILLER = "This sentence is here to make the system prompt long "
            + "enough for prompt caching, and it says nothing else of importance. ";

    /**
     * Returns the long system prompt for caching and usage checks: 50 filler sentences (about
     * 5.7 KB, over the 1,024 tokens OpenAI caches from), fewer when the model's context window
     * is small, so that the prompt takes at most half of it even at one token per character.
     */
    public static String longSystemPrompt(@Nullable Integer contextWindow) {
        int copies = 50;
        if (contextWindow != null) {
            copies = Math.max(1, Math.min(copies, (contextWindow / 2 - 200) / FILLER.length()));
        }
        return "You are a helpful assistant. Be concise in your responses. This prompt is "
                + "long on purpose. " + FILLER.repeat(copies)
                + "Remember: answer briefly and exactly as asked.";
    }

    private static final String PARAGRAPH = "The history of computing is a story of people who "
            + "wanted machines to do their arithmetic for them, and of the machines that grew "
            + "from that wish: mechanical calculators, relays, valves, transistors, integrated "
            + "circuits, and the networks that now connect them all across the world. Each "
            + "step made the previous one look small, and each raised new questions about what "
            + "a machine should be asked to do. ";

    /**
     * Returns text long enough to overflow a context of {@code contextWindow} tokens
     * (at least (window + 10,000) × 4 × 1.5 characters).
     */
    public static String overflowFiller(int contextWindow) {
        long chars = (contextWindow + 10_000L) * 4 * 3 / 2;
        StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, chars + 500));
        while (out.length() < chars) {
            out.append(PARAGRAPH);
        }
        return out.toString();
    }
}
