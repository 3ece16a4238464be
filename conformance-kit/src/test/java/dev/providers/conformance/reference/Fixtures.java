package dev.providers.conformance.reference;

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

/** The catalogue's shared fixtures (§6), written for these tests. */
final class Fixtures {

    private Fixtures() { }

    static Tool mathOperation() {
        return Tool.of("math_operation", "Perform basic arithmetic operations", Map.of(
                "type", "object",
                "properties", Map.of(
                        "a", Map.of("type", "number", "description", "The first number"),
                        "b", Map.of("type", "number", "description", "The second number"),
                        "operation", Map.of("type", "string", "enum",
                                List.of("add", "subtract", "multiply", "divide"))),
                "required", List.of("a", "b", "operation")));
    }

    static Tool calculate() {
        return Tool.of("calculate", "Evaluate an arithmetic expression", objectWith("expression",
                "string"));
    }

    static Tool doubleNumber() {
        return Tool.of("double_number", "Double a number", objectWith("value", "number"));
    }

    static Tool getWeather() {
        return Tool.of("get_weather", "Get the current weather in a city",
                objectWith("city", "string"));
    }

    static Tool empty(String name) {
        return Tool.of(name, "A tool without parameters", Map.of("type", "object",
                "properties", Map.of()));
    }

    /** A 200×200 PNG: white background, a red disc of radius 50 centred at (100, 100). */
    static byte[] redCircle() {
        return png(Color.RED, "circle");
    }

    /** A 200×200 PNG with a shape in a colour: circle, square or triangle. */
    static byte[] png(Color colour, String shape) {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 200);
        g.setColor(colour);
        switch (shape) {
            case "circle" -> g.fillOval(50, 50, 100, 100);
            case "square" -> g.fillRect(50, 50, 100, 100);
            case "rectangle" -> g.fillRect(20, 60, 160, 80);
            default -> g.fillPolygon(new int[] {100, 40, 160}, new int[] {40, 160, 160}, 3);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The long system prompt: more than 2 KB. */
    static String longSystemPrompt() {
        StringBuilder out = new StringBuilder("You are a helpful assistant. Be concise in your "
                + "responses. This system prompt is long on purpose, so that prompt caching "
                + "applies. ");
        for (int i = 0; i < 50; i++) {
            out.append("Remember that answers should be accurate, short and friendly. ");
        }
        return out.append("Remember: be concise.").toString();
    }

    /** The overflow filler for a window: ≥ (window + 10000) × 4 × 1.5 characters. */
    static String overflowFiller(int window) {
        String paragraph = "The quick brown fox jumps over the lazy dog while the patient "
                + "reference server counts every character of this deliberately long "
                + "paragraph, which exists only to fill the context window of the model "
                + "under test beyond its limit, so that the server has to say that the "
                + "prompt does not fit. It repeats, and repeats, and repeats again, until the "
                + "conformance kit is satisfied that the overflow is real and measurable. ";
        StringBuilder out = new StringBuilder();
        while (out.length() < (window + 10_000) * 4 * 1.5) {
            out.append(paragraph);
        }
        return out.toString();
    }

    private static Map<String, Object> objectWith(String name, String type) {
        return Map.of("type", "object", "properties", Map.of(name, Map.of("type", type)),
                "required", List.of(name));
    }
}
