package dev.providers.engine.internal.config;

import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a regular expression against the ECMA-262 pattern grammar the way {@code new
 * RegExp(pattern)} does without flags (Annex B included), which is what JSON Schema's {@code
 * format: regex} means to editors and to Ajv's {@code ajv-formats}. Also measures how much
 * the pattern grows once its repetitions are expanded, since RE2/J compiles them out.
 *
 * <p>Only syntax is checked; what a valid pattern matches is left to the engine that runs it.
 * Group nesting is bounded, so the recursive descent cannot exhaust the stack.
 *
 * <p>Thread-safety: one instance checks one pattern; {@link #check} is static and reentrant.
 */
final class EcmaRegexSyntax {

    /** Deepest group nesting checked; deeper patterns are refused. */
    static final int MAX_GROUP_DEPTH = 32;
    /** Ceiling of the expanded-size estimate; larger counts saturate. */
    private static final long SATURATED = 1L << 40;

    /**
     * A syntax problem: what is wrong and the index in the pattern where it was found.
     *
     * @param inlineFlags the group such as {@code (?i)} when the problem is an inline flag
     */
    record Problem(String message, int index, @Nullable String inlineFlags) { }

    /** The outcome: a problem, or the expanded size of a valid pattern. */
    record Result(@Nullable Problem problem, long expandedSize) { }

    /** Thrown inside the descent to stop at the first problem. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient Problem problem;

        Stop(Problem problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }

    private final String s;
    private final int n;
    private final boolean namedGroups;
    private final Set<String> names = new HashSet<>();
    private final Set<String> references = new HashSet<>();
    private int i;

    private EcmaRegexSyntax(String pattern) {
        this.s = pattern;
        this.n = pattern.length();
        this.namedGroups = hasNamedGroups(pattern);
    }

    /** Checks {@code pattern}; never throws. */
    static Result check(String pattern) {
        EcmaRegexSyntax parser = new EcmaRegexSyntax(pattern);
        try {
            long size = parser.disjunction(0);
            if (parser.i < parser.n) {
                parser.fail("unmatched ')'");
            }
            for (String name : parser.references) {
                if (!parser.names.contains(name)) {
                    throw new Stop(new Problem("\\k<" + name + "> names no group", 0, null));
                }
            }
            return new Result(null, size);
        } catch (Stop stop) {
            return new Result(stop.problem, 0);
        }
    }

    private void fail(String message) {
        throw new Stop(new Problem(message, i, null));
    }

    private boolean at(char c) {
        return i < n && s.charAt(i) == c;
    }

    private boolean startsWith(String prefix) {
        return s.startsWith(prefix, i);
    }

    private long disjunction(int depth) {
        if (depth > MAX_GROUP_DEPTH) {
            fail("groups nest deeper than " + MAX_GROUP_DEPTH + " levels");
        }
        long size = alternative(depth);
        while (at('|')) {
            i++;
            size = add(size, alternative(depth));
        }
        return size;
    }

    private long alternative(int depth) {
        long size = 0;
        while (i < n && !at('|') && !at(')')) {
            size = add(size, term(depth));
        }
        return size;
    }

    private long term(int depth) {
        char c = s.charAt(i);
        switch (c) {
            case '^', '$' -> {
                i++;
                refuseQuantifier();
                return 1;
            }
            case '\\' -> {
                if (startsWith("\\b") || startsWith("\\B")) {
                    i += 2;
                    refuseQuantifier();
                    return 1;
                }
                atomEscape();
                return quantified(1);
            }
            case '(' -> {
                return group(depth);
            }
            case '[' -> {
                characterClass();
                return quantified(1);
            }
            case '*', '+', '?' -> {
                fail("nothing to repeat before '" + c + "'");
                return 0;
            }
            case '{' -> {
                if (bracedQuantifierLength() > 0) {
                    fail("nothing to repeat before '{'");
                }
                i++;
                return quantified(1);
            }
            default -> {
                i++; // '.', a literal, or ']' and '}' (literals in Annex B)
                return quantified(1);
            }
        }
    }

    private long group(int depth) {
        if (startsWith("(?<=") || startsWith("(?<!")) {
            i += 4;
            long inner = disjunction(depth + 1);
            close();
            refuseQuantifier(); // lookbehinds are never quantifiable
            return inner;
        }
        if (startsWith("(?=") || startsWith("(?!") || startsWith("(?:")) {
            i += 3;
        } else if (startsWith("(?<")) {
            i += 3;
            String name = groupName();
            if (!names.add(name)) {
                fail("duplicate group name '" + name + "'");
            }
        } else if (startsWith("(?")) {
            invalidGroup();
        } else {
            i++;
        }
        long inner = disjunction(depth + 1);
        close();
        return quantified(inner);
    }

    /** Fails at an unsupported {@code (?}, naming inline flags, the usual culprit. */
    private void invalidGroup() {
        int end = i + 2;
        while (end < n && Character.isLetter(s.charAt(end)) || end < n && s.charAt(end) == '-') {
            end++;
        }
        if (end > i + 2 && end < n && (s.charAt(end) == ')' || s.charAt(end) == ':')
                && s.charAt(i + 2) != 'P') {
            String flags = s.substring(i, end + 1);
            throw new Stop(new Problem("inline flags '" + flags + "' are not ECMA-262 syntax",
                    i, flags));
        }
        if (startsWith("(?P")) {
            fail("'(?P' is not ECMA-262 syntax; named groups are written (?<name>...)");
        }
        fail("invalid group '(?'");
    }

    private void close() {
        if (!at(')')) {
            fail("unterminated group");
        }
        i++;
    }

    private String groupName() {
        int start = i;
        while (i < n && s.charAt(i) != '>') {
            int cp = s.codePointAt(i);
            boolean ok = cp == '$' || cp == '_' || (i == start
                    ? Character.isUnicodeIdentifierStart(cp)
                    : (Character.isUnicodeIdentifierPart(cp)
                            && !Character.isIdentifierIgnorable(cp))
                            || cp == '\u200C' || cp == '\u200D');
            if (!ok) {
                fail("invalid group name");
            }
            i += Character.charCount(cp);
        }
        if (i == start || i >= n) {
            fail("invalid group name");
        }
        i++; // '>'
        return s.substring(start, i - 1);
    }

    /** Consumes an optional quantifier after an atom of {@code size}; returns the new size. */
    private long quantified(long size) {
        if (i >= n) {
            return size;
        }
        long times;
        char c = s.charAt(i);
        if (c == '*' || c == '+' || c == '?') {
            i++;
            times = 1;
        } else if (c == '{') {
            int length = bracedQuantifierLength();
            if (length == 0) {
                return size; // a literal '{' (Annex B)
            }
            long[] bounds = bracedBounds(i + 1, i + length - 1);
            if (bounds[1] >= 0 && bounds[0] > bounds[1]) {
                fail("numbers out of order in {} quantifier");
            }
            times = Math.max(bounds[0], bounds[1]);
            i += length;
        } else {
            return size;
        }
        if (at('?')) {
            i++; // lazy
        }
        return add(multiply(size, Math.max(times, 1)), 1);
    }

    private void refuseQuantifier() {
        if (i < n && ("*+?".indexOf(s.charAt(i)) >= 0 || bracedQuantifierLength() > 0)) {
            fail("nothing to repeat before '" + s.charAt(i) + "'");
        }
    }

    /** Returns the length of a {@code {n}}, {@code {n,}} or {@code {n,m}} at i, or 0. */
    private int bracedQuantifierLength() {
        if (!at('{')) {
            return 0;
        }
        int j = i + 1;
        int digits = j;
        while (j < n && Character.isDigit(s.charAt(j)) && s.charAt(j) < 128) {
            j++;
        }
        if (j == digits) {
            return 0;
        }
        if (j < n && s.charAt(j) == ',') {
            j++;
            while (j < n && Character.isDigit(s.charAt(j)) && s.charAt(j) < 128) {
                j++;
            }
        }
        return j < n && s.charAt(j) == '}' ? j - i + 1 : 0;
    }

    /** Returns {min, max} of the braced quantifier between indexes; max -1 when unbounded. */
    private long[] bracedBounds(int from, int to) {
        String body = s.substring(from, to);
        int comma = body.indexOf(',');
        long min = number(comma < 0 ? body : body.substring(0, comma));
        if (comma < 0) {
            return new long[] {min, min};
        }
        String max = body.substring(comma + 1);
        return new long[] {min, max.isEmpty() ? -1 : number(max)};
    }

    private static long number(String digits) {
        long value = 0;
        for (int k = 0; k < digits.length(); k++) {
            value = Math.min(SATURATED, value * 10 + (digits.charAt(k) - '0'));
        }
        return value;
    }

    private void atomEscape() {
        i++; // '\'
        if (i >= n) {
            fail("'\\' at the end of the pattern");
        }
        char c = s.charAt(i);
        if (c == 'k' && namedGroups) {
            i++;
            if (!at('<')) {
                fail("invalid named reference");
            }
            i++;
            references.add(groupName());
        } else if (c == 'c') {
            // a control escape, or else the backslash is a literal and 'c' comes next
            if (i + 1 < n && isAsciiLetter(s.charAt(i + 1))) {
                i += 2;
            }
        } else {
            i += hexEscapeLength(c) + 1;
        }
    }

    /** Returns how many hex digits follow an {@code x} or {@code u} escape at i (else 0). */
    private int hexEscapeLength(char c) {
        int digits = c == 'x' ? 2 : c == 'u' ? 4 : 0;
        if (digits == 0 || i + digits >= n) {
            return 0;
        }
        for (int k = 1; k <= digits; k++) {
            if (Character.digit(s.charAt(i + k), 16) < 0 || s.charAt(i + k) >= 128) {
                return 0;
            }
        }
        return digits;
    }

    private void characterClass() {
        i++; // '['
        if (at('^')) {
            i++;
        }
        while (true) {
            if (i >= n) {
                fail("unterminated character class");
            }
            if (at(']')) {
                i++;
                return;
            }
            int from = classAtom();
            if (at('-') && i + 1 < n && s.charAt(i + 1) != ']') {
                i++;
                int to = classAtom();
                if (from >= 0 && to >= 0 && from > to) {
                    fail("range out of order in character class");
                }
            }
        }
    }

    /** Consumes one class atom; returns its code unit, or -1 for a class such as {@code \d}. */
    private int classAtom() {
        char c = s.charAt(i);
        if (c != '\\') {
            i++;
            return c;
        }
        i++;
        if (i >= n) {
            fail("'\\' at the end of the pattern");
        }
        c = s.charAt(i);
        if ("dDsSwW".indexOf(c) >= 0) {
            i++;
            return -1;
        }
        if (c == 'b') {
            i++;
            return '\b';
        }
        if (c == 'c') {
            if (i + 1 < n && (isAsciiLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '_'
                    || (s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '9'))) {
                i += 2;
                return s.charAt(i - 1) % 32;
            }
            return '\\'; // a literal backslash; 'c' is the next atom
        }
        if (c == 'k' && namedGroups) {
            fail("invalid escape '\\k' in a character class");
        }
        if (c >= '0' && c <= '7') {
            int value = 0;
            int k = 0;
            while (k < 3 && i < n && s.charAt(i) >= '0' && s.charAt(i) <= '7'
                    && value * 8 + (s.charAt(i) - '0') <= 0377) {
                value = value * 8 + (s.charAt(i) - '0');
                i++;
                k++;
            }
            return value;
        }
        int hex = hexEscapeLength(c);
        if (hex > 0) {
            int value = Integer.parseInt(s.substring(i + 1, i + 1 + hex), 16);
            i += hex + 1;
            return value;
        }
        i++;
        return switch (c) {
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0B;
            default -> c; // an identity escape
        };
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Whether the pattern has a named group, which makes {@code \k} a reference everywhere. */
    private static boolean hasNamedGroups(String s) {
        boolean inClass = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                k++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (s.startsWith("(?<", k) && k + 3 < s.length() && s.charAt(k + 3) != '='
                    && s.charAt(k + 3) != '!') {
                return true;
            }
        }
        return false;
    }

    private static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    private static long multiply(long a, long b) {
        return a == 0 || b == 0 ? 0 : a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b);
    }
}
