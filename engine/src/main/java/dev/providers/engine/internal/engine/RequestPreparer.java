package dev.providers.engine.internal.engine;

import dev.providers.engine.StreamOptions;
import dev.providers.engine.internal.config.BaseUrlTemplate;
import dev.providers.engine.internal.errors.OverflowDetector;
import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.internal.errors.RetryPolicy;
import dev.providers.engine.internal.http.HttpSettings;
import dev.providers.engine.internal.http.PreparedRequest;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.AuthSpec;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import dev.providers.engine.spec.TransportSettings;
import dev.providers.engine.spec.UnresolvedSecretException;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.DialectRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns a dialect's request into one the transport can send: the URL (base URL, the dialect's
 * path and query, the provider's query parameters), the headers in their order of precedence
 * (provider, model, the dialect's auth headers, the dialect's, per call; later wins, a per-call
 * null removes, empty values are dropped), secrets resolved from the environment, and the
 * timeouts and retries in force (call > provider > engine).
 *
 * <p>Thread-safety: immutable apart from concurrent caches of overflow detectors, redactors and
 * endpoints without query parameters (the URL then depends on the base URL and path alone).
 */
public final class RequestPreparer {

    /** The value of the User-Agent header. */
    static final String USER_AGENT = "providers-engine/0.1";
    /** What observers see in place of a secret-capable value. */
    static final String MASK = "***";
    /** Headers whose values are shown to observers: the engine sets them, they hold no secret. */
    private static final java.util.Set<String> PUBLIC_HEADERS =
            java.util.Set.of("content-type", "accept", "user-agent");

    private final HttpSettings defaults;
    private final Function<String, @Nullable String> environment;
    private final Map<List<String>, OverflowDetector> detectors = new ConcurrentHashMap<>();
    /** Endpoints without query parameters by base URL and path: they depend on nothing else. */
    private final Map<List<Object>, URI> endpoints = new ConcurrentHashMap<>();
    /** Redactors by the secret values they know; values rarely change, so few are built. */
    private final Map<List<List<String>>, Redactor> redactors = new ConcurrentHashMap<>();
    /** The most redactors kept; beyond it the cache starts over (values were rotated a lot). */
    private static final int MAX_REDACTORS = 256;

    public RequestPreparer(HttpSettings defaults, Function<String, @Nullable String> environment) {
        this.defaults = defaults;
        this.environment = environment;
    }

    /**
     * Returns the request to send.
     *
     * @throws UnresolvedSecretException naming the environment variable that is not set
     */
    public PreparedRequest prepare(ResolvedModel model, Dialect dialect, DialectRequest encoded,
            OverflowDetector overflow, StreamOptions options) {
        return prepare(model, dialect, encoded, overflow, options, null, List.of());
    }

    /**
     * Returns the request to send with {@code credential} (a key of {@code apiKeys} or a token,
     * sent like a key; null: the provider's {@code apiKey}), whose error texts are redacted of
     * the credential and of {@code obtained}, the provider's secrets obtained at run time.
     *
     * @throws UnresolvedSecretException naming the environment variable that is not set
     */
    public PreparedRequest prepare(ResolvedModel model, Dialect dialect, DialectRequest encoded,
            OverflowDetector overflow, StreamOptions options, @Nullable String credential,
            List<String> obtained) {
        Map<String, String> headers = baseHeaders(model.provider(), model.headers(), dialect,
                credential);
        put(headers, "Content-Type", "application/json");
        put(headers, "Accept", encoded.accept());
        encoded.headers().forEach((name, value) -> put(headers, name, value));
        options.headers().forEach((name, value) -> {
            remove(headers, name);
            if (value != null && !value.isEmpty()) {
                headers.put(name, value);
            }
        });
        List<Map.Entry<String, String>> list = new ArrayList<>(headers.size());
        // the masked copies are for wire observers only
        List<Map.Entry<String, String>> masked = options.wireObserver() == null ? List.of()
                : new ArrayList<>(headers.size());
        headers.forEach((name, value) -> {
            list.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            if (options.wireObserver() != null) {
                masked.add(new AbstractMap.SimpleImmutableEntry<>(name, PUBLIC_HEADERS.contains(
                        name.toLowerCase(java.util.Locale.ROOT)) ? value : MASK));
            }
        });

        TransportSettings provider = model.provider().transport();
        RetryPolicy retry = new RetryPolicy(
                first(options.maxRetries(), provider.maxRetries(), defaults.maxRetries()),
                first(provider.maxRetryDelay(), defaults.maxRetryDelay()));
        URI uri;
        URI maskedUri;
        if (model.provider().queryParams().isEmpty() && encoded.query().isEmpty()
                && !BaseUrlTemplate.isTemplate(model.baseUrl())) {
            uri = endpoints.computeIfAbsent(List.of(model.baseUrl(), encoded.path()),
                    key -> endpoint(model.baseUrl(), model.provider(), encoded.path(), Map.of(),
                            false));
            maskedUri = uri; // nothing to mask
        } else {
            uri = endpoint(model.baseUrl(), model.provider(), encoded.path(), encoded.query(),
                    false);
            maskedUri = endpoint(model.baseUrl(), model.provider(), encoded.path(),
                    encoded.query(), true);
        }
        return new PreparedRequest(uri, List.copyOf(list), encoded.body(),
                first(provider.connectTimeout(), defaults.connectTimeout()),
                first(options.headersTimeout(), provider.headersTimeout(),
                        defaults.headersTimeout()),
                first(options.idleTimeout(), provider.idleTimeout(), defaults.idleTimeout()),
                first(options.totalTimeout(), provider.totalTimeout(), defaults.totalTimeout()),
                retry, overflow, maskedUri, List.copyOf(masked),
                redactor(model.provider(), model.headers(), options.headers(),
                        credential == null ? obtained : with(obtained, credential)));
    }

