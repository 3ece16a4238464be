package dev.providers.engine.internal.config;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.internal.schema.Suggestions;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spi.Dialects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of dialects: the default, the ids that pi's providers use (which this engine may not
 * have yet), and the diagnostic for an {@code api} that no registered dialect has.
 *
 * <p>Thread-safety: stateless; the known ids are read from {@link Dialects} on each use.
 */
public final class ApiNames {

    /** The dialect of a provider file that names none. */
    public static final String DEFAULT = "openai-completions";

    /** The {@code api} ids of pi's providers, offered as "did you mean" even when absent here. */
    public static final List<String> WELL_KNOWN = List.of("openai-completions",
            "openai-responses", "azure-openai-responses", "anthropic-messages",
            "google-generative-ai", "google-vertex", "mistral-conversations",
            "bedrock-converse-stream");

    /**
     * pi's ids that this engine serves as another dialect with the provider file's own request
     * data, and what to write instead (docs/dialects/openai-responses.md §2).
     */
    static final Map<String, String> SERVED_AS = Map.of("azure-openai-responses",
            "Azure's Responses API is api: openai-responses with Azure's baseUrl "
                    + "(https://<resource>.openai.azure.com/openai/v1) and its key in an api-key "
                    + "header; the built-in provider azure-openai-responses is a template");

    /** How a dialect is added, as said in every diagnostic about a missing one. */
    static final String HOW_TO_ADD = "add its dialect as a JAR in extensions/ (the conformance "
            + "CLI) or on the class path (see README, 'Your own dialect')";

    private ApiNames() { }

    /** Returns whether a dialect with this id is registered. */
    public static boolean isKnown(String api) {
        return Dialects.find(api).isPresent();
    }

    /**
     * Returns the error for an {@code api} value no registered dialect has, at the value: the
     * registered ids, a "did you mean" among them and the well-known ones, and, for a well-known
     * id, that this engine lacks it and how to add it.
     */
    public static Diagnostic unknown(String api, Origin at, String pointer) {
        Set<String> known = new TreeSet<>(Dialects.ids());
        String knownList = "known dialects: " + String.join(", ", known);
        String servedAs = SERVED_AS.get(api);
        if (servedAs != null) {
            return new Diagnostic(Diagnostic.Severity.ERROR, at.source(), at.line(), at.column(),
                    pointer, "api '" + api + "' is not a dialect of this engine", null,
                    List.of("openai-responses"), servedAs + "; " + knownList);
        }
        if (WELL_KNOWN.contains(api)) {
            return new Diagnostic(Diagnostic.Severity.ERROR, at.source(), at.line(), at.column(),
                    pointer, "api '" + api + "' is not available in this engine: no registered "
                    + "dialect has that id", null, List.of(), HOW_TO_ADD + "; " + knownList);
        }
        Set<String> candidates = new TreeSet<>(known);
        candidates.addAll(WELL_KNOWN);
        List<String> suggestions = Suggestions.forInput(api, candidates);
        List<String> missing = new ArrayList<>();
        for (String suggestion : suggestions) {
            if (!known.contains(suggestion)) {
                missing.add("'" + suggestion + "'");
            }
        }
        String hint = knownList;
        if (!missing.isEmpty()) {
            hint = String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not available in this engine yet: " + HOW_TO_ADD + "; " + knownList;
        }
        return new Diagnostic(Diagnostic.Severity.ERROR, at.source(), at.line(), at.column(),
                pointer, "unknown api '" + api + "'", null, suggestions, hint);
    }
}
