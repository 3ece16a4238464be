package dev.providers.conformance.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Probes an LLM server from a URL and drafts its provider file ({@code conformance init}): the
 * base path that answers a model list ({@code /v1} appended, a trailing
 * {@code /chat/completions} and the like removed, {@code /v1beta} for Gemini), the dialects that
 * answer a tiny request, whether a key is needed, and what the server tells about each model,
 * each value with a comment naming its source. Bounded: each request at most 5 s, all at most
 * 60 s; redirects only within the same origin; the key is sent, never logged or written.
 *
 * <p>Thread-safety: immutable; {@link #probe} may run concurrently.
 */
public final class EndpointProbe {

    /** The dialects tried, in the order of preference. */
    public static final List<String> DIALECTS = List.of("openai-completions",
            "openai-responses", "anthropic-messages", "google-generative-ai");

    private static final String ANTHROPIC_VERSION = "2023-06-01";
    private static final int MAX_MODELS = 100;
    private static final String PLACEHOLDER_MODEL = "replace-with-a-model-id";
    private static final List<String> ENDPOINT_SUFFIXES = List.of("/chat/completions",
            "/completions", "/responses", "/messages");

    private final Clock clock;
    private final Duration budget;

    private EndpointProbe(Clock clock, Duration budget) {
        this.clock = clock;
        this.budget = budget;
    }

    /** Returns a probe with the 60 s budget on the system clock. */
    public static EndpointProbe create() {
        return new EndpointProbe(Clock.systemUTC(), ProbeClient.BUDGET);
    }

    /**
     * What {@code init} was asked: the URL, the key (null when none was given), the environment
     * variable the file will name, a dialect to force and an id to use (null: detect, derive).
     */
    public record Request(URI url, @Nullable String key, @Nullable String keyVariable,
            @Nullable String api, @Nullable String id) {

        @Override
        public String toString() {
            // the key stays out of every printout
            return "Request[" + url + ", key " + (key == null ? "none" : "given") + "]";
        }
    }

    /**
     * The outcome: the draft (null when nothing usable answered), one line per probe, the
     * dialects that answered, whether a key is needed but missing, and lines for the user.
     */
    public record Result(@Nullable ProviderFileDraft draft, List<String> probes,
            List<String> dialects, boolean keyMissing, List<String> notes) {

        /** Copies the lists. */
        public Result {
            probes = List.copyOf(probes);
            dialects = List.copyOf(dialects);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Probes the server and returns the draft with the log of what was tried.
     *
     * @throws IllegalArgumentException if the URL is not an absolute http or https URL
     */
    public Result probe(Request request) {
        URI url = clean(request.url());
        try (ProbeClient client = new ProbeClient(clock, budget)) {
            return probe(request, url, client);
        }
    }

    private Result probe(Request request, URI url, ProbeClient client) {
        List<String> notes = new ArrayList<>();
        String key = request.key();
        URI listed = null;
        JsonNode list = null;
        Map<String, String> auth = Map.of();
        URI refused = null;
        for (URI base : candidates(url)) {
            if (!client.hasTime()) {
                break;
            }
            for (Map<String, String> headers : authVariants(key)) {
                ProbeClient.Answer answer = client.get(child(base, "/models"), headers);
                JsonNode json = answer.json();
                if (json != null && !ModelMetadata.ids(json).isEmpty()) {
                    client.annotate(answer, ModelMetadata.ids(json).size() + " models");
                    listed = base;
                    list = json;
                    auth = headers;
                    break;
                }
                if (!answer.unauthorized()) {
                    break;
                }
                refused = refused == null ? base : refused;
            }
            if (list != null) {
                break;
            }
        }
        if (list != null && ModelMetadata.kindFromList(list, listed) == ServerKind.GEMINI
                && !listed.getPath().endsWith("/v1beta")) {
            // Google serves v1beta; a server that also lists under it wants that base
            URI beta = child(origin(listed), "/v1beta");
            JsonNode betaList = client.get(child(beta, "/models"), auth).json();
            if (betaList != null && !ModelMetadata.ids(betaList).isEmpty()) {
                listed = beta;
                list = betaList;
            }
        }
        String keyVariable = request.keyVariable();
        if (list == null) {
            if (refused != null && key == null) {
                return keyNeeded(request, refused, client, notes);
            }
            if (refused != null) {
                notes.add("the server refused the key (HTTP 401/403) at " + refused);
            }
            return new Result(null, client.log(), List.of(), false, notes);
        }
        List<String> ids = ModelMetadata.ids(list);
        if (ids.size() > MAX_MODELS) {
            notes.add("the server lists " + ids.size() + " models; the file has the first "
                    + MAX_MODELS + " (edit `models:` to keep the ones you use)");
            ids = ids.subList(0, MAX_MODELS);
        }
        List<String> answering = dialects(request, listed, ids.get(0), key, client);
        if (answering.isEmpty()) {
            notes.add("the server lists models at " + listed + "/models, but no dialect "
                    + "answered a request for " + ids.get(0));
            return new Result(null, client.log(), answering, false, notes);
        }
        String api = request.api() != null ? request.api() : answering.get(0);
        Map<String, ModelFacts> models = ModelMetadata.factsFor(ids);
        ServerKind kind = metadata(client, listed, list, auth, models);
        String id = request.id() != null ? request.id() : idFor(kind, url);
        ProviderFileDraft.Builder draft = ProviderFileDraft.builder(id)
                .description("Written by `conformance init " + url + "` from what the server "
                        + "answered; every value says where it came from.")
                .name(kind.title() + " at " + hostPort(listed), kind == ServerKind.UNKNOWN
                        ? null : "recognised by its answers (see the init report)")
                .api(api, request.api() != null ? "given with --api" : "answered: "
                        + String.join(", ", answering))
                .baseUrl(listed.toString(), "GET " + child(listed, "/models").getPath()
                        + " answered a model list here");
        if (key != null && keyVariable != null) {
            draft.apiKeyFromEnv(keyVariable, "the key given with --key-env; never written here")
                    .authHeader(true, "send the key the way the dialect expects");
        }
        models.values().forEach(facts -> draft.model(facts.toDraft()));
        return new Result(draft.build(), client.log(), answering, false, notes);
    }

    private Result keyNeeded(Request request, URI refused, ProbeClient client,
            List<String> notes) {
        String id = request.id() != null ? request.id() : idFor(ServerKind.UNKNOWN,
                request.url());
        String variable = request.keyVariable() != null ? request.keyVariable()
                : ProviderFileDraft.keyVariable(id);
        String api = request.api() != null ? request.api() : DIALECTS.get(0);
        ProviderFileDraft draft = ProviderFileDraft.builder(id)
                .description("Written by `conformance init " + request.url() + "`: the "
                        + "server wants a key (HTTP 401/403 without one), so its models are "
                        + "not listed yet. Export " + variable + " and run init again with "
                        + "--key-env " + variable + " --force.")
                .api(api, request.api() != null ? "given with --api"
                        : "assumed: no dialect could be tried without the key")
                .baseUrl(refused.toString(), "GET " + child(refused, "/models").getPath()
                        + " answered HTTP 401/403 without a key")
                .apiKeyFromEnv(variable, "the server wants a key: export " + variable)
                .authHeader(true, "send the key the way the dialect expects")
                // a file declares at least one model; the real ids come with the key
                .model(ModelDraft.builder(PLACEHOLDER_MODEL).note("a placeholder: the server "
                        + "lists its models only with the key; init lists them once "
                        + variable + " is exported").build())
                .build();
        notes.add("the server wants a key: export " + variable + "=... and run "
                + "`conformance init " + request.url() + " --key-env " + variable
                + " --force` to list its models");
        return new Result(draft, client.log(), List.of(), true, notes);
    }

    /** Sends a tiny request per dialect (or the forced one); returns those that answered 2xx. */
    private static List<String> dialects(Request request, URI base, String model,
            @Nullable String key, ProbeClient client) {
        List<String> tried = request.api() != null ? List.of(request.api()) : DIALECTS;
        List<String> answering = new ArrayList<>();
        String quoted = com.fasterxml.jackson.databind.node.TextNode.valueOf(model).toString();
        for (String api : tried) {
            if (!client.hasTime()) {
                break;
            }
            ProbeClient.Answer answer = switch (api) {
                case "openai-completions" -> client.post(child(base, "/chat/completions"),
                        bearer(key), "{\"model\":" + quoted + ",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"Hi\"}],\"max_tokens\":1,\"stream\":false}");
                case "openai-responses" -> client.post(child(base, "/responses"), bearer(key),
                        "{\"model\":" + quoted + ",\"input\":\"Hi\",\"max_output_tokens\":16,"
                        + "\"store\":false}");
                case "anthropic-messages" -> client.post(child(base, "/messages"),
                        anthropic(key), "{\"model\":" + quoted + ",\"max_tokens\":1,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
                case "google-generative-ai" -> client.post(child(base, "/models/"
                        + model + ":generateContent"), google(key), "{\"contents\":[{\"role\":"
                        + "\"user\",\"parts\":[{\"text\":\"Hi\"}]}],\"generationConfig\":"
                        + "{\"maxOutputTokens\":1}}");
                default -> null;
            };
            if (answer != null && answer.ok()) {
                answering.add(api);
            }
        }
        if (request.api() != null && answering.isEmpty()) {
            // forced: written as asked, the PROTOCOL run will tell
            answering.add(request.api());
        }
        return answering;
    }

    /** Reads the model list's facts and asks the local servers' own endpoints. */
    private static ServerKind metadata(ProbeClient client, URI base, JsonNode list,
            Map<String, String> auth, Map<String, ModelFacts> models) {
        ModelMetadata.fromList(list, child(base, "/models").getPath(), models);
        ServerKind kind = ModelMetadata.kindFromList(list, base);
        URI origin = origin(base);
        if (kind == ServerKind.LLAMA_CPP || kind == ServerKind.UNKNOWN) {
            if (ModelMetadata.fromLlamaProps(client, origin, auth, models)) {
                return ServerKind.LLAMA_CPP;
            }
        }
        if (kind == ServerKind.UNKNOWN && client.hasTime()) {
            if (ModelMetadata.fromLmStudio(client, origin, auth, models)) {
                return ServerKind.LM_STUDIO;
            }
            if (client.hasTime() && ModelMetadata.fromOllama(client, origin, auth, models)) {
                return ServerKind.OLLAMA;
            }
        }
        return kind;
    }

    /** The longest the "did you mean" probe of a 404 may take. */
    private static final Duration HINT_BUDGET = Duration.ofSeconds(10);

    /**
     * Returns a base URL near {@code baseUrl} that answers a model list (the base paths
     * {@code init} tries: {@code /v1} added, an endpoint path removed), for the "did you mean"
     * of a request answered 404; empty when none other does, or {@code baseUrl} is not a plain
     * http(s) URL. Asks without a key, within a few seconds.
     */
    public static Optional<URI> nearbyBaseUrl(URI baseUrl) {
        URI url;
        try {
            url = clean(baseUrl);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String given = trimSlash(url.toString());
        try (ProbeClient client = new ProbeClient(Clock.systemUTC(), HINT_BUDGET)) {
            for (URI base : candidates(url)) {
                if (!client.hasTime()) {
                    break;
                }
                if (trimSlash(base.toString()).equals(given)) {
                    continue;
                }
                JsonNode json = client.get(child(base, "/models"),
                        Map.of("anthropic-version", ANTHROPIC_VERSION)).json();
                if (json != null && !ModelMetadata.ids(json).isEmpty()) {
                    return Optional.of(base);
                }
            }
        }
        return Optional.empty();
    }

    /** Returns the base paths to try, in order. */
    static List<URI> candidates(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        path = trimSlash(path);
        for (String suffix : ENDPOINT_SUFFIXES) {
            if (path.endsWith(suffix)) {
                path = trimSlash(path.substring(0, path.length() - suffix.length()));
            }
        }
        path = path.replaceFirst("/models(/.*)?$", "");
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        boolean versioned = path.matches(".*/v\\d+[a-z0-9]*");
        boolean gemini = host.contains("generativelanguage") || path.endsWith("/v1beta");
        Set<String> paths = new LinkedHashSet<>();
        if (gemini && !versioned) {
            paths.add(path + "/v1beta");
        }
        if (!versioned) {
            paths.add(path + "/v1");
        }
        paths.add(path);
        URI origin = origin(url);
        return paths.stream().map(p -> child(origin, p)).toList();
    }

    private static List<Map<String, String>> authVariants(@Nullable String key) {
        if (key == null) {
            return List.of(Map.of("anthropic-version", ANTHROPIC_VERSION));
        }
        return List.of(bearer(key), anthropic(key), google(key));
    }

    private static Map<String, String> bearer(@Nullable String key) {
        return key == null ? Map.of() : Map.of("Authorization", "Bearer " + key);
    }

    private static Map<String, String> anthropic(@Nullable String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", ANTHROPIC_VERSION);
        if (key != null) {
            headers.put("x-api-key", key);
        }
        return headers;
    }

    private static Map<String, String> google(@Nullable String key) {
        return key == null ? Map.of() : Map.of("x-goog-api-key", key);
    }

    /** Returns an id from the server's kind and where it listens. */
    static String idFor(ServerKind kind, URI url) {
        String host = url.getHost() == null ? "endpoint" : url.getHost();
        boolean local = isLocal(host);
        String stem;
        if (!kind.idStem().isEmpty()) {
            stem = kind.idStem();
        } else if (local) {
            stem = "local";
        } else {
            String[] labels = host.replaceFirst("^(api|www)\\.", "").split("\\.");
            stem = labels.length > 1 ? labels[labels.length - 2] : labels[0];
        }
        return ProviderFileDraft.idFrom(local || url.getPort() >= 0
                ? stem + "-" + ProbeClient.port(url) : stem);
    }

    private static boolean isLocal(String host) {
        if (host.equalsIgnoreCase("localhost") || host.matches("[0-9.]+")
                || host.startsWith("[")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.io.IOException | SecurityException e) {
            return false;
        }
    }

    /** Returns the URL without user info, query and fragment. */
    private static URI clean(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host: " + url);
        }
        try {
            return new URI(scheme, null, url.getHost(), url.getPort(), url.getPath(), null,
                    null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
    }

    private static URI origin(URI url) {
        return URI.create(url.getScheme() + "://" + hostPort(url));
    }

    private static String hostPort(URI url) {
        return url.getRawAuthority().replaceFirst("^.*@", "");
    }

    private static URI child(URI base, String path) {
        return URI.create(trimSlash(base.toString()) + path);
    }

    private static String trimSlash(String text) {
        String out = text;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
