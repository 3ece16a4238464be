package dev.providers.engine.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.internal.yaml.SourceMap;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spec.SecretRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of a provider's credential that JSON Schema cannot express: at most one of
 * {@code apiKey}, {@code apiKeys} and {@code auth}; the keys each {@code auth} type needs and
 * takes; token endpoints that are https (http only on a loopback host); a helper command written
 * as a list; well-formed secret templates.
 *
 * <p>Runs on every composed tree, valid or not; values of the wrong type are left to the
 * schema's errors, except a helper command written as one string, whose type error is replaced
 * by one that shows the list form. Messages name keys, never secret values.
 */
final class AuthChecks {

    /** The credential keys, of which a provider declares at most one. */
    private static final List<String> CREDENTIAL_KEYS = List.of("apiKey", "apiKeys", "auth");

    /** The keys each auth type needs, then the optional ones it takes. */
    private static final Map<String, List<List<String>>> KEYS = keys();

    /** The URL keys, with what they name in messages. */
    private static final Map<String, String> URL_KEYS = Map.of(
            "tokenUrl", "the token endpoint",
            "deviceAuthorizationUrl", "the device authorization endpoint",
            "authorizationUrl", "the authorization endpoint");

    /** The schema's own pattern for endpoint URLs, which means the same in Java as in ECMA. */
    private static final Pattern ENDPOINT = Pattern.compile(SchemaCatalog.get()
            .document(SchemaCatalog.PROVIDER_SCHEMA).at("/$defs/tokenEndpoint/pattern")
            .asText());

    private final SourceMap map;
    private final List<Diagnostic> out;

    private AuthChecks(SourceMap map, List<Diagnostic> out) {
        this.map = map;
        this.out = out;
    }

    private static Map<String, List<List<String>>> keys() {
        Map<String, List<List<String>>> keys = new LinkedHashMap<>();
        keys.put("command", List.of(List.of("command"), List.of("ttl")));
        keys.put("oauth2-client-credentials", List.of(
                List.of("tokenUrl", "clientId", "clientSecret"),
                List.of("scope", "audience", "extraParams", "clientAuth", "ttl")));
        keys.put("oauth2-device", List.of(List.of("deviceAuthorizationUrl", "tokenUrl",
                "clientId"), List.of("clientSecret", "scope", "ttl")));
        keys.put("oauth2-authorization-code", List.of(List.of("authorizationUrl", "tokenUrl",
                "clientId"), List.of("clientSecret", "scope", "ttl")));
        keys.put("prompt", List.of(List.of(), List.of("prompt")));
        return keys;
    }

    /** Appends the credential problems of {@code root} to {@code out}. */
    static void check(JsonNode root, SourceMap map, List<Diagnostic> out) {
        new AuthChecks(map, out).run(root);
    }

    /** Returns whether {@code host} (as {@link URI#getHost()} gives it) is a loopback host. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1")
                || h.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    }

    private void run(JsonNode root) {
        checkExclusive(root);
        JsonNode keys = root.get("apiKeys");
        if (keys != null && keys.isArray()) {
            for (int i = 0; i < keys.size(); i++) {
                checkSecret(keys.get(i), SourceMap.child("/apiKeys", i));
            }
        }
        JsonNode auth = root.get("auth");
        if (auth == null || !auth.isObject()) {
            return;
        }
        checkCommand(auth);
        checkSecret(auth.get("clientId"), "/auth/clientId");
        checkSecret(auth.get("clientSecret"), "/auth/clientSecret");
        JsonNode extra = auth.get("extraParams");
        if (extra != null && extra.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                checkSecret(e.getValue(), SourceMap.child("/auth/extraParams", e.getKey()));
            }
        }
        for (String key : URL_KEYS.keySet()) {
            checkEndpoint(auth.get(key), "/auth/" + key);
        }
        JsonNode type = auth.get("type");
        List<List<String>> typeKeys = type != null && type.isTextual() ? KEYS.get(type.asText())
                : null;
        if (typeKeys == null) {
            return; // the schema reports a missing or unknown type, with a "did you mean"
        }
        String name = type.asText();
        for (String required : typeKeys.get(0)) {
            if (!auth.has(required)) {
                Origin at = map.keyAt("/auth");
                error("/auth", at, "auth type '" + name + "' needs '" + required + "'"
                        + describe(required));
            }
        }
        List<String> takes = new ArrayList<>(typeKeys.get(0));
        takes.addAll(typeKeys.get(1));
        for (Iterator<String> it = auth.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("type") && !takes.contains(key) && isAuthKey(key)) {
                String at = SourceMap.child("/auth", key);
                error(at, map.keyAt(at), "'" + key + "' does not apply to auth type '" + name
                        + "', which takes: " + String.join(", ", takes));
            }
        }
    }

    private static String describe(String key) {
        String what = URL_KEYS.get(key);
        return what == null ? "" : " (" + what + ")";
    }

    /** Returns whether the schema knows the key; unknown ones get its "did you mean". */
    private static boolean isAuthKey(String key) {
        for (List<List<String>> keys : KEYS.values()) {
            if (keys.get(0).contains(key) || keys.get(1).contains(key)) {
                return true;
            }
        }
        return false;
    }

