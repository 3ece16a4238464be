package dev.providers.conformance.reference;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the provider file of a profile: the declaration of a server conformant to its dialect
 * ({@code authHeader}, reasoning, images, prices, context, the dialect's compat flags: OpenAI's
 * for chat completions, the documented Gemini API's for Gemini), with the given compat
 * overrides merged in.
 */
final class ProviderFile {

    /** What an OpenAI-conformant endpoint declares; a fix overrides or extends these. */
    private static final Map<String, String> CONFORMANT_COMPAT = conformant();

    /** What Anthropic's own Messages API declares (the schema's defaults, spelled out). */
    private static final Map<String, String> ANTHROPIC_COMPAT = Map.of(
            "betaFeatures", "[fine-grained-tool-streaming-2025-05-14, "
                    + "interleaved-thinking-2025-05-14]",
            "supportsCacheControl", "true",
            "requiresThinkingSignature", "true",
            "supportsToolChoiceNone", "true",
            "thinkingMode", "budget");
    /** What OpenAI's Responses API takes beyond the dialect's defaults. */
    private static final Map<String, String> CONFORMANT_RESPONSES_COMPAT = responses();
    /** What a Gemini endpoint as documented declares: the flags' defaults, said out loud. */
    private static final Map<String, String> GEMINI_COMPAT = gemini();

    private ProviderFile() { }

    static String render(Profile profile, URI baseUrl, String apiKey,
            Map<String, String> overrides) {
        Map<String, String> compat = new LinkedHashMap<>(switch (profile.api()) {
            case Profile.ANTHROPIC_MESSAGES -> new TreeMap<>(ANTHROPIC_COMPAT);
            case Profile.RESPONSES_API -> CONFORMANT_RESPONSES_COMPAT;
            case GeminiRoutes.API -> GEMINI_COMPAT;
            default -> CONFORMANT_COMPAT;
        });
        compat.putAll(overrides);
        StringBuilder out = new StringBuilder();
        out.append("# The conformance kit's reference server, profile '").append(profile.id())
                .append("'.\n");
        out.append("# ").append(profile.description()).append('\n');
        if (!overrides.isEmpty()) {
            out.append("# With the compat fix for this profile applied.\n");
        }
        out.append("id: ").append(profile.providerId()).append('\n');
        out.append("name: ").append(quote("Reference server (" + profile.id() + ")"))
                .append('\n');
        out.append("api: ").append(profile.api()).append('\n');
        out.append("baseUrl: ").append(quote(baseUrl.toString())).append('\n');
        // a literal key; "${" would start an environment reference, so it is escaped
        out.append("apiKey: ").append(quote(apiKey.replace("${", "$${"))).append('\n');
        out.append("authHeader: true\n");
        out.append("compat:\n");
        compat.forEach((key, value) -> out.append("  ").append(key).append(": ").append(value)
                .append('\n'));
        out.append("models:\n");
        for (ServedModel model : ServedModel.ALL) {
            out.append("  - id: ").append(model.id()).append('\n');
            out.append("    name: ").append(quote(model.name())).append('\n');
            out.append("    reasoning: ").append(model.reasoning()).append('\n');
            out.append("    input: ").append(model.vision() ? "[text, image]" : "[text]")
                    .append('\n');
            out.append("    contextWindow: ").append(ServedModel.CONTEXT_WINDOW).append('\n');
            out.append("    maxTokens: ").append(ServedModel.MAX_TOKENS).append('\n');
            // a server that never reports cached tokens is declared without a cache price, as its
            // users would: a priced cache that is never read fails B10
            out.append("    cost: { input: 1.0, output: 2.0, cacheRead: ")
                    .append(profile.reportsCachedTokens() ? "0.1" : "0")
                    .append(", cacheWrite: 0 }\n");
        }
        return out.toString();
    }

    /** Returns a YAML double-quoted scalar. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static Map<String, String> gemini() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("toolSchemaFormat", "json-schema");
        out.put("sendToolCallIds", "true");
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, String> conformant() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("supportsStore", "true");
        out.put("supportsDeveloperRole", "true");
        out.put("maxTokensField", "max_completion_tokens");
        out.put("thinkingFormat", "openai");
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, String> responses() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("supportsLongCacheRetention", "true");
        out.put("imagesInToolResults", "true");
        return Collections.unmodifiableMap(out);
    }
}