    private static List<String> with(List<String> values, String value) {
        List<String> all = new ArrayList<>(values.size() + 1);
        all.addAll(values);
        all.add(value);
        return all;
    }

    /**
     * Returns the redactor of every secret a request to this provider may carry, as resolved
     * now: the API key and every environment variable a header or query value references
     * (masked whole and in part), and every header and query value as a whole (provider, model
     * and per-call headers). Values that cannot be resolved are skipped.
     */
    public Redactor redactor(ProviderSpec provider, Map<String, SecretRef> modelHeaders,
            Map<String, @Nullable String> callHeaders) {
        return redactor(provider, modelHeaders, callHeaders, List.of());
    }

    /**
     * Returns the redactor of {@link #redactor(ProviderSpec, Map, Map)} that also knows the
     * credential settings ({@code apiKeys}, the {@code auth} block's client id, secret, extra
     * parameters and helper arguments) and {@code obtained}: secrets obtained at run time
     * (tokens, a helper's output), masked whole and in part.
     */
    public Redactor redactor(ProviderSpec provider, Map<String, SecretRef> modelHeaders,
            Map<String, @Nullable String> callHeaders, List<String> obtained) {
        List<String> secrets = new ArrayList<>(obtained);
        List<String> values = new ArrayList<>();
        if (provider.apiKey() != null) {
            collect(provider.apiKey(), secrets, secrets);
        }
        provider.apiKeys().forEach(key -> collect(key, secrets, secrets));
        authSecrets(provider.auth(), secrets, values);
        provider.headers().values().forEach(value -> collect(value, secrets, values));
        modelHeaders.values().forEach(value -> collect(value, secrets, values));
        provider.queryParams().values().forEach(value -> collect(value, secrets, values));
        callHeaders.values().forEach(value -> {
            if (value != null) {
                values.add(value);
            }
        });
        if (secrets.isEmpty() && values.isEmpty()) {
            return Redactor.NONE;
        }
        List<List<String>> key = List.of(List.copyOf(secrets), List.copyOf(values));
        Redactor known = redactors.get(key);
        if (known != null) {
            return known;
        }
        if (redactors.size() >= MAX_REDACTORS) {
            redactors.clear();
        }
        Redactor built = Redactor.of(secrets, values);
        redactors.put(key, built);
        return built;
    }

    /** Adds the secrets of an {@code auth} block: the client's and the helper's. */
    private void authSecrets(@Nullable AuthSpec auth, List<String> secrets, List<String> values) {
        if (auth instanceof AuthSpec.ClientCredentials client) {
            collect(client.clientSecret(), secrets, secrets);
            collect(client.clientId(), secrets, values);
            client.extraParams().values().forEach(value -> collect(value, secrets, values));
        } else if (auth instanceof AuthSpec.Device device) {
            collect(device.clientId(), secrets, values);
            if (device.clientSecret() != null) {
                collect(device.clientSecret(), secrets, secrets);
            }
        } else if (auth instanceof AuthSpec.AuthorizationCode code) {
            collect(code.clientId(), secrets, values);
            if (code.clientSecret() != null) {
                collect(code.clientSecret(), secrets, secrets);
            }
        } else if (auth instanceof AuthSpec.Command command) {
            // only what the arguments take from the environment: the program's name is no secret
            command.command().forEach(argument -> argument.envNames().forEach(name -> {
                String value = environment.apply(name);
                if (value != null && !value.isEmpty()) {
                    secrets.add(value);
                }
            }));
        }
    }

