package dev.providers.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.testing.TestClock;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.OAuth2Exception;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oauth2-client-credentials} against a real OAuth 2 server (mock-oauth2-server, started
 * here): tokens are bought with the client's id and secret, reused until shortly before they
 * expire on the engine's clock, bought again once however many streams wait, and bought again
 * once when the chat endpoint answers 401. The chat endpoint accepts a token only while it is
 * valid on the same clock, so a stale token would show as a refusal.
 */
class ClientCredentialsTest {

    /** Token lifetime, in seconds. */
    private static final long LIFETIME = 600;
    private static final Pattern TEST_ISSUED = Pattern.compile("\"test_iat\":(\\d+)");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private MockOAuth2Server oauth;

    /** Issues tokens for 600 s, stamped with the engine's clock so the chat server can judge. */
    private class Stamped implements OAuth2TokenCallback {
        @Override
        public String issuerId() {
            return "default";
        }

        @Override
        public String subject(TokenRequest request) {
            return "llm-client";
        }

        @Override
        public String typeHeader(TokenRequest request) {
            return "JWT";
        }

        @Override
        public List<String> audience(TokenRequest request) {
            return List.of("llm-gateway");
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest request) {
            return Map.of("test_iat", clock.instant().getEpochSecond());
        }

        @Override
        public long tokenExpiry() {
            return LIFETIME;
        }
    }

