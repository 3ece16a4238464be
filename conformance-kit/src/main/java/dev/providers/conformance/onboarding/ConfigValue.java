package dev.providers.conformance.onboarding;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How pi reads an {@code apiKey} or header value: {@code !command} runs a shell command, a bare
 * upper-case name (or {@code $NAME}, {@code ${NAME}}) names an environment variable, anything
 * else is the literal value.
 *
 * @param kind which of the three
 * @param envName the variable's name for {@link Kind#ENV}, else empty
 */
record ConfigValue(Kind kind, String envName) {

    /** The three kinds of value. */
    enum Kind { ENV, COMMAND, LITERAL }

    private static final Pattern BARE_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern REFERENCE =
            Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    // what SDK examples and pi's docs put in apiKey for local servers that ignore keys
    private static final Set<String> PLACEHOLDERS = Set.of("ollama", "lm-studio", "lmstudio",
            "llama.cpp", "llamacpp", "vllm", "none", "empty", "dummy", "placeholder", "local",
            "no-key", "nokey", "not-needed", "sk-no-key-required", "sk-dummy", "x", "-");

    private static final Pattern CREDENTIAL_HEADER = Pattern.compile(
            "(?i).*(key|token|auth|secret|passw|cookie|session|signature|credential).*");
    private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_\\-.=+/]{24,}");

    static ConfigValue of(String value) {
        if (value.startsWith("!")) {
            return new ConfigValue(Kind.COMMAND, "");
        }
        if (BARE_NAME.matcher(value).matches()) {
            return new ConfigValue(Kind.ENV, value);
        }
        Matcher reference = REFERENCE.matcher(value);
        if (reference.matches()) {
            String name = reference.group(1) != null ? reference.group(1) : reference.group(2);
            return new ConfigValue(Kind.ENV, name);
        }
        return new ConfigValue(Kind.LITERAL, "");
    }

    /** Whether a literal key is a placeholder that a local server ignores. */
    static boolean isPlaceholder(String literal) {
        return PLACEHOLDERS.contains(literal.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a literal header value may be a secret: the header's name says credential, or the
     * value looks like a token (a bearer value, an {@code sk-} key, 24+ token characters).
     */
    static boolean mayBeSecret(String header, String literal) {
        return CREDENTIAL_HEADER.matcher(header).matches()
                || literal.regionMatches(true, 0, "bearer ", 0, 7)
                || literal.startsWith("sk-")
                || TOKEN_LIKE.matcher(literal).matches();
    }
}