    /**
     * Adds the values of the variables a secret references to {@code secrets} and its resolved
     * value to {@code values}.
     */
    private void collect(SecretRef secret, List<String> secrets, List<String> values) {
        for (String name : secret.envNames()) {
            String value = environment.apply(name);
            if (value != null && !value.isEmpty()) {
                secrets.add(value);
            }
        }
        try {
            values.add(resolve(secret));
        } catch (UnresolvedSecretException e) {
            // nothing to redact: the request cannot carry it
        }
    }

    /**
     * Returns a provider's own headers (with {@code extra} applied over them) and its auth
     * header, secrets resolved.
     *
     * @throws UnresolvedSecretException naming the environment variable that is not set
     */
    public Map<String, String> baseHeaders(ProviderSpec provider, Map<String, SecretRef> extra,
            Dialect dialect) {
        return baseHeaders(provider, extra, dialect, null);
    }

    /**
     * Returns a provider's own headers and its auth header carrying {@code credential} (a key of
     * {@code apiKeys} or a token), or its {@code apiKey} when that is null; secrets resolved.
     *
     * @throws UnresolvedSecretException naming the environment variable that is not set
     */
    public Map<String, String> baseHeaders(ProviderSpec provider, Map<String, SecretRef> extra,
            Dialect dialect, @Nullable String credential) {
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, "User-Agent", USER_AGENT);
        provider.headers().forEach((name, value) -> put(headers, name, resolve(value)));
        extra.forEach((name, value) -> put(headers, name, resolve(value)));
        SecretRef key = provider.apiKey();
        String sent = credential != null ? credential
                : provider.authHeader() && key != null ? resolve(key) : null;
        if (provider.authHeader() && sent != null && !sent.isEmpty()) {
            dialect.authHeaders(sent).forEach((name, value) -> put(headers, name, value));
        }
        return headers;
    }

    /** Returns {@code {baseUrl}/{path}} with the provider's query parameters. */
    public URI endpoint(URI baseUrl, ProviderSpec provider, String path) {
        return endpoint(baseUrl, provider, path, Map.of(), false);
    }

    /**
     * Returns {@code {baseUrl}/{path}} with the dialect's query parameters {@code query} (such
     * as a model list's next page), then the provider's.
     */
    public URI endpoint(URI baseUrl, ProviderSpec provider, String path,
            Map<String, String> query) {
        return endpoint(baseUrl, provider, path, query, false);
    }

    private URI endpoint(URI baseUrl, ProviderSpec provider, String path,
            Map<String, String> dialectQuery, boolean mask) {
        // a ${VAR} in the base URL is resolved per request, like a secret
        String base = BaseUrlTemplate.resolve(baseUrl, name -> {
            String v = environment.apply(name);
            return v == null || v.isEmpty() ? null : v;
        }).toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        StringBuilder url = new StringBuilder(base).append('/').append(path);
        char separator = '?';
        for (Map.Entry<String, String> param : dialectQuery.entrySet()) {
            url.append(separator).append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(param.getValue(),
                            StandardCharsets.UTF_8));
            separator = '&';
        }
        for (Map.Entry<String, SecretRef> param : provider.queryParams().entrySet()) {
            url.append(separator).append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(mask ? MASK : URLEncoder.encode(
                            resolve(param.getValue()), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(url.toString());
    }

    /** Returns the overflow detector of the built-in patterns plus {@code extra}. */
    public OverflowDetector overflowDetector(List<String> extra) {
        return detectors.computeIfAbsent(List.copyOf(extra),
                patterns -> OverflowDetector.defaults().withExtraPatterns(patterns));
    }

    /** Resolves a secret; a variable set to the empty string counts as not set. */
    private String resolve(SecretRef secret) {
        return secret.resolve(name -> {
            String v = environment.apply(name);
            return v == null || v.isEmpty() ? null : v;
        });
    }

    private static void put(Map<String, String> headers, String name, String value) {
        remove(headers, name);
        if (!value.isEmpty()) {
            headers.put(name, value);
        }
    }

    /** Removes the header with this name in any case (every put keeps at most one). */
    private static void remove(Map<String, String> headers, String name) {
        if (headers.remove(name) != null) {
            return;
        }
        for (Iterator<String> names = headers.keySet().iterator(); names.hasNext(); ) {
            if (names.next().equalsIgnoreCase(name)) {
                names.remove();
                return;
            }
        }
    }

    @SafeVarargs
    private static <T> T first(@Nullable T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalStateException("no default");
    }
}
