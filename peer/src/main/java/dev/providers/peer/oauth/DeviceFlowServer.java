package dev.providers.peer.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OAuth 2 authorization server on 127.0.0.1 for tests of device logins (RFC 8628) and
 * refresh tokens (RFC 6749 §6), which mock-oauth2-server does not do: it hands out device and
 * user codes, answers polls with {@code authorization_pending} (or {@code slow_down} when asked
 * to) until a test playing the user opens the verification page with the code, then issues an
 * access token and a refresh token. Every refresh rotates the refresh token: the new one
 * replaces the old, which is revoked, so a reused one is refused with {@code invalid_grant}, as
 * is one revoked on purpose ({@link #revokeRefreshTokens()}). Unknown clients get
 * {@code invalid_client}.
 *
 * <pre>{@code
 * try (DeviceFlowServer sso = DeviceFlowServer.start("my-cli")) {
 *     // provider file: deviceAuthorizationUrl: sso.deviceAuthorizationUrl(), tokenUrl: ...
 *     // the login shows a user code and sso.verificationUri(); the test "signs in":
 *     sso.signIn(userCode);   // or GET verificationUri()?user_code=...
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe.
 */
public final class DeviceFlowServer implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService threads;
    private final String clientId;
    /** device code → user code, for codes not yet exchanged. */
    private final Map<String, String> deviceCodes = new ConcurrentHashMap<>();
    private final Set<String> approved = ConcurrentHashMap.newKeySet();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> liveAccessTokens = ConcurrentHashMap.newKeySet();
    private final List<String> grants = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger slowDowns = new AtomicInteger();
    private volatile int interval = 5;
    private volatile long accessTokenSeconds = 3600;

    private DeviceFlowServer(HttpServer server, ExecutorService threads, String clientId) {
        this.server = server;
        this.threads = threads;
        this.clientId = clientId;
    }

    /** Starts a server on 127.0.0.1 and a free port that knows one client id. */
    public static DeviceFlowServer start(String clientId) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService threads = Executors.newFixedThreadPool(2, task -> {
            Thread t = new Thread(task, "device-flow-server");
            t.setDaemon(true);
            return t;
        });
        DeviceFlowServer server = new DeviceFlowServer(http, threads, clientId);
        http.createContext("/", server::handle);
        http.setExecutor(threads);
        http.start();
        return server;
    }

    /** Returns the device authorization endpoint. */
    public URI deviceAuthorizationUrl() {
        return url("/device");
    }

    /** Returns the token endpoint. */
    public URI tokenUrl() {
        return url("/token");
    }

    /** Returns the page where the user enters the code ({@code ?user_code=} signs in). */
    public URI verificationUri() {
        return url("/activate");
    }

    /** Sets the polling interval the server asks for, in seconds (default 5). */
    public void interval(int seconds) {
        this.interval = seconds;
    }

    /** Sets the {@code expires_in} of access tokens, in seconds (default 3600). */
    public void accessTokenLifetime(long seconds) {
        this.accessTokenSeconds = seconds;
    }

    /** Answers the next {@code count} polls with {@code slow_down}. */
    public void slowDown(int count) {
        slowDowns.addAndGet(count);
    }

    /** Signs the user in for a user code, as opening the verification page does. */
    public void signIn(String userCode) {
        approved.add(userCode);
    }

    /** Denies the sign-in for a user code. */
    public void deny(String userCode) {
        denied.add(userCode);
    }

    /** Revokes every refresh token issued so far. */
    public void revokeRefreshTokens() {
        liveRefreshTokens.clear();
    }

    /** Returns whether an access token was issued by this server. */
    public boolean issued(String accessToken) {
        return liveAccessTokens.contains(accessToken);
    }

    /** Returns the grant types of the token requests so far, in order. */
    public List<String> grants() {
        synchronized (grants) {
            return List.copyOf(grants);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/activate")) {
                Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
                String code = query.get("user_code");
                if (code == null || !deviceCodes.containsValue(code)) {
                    text(exchange, 400, "unknown code");
                    return;
                }
                signIn(code);
                text(exchange, 200, "signed in; return to your application");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                text(exchange, 405, "POST only");
                return;
            }
            Map<String, String> form = form(body(exchange));
            if (!clientId.equals(form.get("client_id"))) {
                json(exchange, 401, error("invalid_client", "unknown client"));
                return;
            }
            switch (path) {
                case "/device" -> device(exchange);
                case "/token" -> token(exchange, form);
                default -> text(exchange, 404, "not found");
            }
        }
    }

    private void device(HttpExchange exchange) throws IOException {
        String device = random(24);
        String user = (random(6).replaceAll("[^A-Za-z]", "X") + "XXXXXXXX").substring(0, 8)
                .toUpperCase(Locale.ROOT);
        user = user.substring(0, 4) + "-" + user.substring(4);
        deviceCodes.put(device, user);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("device_code", device);
        answer.put("user_code", user);
        answer.put("verification_uri", verificationUri().toString());
        answer.put("verification_uri_complete", verificationUri() + "?user_code=" + user);
        answer.put("expires_in", 600);
        answer.put("interval", interval);
        json(exchange, 200, answer);
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        String grant = String.valueOf(form.get("grant_type"));
        grants.add(grant);
        if (grant.equals("urn:ietf:params:oauth:grant-type:device_code")) {
            String device = String.valueOf(form.get("device_code"));
            String user = deviceCodes.get(device);
            if (user == null) {
                json(exchange, 400, error("invalid_grant", "unknown or used device code"));
            } else if (slowDowns.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                json(exchange, 400, error("slow_down", "poll less often"));
            } else if (denied.contains(user)) {
                deviceCodes.remove(device);
                json(exchange, 400, error("access_denied", "the user said no"));
            } else if (!approved.contains(user)) {
                json(exchange, 400, error("authorization_pending", "waiting for the user"));
            } else {
                deviceCodes.remove(device);
                json(exchange, 200, tokens());
            }
        } else if (grant.equals("refresh_token")) {
            String refresh = String.valueOf(form.get("refresh_token"));
            if (!liveRefreshTokens.remove(refresh)) {
                json(exchange, 400, error("invalid_grant", "the refresh token is revoked"));
            } else {
                json(exchange, 200, tokens());
            }
        } else {
            json(exchange, 400, error("unsupported_grant_type", grant));
        }
    }

    private Map<String, Object> tokens() {
        String access = "at-" + random(24);
        String refresh = "rt-" + random(24);
        liveAccessTokens.add(access);
        liveRefreshTokens.add(refresh);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", access);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", accessTokenSeconds);
        answer.put("refresh_token", refresh);
        return answer;
    }

    private static Map<String, Object> error(String code, String description) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", code);
        answer.put("error_description", description);
        return answer;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    StandardCharsets.UTF_8), eq < 0 ? "" : URLDecoder.decode(
                            pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, Map<String, Object> fields)
            throws IOException {
        StringBuilder text = new StringBuilder("{");
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append('"').append(field.getKey()).append("\":");
            Object value = field.getValue();
            text.append(value instanceof Number ? value.toString()
                    : "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        send(exchange, status, "application/json", text.append('}').toString());
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text);
    }

    private static void send(HttpExchange exchange, int status, String type, String text)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
