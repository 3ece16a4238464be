package dev.providers.conformance.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The bookkeeping of one imported provider: the omissions and actions collected while its draft
 * is built, and the helpers that carry a compat object, headers and a key over by the same
 * rules for both importers.
 *
 * <p>Thread-safety: not thread-safe; one per provider being imported.
 */
final class Carry {

    private final String providerId;
    private final String source;
    final List<Omission> omissions = new ArrayList<>();
    final List<String> actions = new ArrayList<>();

    /**
     * @param providerId the id of the provider being written
     * @param source how comments name the input ("pi", "models.dev")
     */
    Carry(String providerId, String source) {
        this.providerId = providerId;
        this.source = source;
    }

    String providerId() {
        return providerId;
    }

    /** Returns a comment naming the input field: {@code "pi: contextWindow"}. */
    String from(String field) {
        return source + ": " + field;
    }

    void omit(String subject, String field, String value, String reason) {
        omissions.add(new Omission(subject, field, value, reason));
    }

    void action(String text) {
        if (!actions.contains(text)) {
            actions.add(text);
        }
    }

    /** Returns a short, secret-free rendering of a non-secret input value. */
    static String show(@Nullable JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    /**
     * Carries the flags of a compat object that the dialect declares; reports the others.
     *
     * @param sink receives each carried flag and its value
     */
    void compat(String subject, String api, JsonNode compat, CompatSink sink) {
        if (!compat.isObject()) {
            omit(subject, "compat", show(compat), "not an object");
            return;
        }
        Set<String> known = KnownDialects.compatFlags(api).orElse(null);
        compat.fields().forEachRemaining(entry -> {
            String flag = entry.getKey();
            if (known == null) {
                omit(subject, "compat." + flag, show(entry.getValue()), "the dialect " + api
                        + " is not registered in this engine, so its flags cannot be checked; "
                        + "add them once its dialect is installed");
            } else if (!known.contains(flag)) {
                omit(subject, "compat." + flag, show(entry.getValue()), "not a compat flag of "
                        + api + " here (`conformance schema --describe-compat --api " + api
                        + "` lists them)");
            } else {
                sink.put(flag, ImportInput.plain(entry.getValue()), from("compat." + flag));
            }
        });
    }

    /** Receives one carried compat flag. */
    interface CompatSink {
        void put(String flag, @Nullable Object value, String comment);
    }

    /** Receives one carried header: an environment reference or a literal. */
    interface HeaderSink {
        void fromEnv(String header, String envName, String comment);

        void literal(String header, String value, String comment);
    }

    /**
     * Carries pi-style header values: variable names become references, literals that may be
     * secrets and commands become a reference to {@code <ID>_<HEADER>} that the user must
     * export, other literals are written as they are.
     */
    void headers(String subject, JsonNode headers, HeaderSink sink) {
        if (!headers.isObject()) {
            omit(subject, "headers", "", "not an object");
            return;
        }
        headers.fields().forEachRemaining(entry -> {
            String header = entry.getKey();
            String field = "headers." + header;
            if (!header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                omit(subject, field, "", "not an HTTP header name");
                return;
            }
            if (!entry.getValue().isTextual()) {
                omit(subject, field, show(entry.getValue()), "not a string");
                return;
            }
            String value = entry.getValue().asText();
            ConfigValue kind = ConfigValue.of(value);
            String variable = Secrets.headerVariable(providerId, header);
            switch (kind.kind()) {
                case ENV -> sink.fromEnv(header, kind.envName(),
                        from(field + " names the variable " + kind.envName()));
                case COMMAND -> {
                    sink.fromEnv(header, variable, from(field + " was a shell command; export "
                            + "its output as " + variable));
                    omit(subject, field, "(a shell command, not shown)", "provider files "
                            + "read values from environment variables only; written as ${"
                            + variable + "}");
                    action("export " + variable + "=\"$(<the command from pi's " + field
                            + ">)\"");
                }
                case LITERAL -> {
                    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                        omit(subject, field, "(not shown)", "holds a line break");
                    } else if (ConfigValue.mayBeSecret(header, value)) {
                        sink.fromEnv(header, variable, from(field + " (a literal that may be a "
                                + "secret; export it as " + variable + ")"));
                        omit(subject, field, "(a literal that may be a secret, not shown)",
                                "secrets are never written to a file; written as ${" + variable
                                        + "}");
                        action("export " + variable + "=<the value of " + field + ">");
                    } else {
                        sink.literal(header, value, from(field));
                    }
                }
                default -> throw new IllegalStateException();
            }
        });
    }
}
