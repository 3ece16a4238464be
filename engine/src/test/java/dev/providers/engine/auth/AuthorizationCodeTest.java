package dev.providers.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.testing.TestClock;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oauth2-authorization-code} end to end against mock-oauth2-server (started here, PKCE
 * checked by it): the login prints the authorization URL, the test plays the browser (follows
 * the URL and the server's redirect to the loopback port), the code is exchanged with the
 * verifier; streams use the token, refresh it with the refresh token when it expires or when
 * the chat endpoint revokes it (the server rotates refresh tokens: the new one is stored), and
 * a revoked refresh token asks for a new login. mock-oauth2-server accepts any refresh token,
 * so the test adds a route to it that honours RFC 7009 revocation; a redirect whose
 * {@code state} is not the login's stores nothing.
 */
class AuthorizationCodeTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private final Set<String> revokedRefreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedAccessTokens = ConcurrentHashMap.newKeySet();
    private final HttpClient browser = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private MockOAuth2Server oauth;
    private BearerServer chat;
    private CredentialStore store;
    private ProviderRegistry registry;

    /** Refuses refresh tokens revoked at {@code /revoke} (RFC 7009), as real servers do. */
    private final class Revocation implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            Map<String, String> form = form(request.getBody());
            String path = request.getUrl().encodedPath();
            return "POST".equals(request.getMethod()) && (path.endsWith("/revoke")
                    || (path.endsWith("/token") && "refresh_token".equals(form.get("grant_type"))
                            && revokedRefreshTokens.contains(form.get("refresh_token"))));
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            Map<String, String> form = form(request.getBody());
            if (request.getUrl().encodedPath().endsWith("/revoke")) {
                revokedRefreshTokens.add(form.get("token"));
                return new OAuth2HttpResponse(Headers.of(), 200, "", null);
            }
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"Token is revoked\"}",
                    null);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return values;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    StandardCharsets.UTF_8), eq < 0 ? "" : URLDecoder.decode(
                            pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @BeforeEach
    void start() throws Exception {
        oauth = new MockOAuth2Server(new OAuth2Config(false, null, null, true,
                new OAuth2TokenProvider()), new Revocation());
        oauth.start(InetAddress.getByName("127.0.0.1"), 0);
        chat = BearerServer.start(token -> token.split("\\.").length == 3
                && !revokedAccessTokens.contains(token) ? BearerServer.Verdict.OK
                : BearerServer.Verdict.refuse(401));
        store = CredentialStore.file(dir.resolve("credentials.json"));
        Path files = Files.createDirectories(dir.resolve("providers"));
        registry = Engines.registry(files, chat.baseUrl(), "auth:\n"
                + "  type: oauth2-authorization-code\n"
                + "  authorizationUrl: " + oauth.authorizationEndpointUrl("default") + "\n"
                + "  tokenUrl: " + oauth.tokenEndpointUrl("default") + "\n"
                + "  clientId: my-app\n  scope: openid offline_access llm\n");
    }

    @AfterEach
    void stop() throws Exception {
        chat.close();
        oauth.shutdown();
    }

    private ProviderEngine engine() {
        return ProviderEngine.builder().registry(registry).credentialStore(store).clock(clock)
                .environment(Map.<String, String>of()::get).maxRetries(0).build();
    }

    /** Starts a login and returns it with the URL it shows. */
    private static CompletableFuture<StoredCredential> login(ProviderEngine engine,
            CompletableFuture<URI> shown) {
        return engine.login("test", new LoginCallbacks() {
            @Override
            public void showUrl(URI url) {
                shown.complete(url);
            }
        });
    }

    private static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery());
    }

    /** The browser: opens the URL, follows the server's redirect, returns the page shown. */
    private String browse(URI url, java.util.function.UnaryOperator<URI> tamper)
            throws Exception {
        HttpResponse<String> authorize = browser.send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, authorize.statusCode(), authorize.body());
        URI redirect = URI.create(authorize.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(tamper.apply(redirect))
                .build(), HttpResponse.BodyHandlers.ofString());
        return page.body();
    }

    @Test
    void theBrowserLoginStoresTokensThatStreamsUseAndRefreshWithRotation() throws Exception {
        try (ProviderEngine engine = engine()) {
            CompletableFuture<URI> shown = new CompletableFuture<>();
            CompletableFuture<StoredCredential> login = login(engine, shown);
            URI url = shown.get(10, TimeUnit.SECONDS);
            Map<String, String> asked = query(url);
            assertEquals("code", asked.get("response_type"));
            assertEquals("my-app", asked.get("client_id"));
            assertEquals("S256", asked.get("code_challenge_method"));
            assertEquals(43, asked.get("code_challenge").length());
            assertEquals("openid offline_access llm", asked.get("scope"));
            URI redirect = URI.create(asked.get("redirect_uri"));
            assertEquals("127.0.0.1", redirect.getHost());
            assertEquals("/callback", redirect.getPath());

            String page = browse(url, u -> u);
            assertTrue(page.contains("Signed in. You can close this tab."), page);
            StoredCredential first = login.get(10, TimeUnit.SECONDS);
            assertEquals("oauth2-authorization-code", first.type());
            assertNotNull(first.refreshToken());
            assertEquals(first, store.load("test").orElseThrow());

            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            assertEquals(List.of(first.accessToken()), chat.seen());

            // an hour later the token has expired: refreshed, and the rotated token stored
            clock.advance(Duration.ofHours(1));
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            StoredCredential second = store.load("test").orElseThrow();
            assertNotEquals(first.accessToken(), second.accessToken());
            assertNotEquals(first.refreshToken(), second.refreshToken());
            assertEquals(second.accessToken(), chat.seen().get(1));

            // the gateway revokes the access token: one refresh, one retry, success
            revokedAccessTokens.add(second.accessToken());
            StreamHandle handle = Engines.run(engine);
            assertEquals(StopReason.STOP, handle.result().join().stopReason());
            StoredCredential third = store.load("test").orElseThrow();
            assertEquals(List.of(second.accessToken(), third.accessToken()),
                    chat.seen().subList(2, 4));
            assertEquals(1, handle.deviations().size(), handle.deviations().toString());

            // the refresh token is revoked at the server: the next refresh says to log in
            HttpResponse<String> revoked = browser.send(HttpRequest.newBuilder(
                    oauth.revocationEndpointUrl("default").uri()).header("Content-Type",
                            "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers
                            .ofString("token=" + third.refreshToken() + "&client_id=my-app"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, revoked.statusCode());
            clock.advance(Duration.ofHours(1));
            AssistantMessage message = Engines.complete(engine);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertEquals("the token endpoint " + oauth.tokenEndpointUrl("default") + " refused "
                    + "the stored refresh token of provider test (invalid_grant: Token is "
                    + "revoked) — run `conformance login test`", message.errorMessage());
        }
    }

    @Test
    void aRedirectWithAnotherStateStoresNothing() throws Exception {
        try (ProviderEngine engine = engine()) {
            CompletableFuture<URI> shown = new CompletableFuture<>();
            CompletableFuture<StoredCredential> login = login(engine, shown);
            String page = browse(shown.get(10, TimeUnit.SECONDS), redirect -> URI.create(
                    redirect.toString().replaceFirst("state=[^&]+", "state=forged")));
            assertTrue(page.contains("The sign-in failed"), page);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> login.get(10, TimeUnit.SECONDS));
            assertEquals("the redirect's state does not match the one this login sent, so it "
                    + "is not the answer to this login; nothing was stored",
                    e.getCause().getMessage());
            assertTrue(store.load("test").isEmpty());
            assertFalse(engine.credentialStatus("test").ready());
        }
    }
}
