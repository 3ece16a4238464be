package dev.providers.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ProviderEngine;
import dev.providers.engine.ProviderException;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.testing.TestClock;
import dev.providers.peer.oauth.DeviceFlowServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oauth2-device} end to end against an RFC 8628 server started here
 * ({@link DeviceFlowServer}; mock-oauth2-server has no device grant): the login shows the code,
 * polls with the server's interval and {@code slow_down}, stops at the code's expiry; the test
 * plays the user by opening the verification page it was shown. Streams then use the stored
 * token, refresh it with the refresh token when it expires (the server rotates refresh tokens,
 * and the new one is stored), and say to log in again once the refresh token is revoked.
 */
class DeviceFlowTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private DeviceFlowServer sso;
    private CredentialStore store;
    private ProviderRegistry registry;
    private BearerServer chat;

    @BeforeEach
    void start() throws Exception {
        sso = DeviceFlowServer.start("my-cli");
        sso.accessTokenLifetime(600);
        chat = BearerServer.start(token -> sso.issued(token) ? BearerServer.Verdict.OK
                : BearerServer.Verdict.refuse(401));
        store = CredentialStore.file(dir.resolve("config/providers/credentials.json"));
        Path files = Files.createDirectories(dir.resolve("providers"));
        registry = Engines.registry(files, chat.baseUrl(), "auth:\n  type: oauth2-device\n"
                + "  deviceAuthorizationUrl: " + sso.deviceAuthorizationUrl() + "\n"
                + "  tokenUrl: " + sso.tokenUrl() + "\n  clientId: my-cli\n"
                + "  scope: openid offline_access llm\n");
    }

    @AfterEach
    void stop() throws Exception {
        chat.close();
        sso.close();
    }

    /** What the login showed the user. */
    private static final class Shown implements LoginCallbacks {
        volatile @Nullable String userCode;
        volatile @Nullable URI page;
        volatile @Nullable URI complete;
        volatile @Nullable Duration expiresIn;

        @Override
        public void showDeviceCode(String code, URI verificationUri,
                @Nullable URI verificationUriComplete, Duration valid) {
            userCode = code;
            page = verificationUri;
            complete = verificationUriComplete;
            expiresIn = valid;
        }
    }

    /** The user opens the page they were shown, with their code, and signs in. */
    private static void signIn(Shown shown) {
        try {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(shown.page + "?user_code=" + shown.userCode)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ProviderEngine loginEngine(RecordingTimers timers) {
        return ProviderEngine.builder().registry(registry).credentialStore(store).clock(clock)
                .timers(timers).environment(Map.<String, String>of()::get).build();
    }

    private ProviderEngine streamEngine() {
        return ProviderEngine.builder().registry(registry).credentialStore(store).clock(clock)
                .environment(Map.<String, String>of()::get).maxRetries(0).build();
    }

    private StoredCredential login(IntConsumer beforePoll, Shown shown) throws Exception {
        RecordingTimers timers = new RecordingTimers(beforePoll);
        try (ProviderEngine engine = loginEngine(timers)) {
            return engine.login("test", shown).get(30, TimeUnit.SECONDS);
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void theLoginPollsWithTheServersIntervalAndSlowDownUntilTheUserSignsIn() throws Exception {
        sso.interval(5);
        sso.slowDown(1);
        Shown shown = new Shown();
        RecordingTimers recording = new RecordingTimers(poll -> {
            if (poll == 3) {
                signIn(shown); // after a slow_down and a pending answer
            }
        });
        StoredCredential credential;
        try (ProviderEngine engine = loginEngine(recording)) {
            credential = engine.login("test", shown).get(30, TimeUnit.SECONDS);
        } finally {
            recording.shutdownNow();
        }
        assertTrue(shown.userCode.matches("[A-Z]{4}-[A-Z]{4}"), shown.userCode);
        assertEquals(sso.verificationUri(), shown.page);
        assertEquals(URI.create(sso.verificationUri() + "?user_code=" + shown.userCode),
                shown.complete);
        assertEquals(Duration.ofSeconds(600), shown.expiresIn);
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10)), recording.delays(), "the interval, then 5 s more "
                        + "after slow_down");
        String grant = "urn:ietf:params:oauth:grant-type:device_code";
        assertEquals(List.of(grant, grant, grant), sso.grants());
        assertEquals("oauth2-device", credential.type());
        assertTrue(sso.issued(credential.accessToken()));
        assertNotNull(credential.refreshToken());
        assertEquals(clock.instant().plusSeconds(600), credential.expiresAt());
        assertEquals(credential, store.load("test").orElseThrow(), "stored");
        assertFalse(credential.toString().contains(credential.accessToken()));
    }

    @Test
    void streamsUseTheLoginRefreshItWithRotationAndAskForANewLoginOnceRevoked()
            throws Exception {
        sso.interval(1);
        Shown shown = new Shown();
        StoredCredential first = login(poll -> signIn(shown), shown);
        try (ProviderEngine engine = streamEngine()) {
            assertTrue(engine.credentialStatus("test").ready());
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            assertEquals(first.accessToken(), chat.seen().get(0));

            clock.advance(Duration.ofSeconds(600)); // expired: refreshed with the refresh token
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            StoredCredential second = store.load("test").orElseThrow();
            assertNotEquals(first.accessToken(), second.accessToken());
            assertNotEquals(first.refreshToken(), second.refreshToken(), "rotated and stored");
            assertEquals(second.accessToken(), chat.seen().get(1));
            assertEquals("refresh_token", sso.grants().get(sso.grants().size() - 1));

        }
        // the rotated-away refresh token is dead: another process holding it must log in again
        store.save("test", new StoredCredential(first.type(), first.accessToken(),
                first.refreshToken(), clock.instant(), first.obtainedAt()));
        try (ProviderEngine other = streamEngine()) {
            AssistantMessage stale = Engines.complete(other);
            assertEquals(ErrorKind.AUTH, stale.errorKind());
            assertEquals("the token endpoint " + sso.tokenUrl() + " refused the stored refresh "
                    + "token of provider test (invalid_grant: the refresh token is revoked) — "
                    + "run `conformance login test`", stale.errorMessage());
            assertFalse(other.credentialStatus("test").detail().contains(first.refreshToken()));
        }
        // logged in again, streaming; then the server revokes every refresh token
        StoredCredential third = login(poll -> signIn(shown), shown);
        try (ProviderEngine engine = streamEngine()) {
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            assertEquals(third.accessToken(), chat.seen().get(chat.seen().size() - 1));
            sso.revokeRefreshTokens();
            clock.advance(Duration.ofSeconds(600));
            AssistantMessage revoked = Engines.complete(engine);
            assertEquals(ErrorKind.AUTH, revoked.errorKind());
            assertTrue(revoked.errorMessage().endsWith("(invalid_grant: the refresh token is "
                    + "revoked) — run `conformance login test`"), revoked.errorMessage());
            assertFalse(revoked.errorMessage().contains(third.refreshToken()));
        }
    }

    @Test
    void aLoginNearExpiryIsRefreshedInTheBackgroundWhileItStillServes() throws Exception {
        sso.interval(1);
        Shown shown = new Shown();
        StoredCredential first = login(poll -> signIn(shown), shown);
        try (ProviderEngine engine = streamEngine()) {
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            clock.advance(Duration.ofSeconds(500)); // 100 s left: refresh due, still usable
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            assertEquals(List.of(first.accessToken(), first.accessToken()), chat.seen(),
                    "no wait for the refresh");
            StoredCredential refreshed = first;
            for (int i = 0; i < 100 && refreshed.accessToken().equals(first.accessToken());
                    i++) {
                Thread.sleep(50); // the refresh runs on an auth thread
                refreshed = store.load("test").orElseThrow();
            }
            assertNotEquals(first.accessToken(), refreshed.accessToken(), "refreshed early");
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            assertEquals(refreshed.accessToken(), chat.seen().get(2));
            assertEquals(List.of("urn:ietf:params:oauth:grant-type:device_code",
                    "refresh_token"), sso.grants());
        }
    }

    @Test
    void aFailedEarlyRefreshLeavesTheStoredTokenServingUntilItRunsOut() throws Exception {
        sso.interval(1);
        Shown shown = new Shown();
        StoredCredential first = login(poll -> signIn(shown), shown);
        sso.revokeRefreshTokens();
        clock.advance(Duration.ofSeconds(500)); // refresh due, the token still usable
        try (ProviderEngine engine = streamEngine()) {
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            assertEquals(List.of(first.accessToken()), chat.seen());
            assertEquals("refresh_token", sso.grants().get(sso.grants().size() - 1));
            clock.advance(Duration.ofSeconds(50)); // past expiry less the skew
            AssistantMessage message = Engines.complete(engine);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertTrue(message.errorMessage().endsWith("(invalid_grant: the refresh token is "
                    + "revoked) — run `conformance login test`"), message.errorMessage());
            assertEquals(1, chat.seen().size(), "the expired token was not sent");
        }
    }

    @Test
    void aDeniedSignInAndAnExpiredCodeFailTheLoginAndStoreNothing() throws Exception {
        sso.interval(5);
        Shown shown = new Shown();
        ExecutionException denied = assertThrows(ExecutionException.class, () -> login(
                poll -> sso.deny(shown.userCode), shown));
        assertEquals("the sign-in was denied", denied.getCause().getMessage());
        ExecutionException expired = assertThrows(ExecutionException.class, () -> login(
                poll -> clock.advance(Duration.ofMinutes(11)), shown));
        ProviderException cause = assertInstanceOf(ProviderException.class, expired.getCause());
        assertEquals(ErrorKind.AUTH, cause.kind());
        assertEquals("the code expired before the sign-in finished; run the login again",
                cause.getMessage());
        assertTrue(store.load("test").isEmpty());
    }

    @Test
    void withoutALoginOrAfterLogoutAStreamSaysToLogIn() throws Exception {
        try (ProviderEngine engine = streamEngine()) {
            CredentialStatus status = engine.credentialStatus("test");
            assertEquals(new CredentialStatus("oauth2-device", false,
                    "not logged in: run `conformance login test`"), status);
            AssistantMessage message = Engines.complete(engine);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertEquals("no stored login for provider test — run `conformance login test`",
                    message.errorMessage());
            assertEquals(List.of(), chat.seen());

            sso.interval(1);
            Shown shown = new Shown();
            login(poll -> signIn(shown), shown);
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            assertTrue(engine.logout("test"));
            assertFalse(engine.logout("test"));
            assertEquals("no stored login for provider test — run `conformance login test`",
                    Engines.complete(engine).errorMessage());
        }
    }

    @Test
    void aLoginForAProviderWithoutOneIsRefused() throws Exception {
        Path files = Files.createDirectories(dir.resolve("other"));
        ProviderRegistry keyed = Engines.registry(files, chat.baseUrl(), "apiKey: sk-0123456789\n");
        try (ProviderEngine engine = ProviderEngine.builder().registry(keyed)
                .credentialStore(store).build()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> engine.login("test", new LoginCallbacks() { }).get(10,
                            TimeUnit.SECONDS));
            assertEquals("provider test has no auth block: there is nothing to log in to (only "
                    + "oauth2-device, oauth2-authorization-code and prompt)",
                    e.getCause().getMessage());
        }
    }
}