    @BeforeEach
    void startOAuthServer() throws Exception {
        oauth = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(), Set.of(new Stamped())));
        oauth.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopOAuthServer() {
        oauth.shutdown();
    }

    private String auth(String clientAuth) {
        return "auth:\n  type: oauth2-client-credentials\n  tokenUrl: "
                + oauth.tokenEndpointUrl("default") + "\n  clientId: llm-client\n"
                + "  clientSecret: ${CLIENT_SECRET}\n  scope: llm-gateway/.default\n"
                + "  clientAuth: " + clientAuth + "\n";
    }

    private ProviderEngine engine(BearerServer server, String clientAuth) throws Exception {
        return ProviderEngine.builder().registry(Engines.registry(dir, server.baseUrl(),
                auth(clientAuth))).environment(Map.of("CLIENT_SECRET", "s3cret-value-42")::get)
                .clock(clock).credentialStore(CredentialStore.inMemory()).maxRetries(0).build();
    }

    /** Accepts a token the OAuth server issued while it is valid on the engine's clock. */
    private BearerServer.Verdict judge(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return BearerServer.Verdict.refuse(401);
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8);
        Matcher issued = TEST_ISSUED.matcher(payload);
        if (!issued.find() || !payload.contains("\"sub\":\"llm-client\"")) {
            return BearerServer.Verdict.refuse(401);
        }
        long age = clock.instant().getEpochSecond() - Long.parseLong(issued.group(1));
        return age < LIFETIME ? BearerServer.Verdict.OK : BearerServer.Verdict.refuse(401);
    }

    private List<RecordedRequest> tokenRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        while (true) {
            RecordedRequest request;
            try {
                request = oauth.takeRequest(200, TimeUnit.MILLISECONDS);
            } catch (RuntimeException none) {
                return requests; // the server says so when its queue stays empty
            }
            if (request.getPath().endsWith("/token")) {
                requests.add(request);
            }
        }
    }

    @Test
    void tokensAreReusedRefreshedBeforeExpiryAndNeverSentStaleOverALongSequence()
            throws Exception {
        try (BearerServer server = BearerServer.start(this::judge);
                ProviderEngine engine = engine(server, "basic")) {
            List<String> deviations = new CopyOnWriteArrayList<>();
            // an hour and a half of traffic, three streams at a time, every 30 s
            for (int step = 0; step < 180; step++) {
                List<StreamHandle> handles = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    handles.add(engine.stream(Engines.MODEL,
                            dev.providers.engine.message.Context.ofUser("hi"),
                            dev.providers.engine.StreamOptions.defaults(),
                            new dev.providers.engine.event.StreamListener() { }));
                }
                for (StreamHandle handle : handles) {
                    AssistantMessage message = handle.result().get(30, TimeUnit.SECONDS);
                    assertEquals(StopReason.STOP, message.stopReason(), message::toString);
                    deviations.addAll(handle.deviations());
                }
                clock.advance(Duration.ofSeconds(30));
            }
            assertEquals(List.of(), deviations, "no token was ever refused: none went stale");
            Set<String> tokens = new LinkedHashSet<>(server.seen());
            List<RecordedRequest> requests = tokenRequests();
            assertEquals(tokens.size(), requests.size(), "every token bought was used");
            // 5,400 s of tokens that live 600 s and are replaced 120 s early: one per 480 s
            assertTrue(requests.size() >= 11 && requests.size() <= 13, requests.size()
                    + " token requests");
            RecordedRequest first = requests.get(0);
            assertEquals("Basic " + Base64.getEncoder().encodeToString(
                    "llm-client:s3cret-value-42".getBytes(StandardCharsets.UTF_8)),
                    first.getHeader("Authorization"));
            String form = first.getBody().readUtf8();
            assertEquals("grant_type=client_credentials&scope=llm-gateway%2F.default", form);
        }
    }

    @Test
    void postClientAuthSendsTheSecretAsFormFields() throws Exception {
        try (BearerServer server = BearerServer.start(this::judge);
                ProviderEngine engine = engine(server, "post")) {
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            RecordedRequest request = tokenRequests().get(0);
            assertEquals(null, request.getHeader("Authorization"));
            assertEquals("grant_type=client_credentials&scope=llm-gateway%2F.default"
                    + "&client_id=llm-client&client_secret=s3cret-value-42",
                    request.getBody().readUtf8());
        }
    }

    @Test
    void a401IsFollowedByOneRefreshAndASuccessfulRetry() throws Exception {
        Set<String> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (BearerServer server = BearerServer.start(token -> revoked.contains(token)
                ? BearerServer.Verdict.refuse(401) : judge(token));
                ProviderEngine engine = engine(server, "basic")) {
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            String first = server.seen().get(0);
            revoked.add(first); // the gateway revokes the token before it expires
            StreamHandle handle = Engines.run(engine);
            AssistantMessage message = handle.result().join();
            assertEquals(StopReason.STOP, message.stopReason(), message::toString);
            assertEquals(List.of(first, first), server.seen().subList(0, 2));
            assertEquals(3, server.seen().size(), "one retry");
            assertFalse(first.equals(server.seen().get(2)), "with a fresh token");
            assertEquals(List.of("credential-refreshed: the server answered 401 to the token; a "
                    + "new one was fetched and the request sent again"), handle.deviations());
            assertEquals(2, tokenRequests().size());
        }
    }

    @Test
    void aSecond401EndsTheStreamInsteadOfLooping() throws Exception {
        try (BearerServer server = BearerServer.start(token -> BearerServer.Verdict.refuse(401));
                ProviderEngine engine = engine(server, "basic")) {
            AssistantMessage message = Engines.complete(engine);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertEquals("401: the credential was refused", message.errorMessage());
            assertEquals(2, server.seen().size(), "the first attempt and one retry");
            assertEquals(2, tokenRequests().size());
        }
    }

    @Test
    void theTokenEndpointsRefusalIsTheStreamsAuthError() throws Exception {
        // mock-oauth2-server accepts any client; this refusal is the one Entra ID gives
        oauth.enqueueCallback(new Stamped() {
            @Override
            public String subject(TokenRequest request) {
                throw new OAuth2Exception(OAuth2Error.INVALID_CLIENT.setDescription(
                        "AADSTS7000215: Invalid client secret provided (s3cret-value-42)."),
                        "invalid client secret");
            }
        });
        try (BearerServer server = BearerServer.start(this::judge);
                ProviderEngine engine = engine(server, "basic")) {
            AssistantMessage message = Engines.complete(engine);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertEquals("token endpoint " + oauth.tokenEndpointUrl("default") + " answered 401 "
                    // (mock-oauth2-server lower-cases descriptions)
                    + "invalid_client: aadsts7000215: invalid client secret provided (***).",
                    message.errorMessage());
            assertEquals(List.of(), server.seen(), "nothing reached the chat endpoint");
            // the next request asks again, and the server now gives a token
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
        }
    }
}
