package dev.providers.engine.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.spec.SecretRef;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A provider file exactly as declared, bound from a schema-valid tree. Absent keys stay null so
 * that overrides can tell "not declared" from "declared as the default".
 */
public record ProviderDocument(
        String id,
        @Nullable String name,
        @Nullable String api,
        @Nullable String baseUrl,
        @Nullable SecretRef apiKey,
        @Nullable List<SecretRef> apiKeys,
        @Nullable AuthDocument auth,
        @Nullable Boolean authHeader,
        @Nullable Map<String, SecretRef> headers,
        @Nullable Map<String, SecretRef> queryParams,
        @Nullable Boolean enabled,
        @Nullable Integer maxRetries,
        @Nullable Double maxRetryDelay,
        @Nullable Timeouts timeouts,
        @Nullable JsonNode compat,
        @Nullable List<ModelDocument> models) {

    /** One model entry as declared. */
    public record ModelDocument(
            String id,
            @Nullable String name,
            @Nullable String api,
            @Nullable String baseUrl,
            @Nullable Boolean reasoning,
            @Nullable List<String> input,
            @Nullable CostDocument cost,
            @Nullable Integer contextWindow,
            @Nullable Integer maxTokens,
            @Nullable Map<String, SecretRef> headers,
            @Nullable Map<String, @Nullable String> thinkingLevelMap,
            @Nullable JsonNode compat) { }

    /** The {@code auth} block as declared; which keys apply depends on {@code type}. */
    public record AuthDocument(
            String type,
            @Nullable List<SecretRef> command,
            @Nullable Double ttl,
            @Nullable String tokenUrl,
            @Nullable String deviceAuthorizationUrl,
            @Nullable String authorizationUrl,
            @Nullable SecretRef clientId,
            @Nullable SecretRef clientSecret,
            @Nullable String clientAuth,
            @Nullable String scope,
            @Nullable String audience,
            @Nullable Map<String, SecretRef> extraParams,
            @Nullable String prompt) { }

    /** Timeouts in seconds as declared. */
    public record Timeouts(@Nullable Double connect, @Nullable Double headers,
            @Nullable Double idle, @Nullable Double total) { }

    /** Prices as declared; absent prices are zero. */
    public record CostDocument(
            @Nullable Double input,
            @Nullable Double output,
            @Nullable Double cacheRead,
            @Nullable Double cacheWrite) { }
}
