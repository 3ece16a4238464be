package dev.providers.conformance.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.engine.spi.Dialects;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the importers know about this engine's dialects: the ids they map onto and the compat
 * flags of each registered dialect, read from its compat schema.
 *
 * <p>Thread-safety: stateless; reads the dialect registry.
 */
final class KnownDialects {

    /** The dialect ids pi and this engine share, which the importers carry over. */
    static final List<String> KNOWN = List.of("openai-completions", "openai-responses",
            "anthropic-messages", "google-generative-ai");

    private static final ObjectMapper JSON = new ObjectMapper();

    private KnownDialects() { }

    /** Whether the dialect sends the key as {@code Authorization: Bearer} in pi and the SDKs. */
    static boolean usesBearer(String api) {
        return api.startsWith("openai-");
    }

    /** Returns the flags of the dialect's compat schema, or empty if it is not registered. */
    static Optional<Set<String>> compatFlags(String api) {
        return Dialects.find(api).map(dialect -> {
            String schema = dialect.compatSchema();
            Set<String> flags = new LinkedHashSet<>();
            if (schema == null) {
                return flags;
            }
            try {
                JsonNode properties = JSON.readTree(schema).path("properties");
                properties.fieldNames().forEachRemaining(flags::add);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the compat schema of " + api
                        + " is not JSON", e);
            }
            return flags;
        });
    }
}
