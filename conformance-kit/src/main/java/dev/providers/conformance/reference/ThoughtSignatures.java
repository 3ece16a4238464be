package dev.providers.conformance.reference;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * The reference server's thought signatures: opaque base64 to a client, recognisable to the
 * server, so that it can do what Gemini 3 does (docs/dialects/google-generative-ai.md §3.2):
 * refuse a function call of the current turn that comes back without its signature, and a
 * signature that was altered. Google's documented placeholders are accepted in place of one.
 */
final class ThoughtSignatures {

    /** The values Google documents for a call whose signature was never known. */
    static final Set<String> PLACEHOLDERS = Set.of("skip_thought_signature_validator",
            "context_engineering_is_the_way_to_go");

    private static final String PREFIX = "ref-thought-v1:";

    private ThoughtSignatures() { }

    /** Returns a signature for a step of a response of {@code model}. */
    static String issue(String model, String responseId, int step) {
        return Base64.getEncoder().encodeToString((PREFIX + model + ":" + responseId + ":"
                + step).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns whether a signature sent back is one this server issued, or a placeholder. */
    static boolean isValid(String signature) {
        if (PLACEHOLDERS.contains(signature)) {
            return true;
        }
        try {
            String text = new String(Base64.getDecoder().decode(signature),
                    StandardCharsets.UTF_8);
            return text.startsWith(PREFIX);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
