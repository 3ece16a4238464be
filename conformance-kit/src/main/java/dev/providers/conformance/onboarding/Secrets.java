package dev.providers.conformance.onboarding;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules a draft follows for secrets: keys and credential headers are written only as
 * {@code ${ENV_NAME}} references, and literal header values are escaped so that they are never
 * read as a reference.
 *
 * <p>Thread-safety: stateless.
 */
final class Secrets {

    /** The names the engine resolves in {@code ${...}}. */
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Secrets() { }

    /** Returns {@code ${name}}, or throws if the name is not an environment variable name. */
    static String reference(String envName) {
        if (!ENV_NAME.matcher(envName).matches()) {
            throw new IllegalArgumentException("not an environment variable name: '" + envName
                    + "' (expected [A-Za-z_][A-Za-z0-9_]*)");
        }
        return "${" + envName + "}";
    }

    /** Returns the literal with every {@code ${} escaped as {@code $${}, as the engine reads it. */
    static String literal(String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header value cannot hold CR or LF");
        }
        return value.replace("${", "$${");
    }

    /**
     * Returns the conventional variable for a provider's key: the id in upper case, every
     * character that a variable name cannot hold replaced by '_', then {@code _API_KEY}.
     */
    static String keyVariable(String providerId) {
        return variable(providerId) + "_API_KEY";
    }

    /** Returns {@code <ID>_<HEADER>}, the variable a header value of the provider is read from. */
    static String headerVariable(String providerId, String header) {
        return variable(providerId) + "_" + variable(header);
    }

    private static String variable(String text) {
        String name = text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }
}
