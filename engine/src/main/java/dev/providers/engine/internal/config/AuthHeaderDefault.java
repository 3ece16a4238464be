package dev.providers.engine.internal.config;

import dev.providers.engine.spec.SecretRef;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.Dialects;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What {@code authHeader} means when a file leaves it out: a provider with a credential sends it
 * the way its dialect sends keys, as pi and most clients do, unless its own {@code headers}
 * already carry it. They carry it when they declare one of the dialect's key headers (any case:
 * {@code Authorization} for openai-completions, {@code x-api-key} for anthropic-messages,
 * {@code x-goog-api-key} for google-generative-ai) or a header whose value is the
 * {@code apiKey} itself or references one of its variables (Azure's
 * {@code api-key: ${AZURE_OPENAI_API_KEY}} next to {@code apiKey: ${AZURE_OPENAI_API_KEY}}).
 */
final class AuthHeaderDefault {

    private AuthHeaderDefault() { }

    /** Returns whether a provider that does not say {@code authHeader} sends its credential. */
    static boolean sends(String api, boolean hasCredential, @Nullable SecretRef apiKey,
            Map<String, SecretRef> headers) {
        return hasCredential && !carried(api, apiKey, headers);
    }

    /** Returns whether {@code headers} already carry the credential (see the class comment). */
    static boolean carried(String api, @Nullable SecretRef apiKey,
            Map<String, SecretRef> headers) {
        Set<String> keyHeaders = keyHeaderNames(api);
        for (Map.Entry<String, SecretRef> header : headers.entrySet()) {
            if (containsIgnoreCase(keyHeaders, header.getKey())) {
                return true;
            }
            if (apiKey != null && references(header.getValue(), apiKey)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the names of the headers the dialect sends a key in ({@code Authorization}). */
    static Set<String> keyHeaderNames(String api) {
        return Dialects.find(api).map(AuthHeaderDefault::names)
                .orElse(Set.of("Authorization"));
    }

    private static Set<String> names(Dialect dialect) {
        return dialect.authHeaders("k").keySet();
    }

    private static boolean references(SecretRef value, SecretRef apiKey) {
        if (value.equals(apiKey)) {
            return true;
        }
        for (String name : apiKey.envNames()) {
            if (value.envNames().contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(Collection<String> names, String name) {
        for (String candidate : names) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
