package dev.providers.engine.internal.schema;

import java.util.Map;
import java.util.Set;

/**
 * Plain-language messages for the schemas' {@code pattern} and {@code propertyNames} checks,
 * by the location of the schema object that holds them. They live here, not in the schemas,
 * because JSON Schema has no standard keyword for them and strict validators (Ajv in strict
 * mode, which editors use) refuse unknown keywords.
 *
 * <p>Thread-safety: immutable.
 */
final class PatternMessages {

    private static final String PROVIDER = SchemaCatalog.PROVIDER_SCHEMA + "#";

    private static final Map<String, String> MESSAGES = Map.of(
            PROVIDER + "/properties/id",
            "must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
            PROVIDER + "/properties/queryParams/propertyNames",
            "is not a valid query parameter name: use letters, digits, '.', '_', '~' or '-'",
            PROVIDER + "/$defs/api",
            "must be a dialect id: letters, digits, '.', '_' or '-', starting with a letter or "
                    + "digit",
            PROVIDER + "/$defs/baseUrl",
            "must be an absolute http:// or https:// URL without whitespace or control "
                    + "characters",
            PROVIDER + "/$defs/tokenEndpoint",
            "must be an absolute https:// URL (http:// only for a loopback host) without "
                    + "whitespace or control characters",
            PROVIDER + "/$defs/auth/properties/extraParams/propertyNames",
            "is not a valid form parameter name: use letters, digits, '.', '_', '~' or '-'",
            PROVIDER + "/$defs/secret",
            "must not contain CR or LF characters",
            PROVIDER + "/$defs/headers/propertyNames",
            "is not a valid HTTP header name (an RFC 9110 token)",
            PROVIDER + "/$defs/model/properties/id",
            "must be non-empty, without whitespace (U+00A0 and other Unicode spaces too) or "
                    + "control characters");

    private PatternMessages() { }

    /**
     * Returns the message for a pattern held by the schema object at {@code location} (for
     * example {@code provider.schema.json#/$defs/secret}), or {@code fallback}.
     */
    static String at(String location, String fallback) {
        return MESSAGES.getOrDefault(location, fallback);
    }

    /** Returns every location that has a message. */
    static Set<String> locations() {
        return MESSAGES.keySet();
    }
}
