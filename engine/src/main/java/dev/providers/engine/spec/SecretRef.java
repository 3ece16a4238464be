package dev.providers.engine.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A secret-capable value from a provider file: a literal or a template with {@code ${ENV_NAME}}
 * references, resolved only when a request is made.
 *
 * <p>The value never appears in {@link #toString()}, in exceptions or in any output: only the
 * names of the environment variables it references may be shown. {@code $${} writes a literal
 * {@code ${}; a {@code $} that is not followed by {@code {} is literal. A value read with
 * {@link #readingBareName()} that is a bare upper-case name ({@code MY_API_KEY}) is read as pi
 * reads it: the variable's value when it is set at request time, else the name itself.
 *
 * <p>Thread-safety: immutable.
 */
public final class SecretRef {

    /** What pi reads as the name of an environment variable. */
    private static final Pattern BARE_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final String template;
    private final List<Part> parts;
    private final boolean bare;

    private SecretRef(String template, List<Part> parts) {
        this(template, parts, false);
    }

    private SecretRef(String template, List<Part> parts, boolean bare) {
        this.template = template;
        this.parts = parts;
        this.bare = bare;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException if a {@code ${} reference is malformed; the message gives
     *     the 1-based character position and never the value
     */
    public static SecretRef parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '$' && template.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (c == '$' && template.startsWith("${", i)) {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '${' at character " + (i + 1)
                            + "; write '$${' for a literal '${'");
                }
                String name = template.substring(i + 2, close);
                if (!isEnvName(name)) {
                    throw new IllegalArgumentException("'${...}' at character " + (i + 1)
                            + " must name an environment variable ([A-Za-z_][A-Za-z0-9_]*)");
                }
                if (literal.length() > 0) {
                    parts.add(new Part(literal.toString(), false));
                    literal.setLength(0);
                }
                parts.add(new Part(name, true));
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), false));
        }
        return new SecretRef(template, List.copyOf(parts));
    }

    /** Returns a reference to one environment variable. */
    public static SecretRef env(String name) {
        if (!isEnvName(name)) {
            throw new IllegalArgumentException("not an environment variable name: " + name);
        }
        return parse("${" + name + "}");
    }

    /** Returns a literal value, escaped so that no part of it is read as a reference. */
    public static SecretRef literal(String value) {
        return new SecretRef(value.replace("${", "$${"), List.of(new Part(value, false)));
    }

    /**
     * Returns this value as pi reads {@code apiKey} and header values: when it is a bare
     * upper-case name (matching {@code [A-Z][A-Z0-9_]*}), a value that is the environment
     * variable of that name when it is set and not empty at request time, else the name as a
     * literal; any other value unchanged.
     */
    public SecretRef readingBareName() {
        if (bare || parts.size() != 1 || parts.get(0).reference
                || !BARE_NAME.matcher(parts.get(0).text).matches()) {
            return this;
        }
        return new SecretRef(template, parts, true);
    }

    /**
     * Returns the variable name a bare upper-case value may be read from (see
     * {@link #readingBareName()}), or null when this value is not one.
     */
    public @Nullable String bareName() {
        return bare ? parts.get(0).text : null;
    }

    /**
     * Returns the names of the environment variables this value references, in order; the name
     * of a bare value is not among them, since it need not be set.
     */
    public Set<String> envNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part.reference) {
                names.add(part.text);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** Returns whether the value is a single {@code ${NAME}} reference and nothing else. */
    public boolean isPureReference() {
        return parts.size() == 1 && parts.get(0).reference;
    }

    /**
     * Resolves the value against an environment.
     *
     * @param environment returns a variable's value, or null when it is not set
     * @throws UnresolvedSecretException naming the first variable that is not set
     */
    public String resolve(Function<String, @Nullable String> environment) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (!part.reference) {
                String named = bare ? environment.apply(part.text) : null;
                out.append(named == null || named.isEmpty() ? part.text : named);
                continue;
            }
            String value = environment.apply(part.text);
            if (value == null) {
                throw new UnresolvedSecretException(part.text);
            }
            out.append(value);
        }
        return out.toString();
    }

    /**
     * Returns a display form that is safe to print: the references by name, and literal text as
     * {@code ***}.
     */
    public String redacted() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part.reference ? "${" + part.text + "}" : "***");
        }
        return out.length() == 0 ? "\"\"" : out.toString();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SecretRef other && template.equals(other.template)
                && bare == other.bare;
    }

    @Override
    public int hashCode() {
        return template.hashCode() * 31 + (bare ? 1 : 0);
    }

    /** Returns {@code SecretRef[<redacted form>]}; never the value. */
    @Override
    public String toString() {
        return "SecretRef[" + redacted() + "]";
    }

    private static boolean isEnvName(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private record Part(String text, boolean reference) { }
}
