package dev.providers.conformance.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * YAML text for the values a provider file holds: scalars written plain where YAML 1.2 and
 * YAML 1.1 tools read them back as the same string, double-quoted otherwise, and lists and maps
 * in flow style (JSON-like, which every YAML 1.2 reader accepts).
 *
 * <p>Thread-safety: stateless.
 */
final class YamlText {

    /** The column comments are wrapped at, as in the catalog files. */
    static final int WIDTH = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    // block context: no leading indicator, no ": " or " #", nothing YAML reads as a number
    private static final Pattern PLAIN =
            Pattern.compile("[A-Za-z_/]([A-Za-z0-9_./:@+() -]*[A-Za-z0-9_./@+)-])?");
    // flow context ([a, b], {k: v}) also treats ':' and ',' as indicators
    private static final Pattern FLOW_PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern ENV_TEMPLATE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");
    // words YAML 1.1 (PyYAML, go-yaml v2) reads as booleans or null; the loader warns on them
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "yes", "no",
            "on", "off", "y", "n", "~");

    private YamlText() { }

    /** Returns the value as a YAML scalar or flow collection. */
    static String value(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("not a finite number: " + d);
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(flow(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(flow(String.valueOf(k)) + ": " + flow(v)));
            return "{" + String.join(", ", entries) + "}";
        }
        throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName()
                + " as YAML");
    }

    /** Returns a mapping key: plain where safe, quoted otherwise. */
    static String key(String key) {
        return string(key);
    }

    /**
     * Returns comment lines ({@code # ...}) at the indentation, wrapped at {@link #WIDTH}; control
     * characters become spaces, so a comment can never end the comment line early.
     */
    static List<String> comment(String text, int indent) {
        String prefix = " ".repeat(indent) + "# ";
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            String clean = paragraph.replaceAll("\\p{Cntrl}", " ").strip();
            if (clean.isEmpty()) {
                lines.add(prefix.stripTrailing());
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (String word : clean.split(" +")) {
                if (line.length() > 0 && prefix.length() + line.length() + 1 + word.length()
                        > WIDTH) {
                    lines.add(prefix + line);
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            lines.add(prefix + line);
        }
        return lines;
    }

    private static String flow(@Nullable Object value) {
        if (value instanceof String text) {
            return FLOW_PLAIN.matcher(text).matches() && !reserved(text) ? text : quoted(text);
        }
        return value(value);
    }

    private static String string(String text) {
        boolean plain = ENV_TEMPLATE.matcher(text).matches()
                || (PLAIN.matcher(text).matches() && !text.contains(": ")
                    && !text.contains(" #") && !reserved(text));
        return plain ? text : quoted(text);
    }

    private static boolean reserved(String text) {
        return RESERVED.contains(text.toLowerCase(Locale.ROOT));
    }

    private static String quoted(String text) {
        try {
            // a JSON string is a valid YAML double-quoted scalar with the same escapes; C1
            // controls are not printable in YAML, so they are escaped too
            String json = JSON.writeValueAsString(text);
            StringBuilder out = new StringBuilder(json.length());
            json.codePoints().forEach(c -> {
                if ((c >= 0x80 && c <= 0x9f) || c == 0xfeff) {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.appendCodePoint(c);
                }
            });
            return out.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
    }
}
