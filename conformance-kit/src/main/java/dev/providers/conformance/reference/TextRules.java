package dev.providers.conformance.reference;

import dev.providers.conformance.reference.Arithmetic.Operation;
import dev.providers.conformance.reference.ChatRequest.ToolDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The model's text answers, rule by rule. An exact-reply instruction wins outright; otherwise
 * every rule that matches contributes a paragraph, in this order: arithmetic, counting, names,
 * a poem, the images, a question about a tool's result, a tool that may not be called, a
 * greeting. When nothing matches, a short friendly answer.
 */
final class TextRules {

    /** The answer to an empty or blank message. */
    static final String EMPTY_ANSWER = "Hello! How can I help you today?";

    /** The answer when no rule matches. */
    static final String DEFAULT_ANSWER = "Thanks for your message! I'm the reference demo "
            + "model: I reply with exact text when asked, do simple arithmetic, call tools and "
            + "describe simple images.";

    private static final Pattern EXACT = Pattern.compile(
            "\\b(?:reply|respond|answer)\\s+with\\s+(exactly|only|just)\\s*(:?)\\s*(.+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SAY_QUOTED = Pattern.compile(
            "\\bsay\\s*:?\\s*([\"'“‘].+)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SAY_HELLO = Pattern.compile("\\bsay (hello|hi)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GREETING = Pattern.compile(
            "^\\s*(hi|hello|hey)\\b|how are you", Pattern.CASE_INSENSITIVE);
    private static final Pattern JUST_NUMBER = Pattern.compile(
            "\\b(just|only)\\s+(the\\s+)?(number|result|answer)\\b|\\bnumber only\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COUNT = Pattern.compile(
            "\\bcount\\s+from\\s+(-?\\d+)\\s+to\\s+(-?\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAMES = Pattern.compile(
            "(\\d+)\\s+(?:[\\p{L}-]+\\s+){0,2}names?\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern POEM = Pattern.compile("\\bpoem\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern STANZAS = Pattern.compile("(\\d+)\\s+stanzas?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ABOUT = Pattern.compile("\\babout\\s+(.+?)[.!?]*\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Counting stops after this many numbers. */
    private static final int MAX_COUNT = 1000;

    private TextRules() { }

    /** Returns the text answer (and its reasoning) to the last question. */
    static Reply answer(Situation situation, ChatRequest request) {
        String q = situation.question();
        String exact = exact(q);
        if (exact != null) {
            return new Reply("The user wants the exact reply '" + exact + "', so I answer with "
                    + "exactly that.", exact, List.of());
        }
        List<ImageFacts> images = situation.questionImages();
        if (q.isBlank() && images.isEmpty()) {
            return new Reply("The message is empty; I greet the user and offer help.",
                    EMPTY_ANSWER, List.of());
        }
        List<String> text = new ArrayList<>();
        List<String> thoughts = new ArrayList<>();
        arithmetic(q, text, thoughts);
        count(q, text, thoughts);
        names(q, text, thoughts);
        poem(q, text, thoughts);
        if (!images.isEmpty()) {
            text.add(String.join(" ", describe(images)));
            thoughts.add("I look at the image: the background is " + images.get(0).background()
                    + ", and the coloured region's outline tells its shape.");
        }
        String lower = q.toLowerCase(Locale.ROOT);
        if (lower.contains("tool") && situation.lastToolResult() != null) {
            text.add("The tool returned: " + Summaries.quote(situation.lastToolResult()));
            thoughts.add("The user asks about the tool result; I summarise it.");
        } else if (!request.tools().isEmpty()
                && request.toolChoice().mode() == ChatRequest.Choice.Mode.NONE
                && lower.contains("tool")) {
            text.add("I can't use " + toolNames(request.tools()) + " for this request.");
            thoughts.add("Tools may not be called now, so I say so.");
        }
        if (text.isEmpty() && SAY_HELLO.matcher(q).find()) {
            text.add("Hello!");
            thoughts.add("The user asks me to say hello.");
        } else if (text.isEmpty() && GREETING.matcher(q).find()) {
            text.add("Hello! I'm doing well, thank you. How can I help you today?");
            thoughts.add("A greeting; I greet back.");
        }
        if (text.isEmpty()) {
            text.add(DEFAULT_ANSWER);
            thoughts.add("The user wrote: \"" + Summaries.quote(q) + "\". No rule applies, so "
                    + "I give a short, friendly answer.");
        }
        return new Reply(String.join(" ", thoughts), String.join("\n\n", text), List.of());
    }

    /** Returns one sentence per image: "I see a red circle on a white background." */
    static List<String> describe(List<ImageFacts> images) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String phrase = images.get(i).phrase();
            out.add(images.size() == 1 ? "I see " + phrase + "."
                    : "In image " + (i + 1) + " I see " + phrase + ".");
        }
        return out;
    }

    /** Returns the exact reply asked for ("Reply with exactly: 'X'", "say 'X'"), or null. */
    static @Nullable String exact(String q) {
        Matcher m = EXACT.matcher(q);
        if (m.find()) {
            String rest = m.group(3).strip();
            String quoted = unquote(rest);
            if (quoted != null) {
                return quoted;
            }
            // unquoted, only "exactly" or a colon introduces the reply ("just the number" does
            // not)
            if (m.group(1).equalsIgnoreCase("exactly") || !m.group(2).isEmpty()) {
                int end = rest.indexOf('\n');
                return end < 0 ? rest : rest.substring(0, end).strip();
            }
        }
        m = SAY_QUOTED.matcher(q);
        return m.find() ? unquote(m.group(1)) : null;
    }

    /** Returns the text inside the quote that {@code s} starts with, or null. */
    private static @Nullable String unquote(String s) {
        if (s.isEmpty()) {
            return null;
        }
        char open = s.charAt(0);
        String closers = switch (open) {
            case '\'', '‘' -> "'’";
            case '"', '“' -> "\"”";
            default -> null;
        };
        if (closers == null) {
            return null;
        }
        for (int j = 1; j < s.length(); j++) {
            boolean last = j + 1 == s.length();
            if (closers.indexOf(s.charAt(j)) >= 0
                    && (last || !Character.isLetterOrDigit(s.charAt(j + 1)))) {
                String inner = s.substring(1, j);
                return inner.isEmpty() ? null : inner;
            }
        }
        return null;
    }

    private static void arithmetic(String q, List<String> text, List<String> thoughts) {
        List<Operation> ops = Arithmetic.find(q);
        if (ops.isEmpty()) {
            return;
        }
        for (Operation op : ops) {
            thoughts.add(steps(op));
        }
        if (ops.size() == 1 && JUST_NUMBER.matcher(q).find()) {
            text.add(Arithmetic.format(ops.get(0).value()));
            return;
        }
        List<String> equations = new ArrayList<>();
        ops.forEach(op -> equations.add(op.equation()));
        text.add(String.join(" and ", equations) + ".");
    }

    /** Returns a step-by-step working of an operation, as a model would think it. */
    static String steps(Operation op) {
        double a = op.a();
        double b = op.b();
        boolean whole = a == Math.rint(a) && b == Math.rint(b);
        if (op.operation().equals("add") && whole && Math.abs(b) >= 10) {
            double tens = b - b % 10;
            double units = b % 10;
            return "Let me work out " + op.expression() + " step by step. First "
                    + Arithmetic.format(a) + " + " + Arithmetic.format(tens) + " = "
                    + Arithmetic.format(a + tens) + ", then " + Arithmetic.format(a + tens)
                    + " + " + Arithmetic.format(units) + " = " + Arithmetic.format(op.value())
                    + ". So " + op.equation() + ".";
        }
        return "Let me work out " + op.expression() + ": it is " + Arithmetic.format(op.value())
                + ". So " + op.equation() + ".";
    }

    private static void count(String q, List<String> text, List<String> thoughts) {
        Matcher m = COUNT.matcher(q);
        if (!m.find()) {
            return;
        }
        long from = Long.parseLong(m.group(1));
        long to = Long.parseLong(m.group(2));
        long step = from <= to ? 1 : -1;
        List<String> numbers = new ArrayList<>();
        for (long n = from; numbers.size() < MAX_COUNT; n += step) {
            numbers.add(Long.toString(n));
            if (n == to) {
                break;
            }
        }
        text.add(String.join(", ", numbers));
        thoughts.add("The user wants me to count from " + from + " to " + to + ".");
    }

    private static void names(String q, List<String> text, List<String> thoughts) {
        Matcher m = NAMES.matcher(q);
        if (!m.find()) {
            return;
        }
        int count = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(
                m.group(1).length() > 9 ? "999999999" : m.group(1)));
        text.add(LongTexts.names(count));
        thoughts.add("The user wants " + count + " names; I list them.");
    }

    private static void poem(String q, List<String> text, List<String> thoughts) {
        if (!POEM.matcher(q).find()) {
            return;
        }
        Matcher stanzas = STANZAS.matcher(q);
        int count = stanzas.find() && stanzas.group(1).length() < 6
                ? Integer.parseInt(stanzas.group(1)) : 4;
        Matcher about = ABOUT.matcher(q);
        String topic = about.find() ? about.group(1).strip() : "nature";
        text.add(LongTexts.poem(count, topic));
        thoughts.add("The user wants a poem of " + count + " stanzas about " + topic + ".");
    }

    private static String toolNames(List<ToolDef> tools) {
        List<String> names = new ArrayList<>();
        tools.forEach(tool -> names.add(tool.name()));
        return (names.size() == 1 ? "the " : "the tools ") + String.join(", ", names)
                + (names.size() == 1 ? " tool" : "");
    }
}
