package dev.providers.conformance.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds binary arithmetic in text ("42 * 17", "15 plus 27") and computes it. */
final class Arithmetic {

    private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?)";

    private static final Pattern OPERATION = Pattern.compile(NUMBER
            + "\\s*(\\+|-|\\*|×|x|/|÷|plus|minus|times|multiplied by|divided by)\\s*" + NUMBER,
            Pattern.CASE_INSENSITIVE);

    private static final Pattern NUMBERS = Pattern.compile(NUMBER);

    private Arithmetic() { }

    /**
     * One binary operation.
     *
     * @param a the left operand
     * @param b the right operand
     * @param operation {@code add}, {@code subtract}, {@code multiply} or {@code divide} (the
     *     {@code math_operation} tool's enum)
     */
    record Operation(double a, double b, String operation) {

        /** Returns the value, NaN for a division by zero. */
        double value() {
            return switch (operation) {
                case "add" -> a + b;
                case "subtract" -> a - b;
                case "multiply" -> a * b;
                default -> b == 0 ? Double.NaN : a / b;
            };
        }

        /** Returns the operator symbol. */
        String symbol() {
            return switch (operation) {
                case "add" -> "+";
                case "subtract" -> "-";
                case "multiply" -> "*";
                default -> "/";
            };
        }

        /** Returns e.g. {@code 42 * 17}. */
        String expression() {
            return format(a) + " " + symbol() + " " + format(b);
        }

        /** Returns e.g. {@code 42 * 17 = 714}. */
        String equation() {
            return expression() + " = " + format(value());
        }
    }

    /** Returns every operation in the text, in order. */
    static List<Operation> find(String text) {
        List<Operation> out = new ArrayList<>();
        Matcher m = OPERATION.matcher(text);
        while (m.find()) {
            out.add(new Operation(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(3)),
                    operation(m.group(2))));
        }
        return out;
    }

    /** Returns every number in the text, in order. */
    static List<Double> numbers(String text) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBERS.matcher(text);
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    /** Returns a number as a person writes it: 714, 2.5, "undefined" for NaN. */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "undefined";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    /** Returns a number as a JSON value: an integer when it is whole. */
    static Number jsonNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (long) value;
        }
        return value;
    }

    private static String operation(String operator) {
        return switch (operator.toLowerCase(Locale.ROOT)) {
            case "+", "plus" -> "add";
            case "-", "minus" -> "subtract";
            case "/", "÷", "divided by" -> "divide";
            default -> "multiply";
        };
    }
}