    private void checkExclusive(JsonNode root) {
        String first = null;
        for (String key : CREDENTIAL_KEYS) {
            if (!root.has(key)) {
                continue;
            }
            if (first == null) {
                first = key;
                continue;
            }
            Origin at = map.keyAt("/" + key);
            error("/" + key, at, key + " and " + first + " (line " + map.keyAt("/" + first)
                    .line() + ") are mutually exclusive: a provider takes its credential from "
                    + "one of apiKey, apiKeys and auth");
        }
    }

    private void checkCommand(JsonNode auth) {
        JsonNode command = auth.get("command");
        if (command == null) {
            return;
        }
        String pointer = "/auth/command";
        if (command.isTextual()) {
            // the schema says "expected array, found string"; say how to write it instead
            Origin at = map.valueAt(pointer);
            out.removeIf(d -> d.pointer().equals(pointer) && d.message().startsWith("expected "));
            error(pointer, at, "must be a list of arguments, run without a shell: write it as "
                    + "[program, argument, ...], e.g. [gcloud, auth, print-access-token]");
            return;
        }
        if (!command.isArray()) {
            return;
        }
        for (int i = 0; i < command.size(); i++) {
            JsonNode argument = command.get(i);
            String at = SourceMap.child(pointer, i);
            if (i == 0 && argument.isTextual() && argument.asText().isBlank()) {
                error(at, map.valueAt(at), "the program to run must not be empty");
            }
            checkSecret(argument, at);
        }
    }

    private void checkEndpoint(JsonNode node, String at) {
        if (node == null || !node.isTextual() || !ENDPOINT.matcher(node.asText()).matches()) {
            return; // the schema reports values that are not even absolute http(s) URLs
        }
        URI uri;
        try {
            uri = new URI(node.asText());
        } catch (URISyntaxException e) {
            error(at, map.valueAt(at), "is not a valid URL: " + e.getReason());
            return;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            error(at, map.valueAt(at), "must name a host");
        } else if (uri.getRawUserInfo() != null) {
            error(at, map.valueAt(at), "must not carry credentials; use clientId and "
                    + "clientSecret, which are never printed");
        } else if (uri.getRawFragment() != null) {
            error(at, map.valueAt(at), "must not carry a fragment");
        } else if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            error(at, map.valueAt(at), "must be an https:// URL: tokens and client secrets "
                    + "must not cross the network in the clear (http:// is allowed only for a "
                    + "loopback host: localhost, 127.0.0.1, [::1])");
        }
    }

    private void checkSecret(JsonNode value, String pointer) {
        if (value == null || !value.isTextual()) {
            return;
        }
        try {
            SecretRef.parse(value.asText());
        } catch (IllegalArgumentException e) {
            error(pointer, map.valueAt(pointer), e.getMessage());
        }
    }

    private void error(String pointer, Origin at, String message) {
        out.add(Diagnostic.error(at.source(), at.line(), at.column(), pointer, message));
    }
}
