package dev.providers.conformance.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.reference.ChatRequest.Call;
import dev.providers.conformance.reference.ChatRequest.Msg;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the model says after tool results: each result stated in the terms of its call
 * ("42 * 17 = 714", "The weather in Paris: sunny, 21C."), and the images that came with them
 * described.
 */
final class Summaries {

    /** Results longer than this are abbreviated when quoted. */
    static final int QUOTE_CHARS = 300;

    private Summaries() { }

    /** Returns the answer to the tool results the conversation ends with. */
    static String of(Situation situation) {
        List<String> equations = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (Msg result : situation.results()) {
            Call call = situation.calls().get(result.toolCallId());
            String name = call == null ? "requested" : call.name();
            JsonNode args = call == null ? Json.object() : arguments(call);
            String text = result.text().strip();
            if (text.equals("No result provided")) {
                sentences.add("The " + name + " tool returned no result.");
            } else if (text.equals("(see attached image)")) {
                sentences.add("The " + name + " tool returned an image.");
            } else if (text.isEmpty() || text.equals("(no tool output)")) {
                sentences.add("The " + name + " tool returned nothing.");
            } else if (args.has("a") && args.has("b") && args.has("operation")) {
                equations.add(Arithmetic.format(args.path("a").asDouble()) + " "
                        + symbol(args.path("operation").asText()) + " "
                        + Arithmetic.format(args.path("b").asDouble()) + " = " + text);
            } else if (args.has("expression")) {
                sentences.add(args.path("expression").asText() + " = " + sentence(text));
            } else if (args.has("city")) {
                sentences.add("The weather in " + args.path("city").asText() + ": "
                        + sentence(text));
            } else if (name.contains("double") && args.has("value")) {
                sentences.add("Doubling " + Arithmetic.format(args.path("value").asDouble())
                        + " gives " + sentence(text));
            } else {
                sentences.add("The " + name + " tool returned: " + sentence(quote(text)));
            }
        }
        List<String> out = new ArrayList<>();
        if (!equations.isEmpty()) {
            out.add(String.join(" and ", equations) + ".");
        }
        out.addAll(sentences);
        out.addAll(TextRules.describe(situation.resultImages()));
        return String.join(" ", out);
    }

    /** Returns the last tool result abbreviated, for questions about "the tool". */
    static String quote(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= QUOTE_CHARS) {
            return flat;
        }
        int cut = QUOTE_CHARS;
        if (Character.isHighSurrogate(flat.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        return flat.substring(0, cut) + "…";
    }

    private static String sentence(String text) {
        return text.matches("(?s).*[.!?…]$") ? text : text + ".";
    }

    private static String symbol(@Nullable String operation) {
        return switch (operation == null ? "" : operation) {
            case "add" -> "+";
            case "subtract" -> "-";
            case "multiply" -> "*";
            case "divide" -> "/";
            default -> "?";
        };
    }

    private static JsonNode arguments(Call call) {
        try {
            JsonNode args = Json.parse(call.arguments());
            return args != null && args.isObject() ? args : Json.object();
        } catch (JsonProcessingException e) {
            return Json.object();
        }
    }
}
