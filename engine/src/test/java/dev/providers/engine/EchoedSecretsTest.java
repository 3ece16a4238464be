package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.testing.HostileServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that echoes the secrets it was sent (many 401 bodies do, whole or in part): no form
 * of a key, a header secret or a query secret reaches an error message, a {@code toString()} or
 * an exception.
 */
class EchoedSecretsTest {

    private static final ModelRef MODEL = ModelRef.parse("test/m");
    private static final String KEY = "sk-proj-Abc123/def+456=ghi\"789";
    private static final String HEADER = "hdr-secret value 42";
    private static final String QUERY = "q s&cret/+value";
    private static final Map<String, String> ENV = Map.of("TEST_KEY", KEY, "TEST_HDR", HEADER,
            "TEST_Q", QUERY);
    private static final String YAML = "apiKey: ${TEST_KEY}\nauthHeader: true\nheaders:\n"
            + "  X-Secret: ${TEST_HDR}\nqueryParams:\n  key: ${TEST_Q}\n";

    @TempDir
    Path dir;

    /** Every way a secret can come back: as is, URL-encoded, JSON-escaped, and in part. */
    private static List<String> forms(String secret) {
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return List.of(secret, url, url.replace("+", "%20"),
                new String(JsonStringEncoder.getInstance().quoteAsString(secret)),
                secret.substring(0, secret.length() / 2 + 1));
    }

    /** The echo a careless server sends: every form of every secret, and the request line. */
    private static String echo(String requestLine) {
        StringBuilder text = new StringBuilder("Incorrect API key provided. You sent ");
        for (String secret : List.of(KEY, HEADER, QUERY)) {
            for (String form : forms(secret)) {
                text.append('<').append(form).append("> ");
            }
        }
        return text.append("to ").append(requestLine).toString();
    }

    private static void assertClean(String text) {
        for (String secret : List.of(KEY, HEADER, QUERY)) {
            for (String form : forms(secret)) {
                assertFalse(text.contains(form), "'" + form + "' leaked in: " + text);
            }
        }
        assertTrue(text.contains("***"), text);
    }

    private static String json(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private ProviderEngine engine(HostileServer server) throws Exception {
        return ProviderEngine.builder().registry(EngineTestKit.registry(dir, server.baseUrl(),
                YAML)).environment(ENV::get).maxRetries(0).build();
    }

    @Test
    void anHttpErrorEchoingEverySecretShowsNone() throws Exception {
        try (HostileServer server = HostileServer.start((request, out) -> {
            byte[] body = ("{\"error\":{\"message\":\"" + json(echo(request.method() + " "
                    + request.path() + " " + request.headers())) + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            out.head(401, "Content-Type: application/json", "Content-Length: " + body.length);
            out.write(body);
        }); ProviderEngine engine = engine(server)) {
            AssistantMessage message = engine.complete(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults()).get(30, TimeUnit.SECONDS);

            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertClean(message.errorMessage());
            assertClean(message.toString());
        }
    }

    @Test
    void anInStreamErrorEchoingEverySecretShowsNone() throws Exception {
        try (HostileServer server = HostileServer.start((request, out) -> {
            byte[] body = ("data: {\"error\":{\"message\":\"" + json(echo(request.path()))
                    + "\",\"code\":401}}\n\n").getBytes(StandardCharsets.UTF_8);
            out.head(200, "Content-Type: text/event-stream", "Content-Length: " + body.length);
            out.write(body);
        }); ProviderEngine engine = engine(server)) {
            AssistantMessage message = engine.complete(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults()).get(30, TimeUnit.SECONDS);

            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertClean(message.errorMessage());
        }
    }

    @Test
    void aModelListErrorEchoingEverySecretShowsNone() throws Exception {
        try (HostileServer server = HostileServer.start((request, out) -> {
            byte[] body = echo(request.path() + " " + request.headers())
                    .getBytes(StandardCharsets.UTF_8);
            out.head(403, "Content-Type: text/plain", "Content-Length: " + body.length);
            out.write(body);
        }); ProviderEngine engine = engine(server)) {
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> engine.models("test").get(30, TimeUnit.SECONDS));

            ProviderException cause = assertInstanceOf(ProviderException.class,
                    failure.getCause());
            assertEquals(ErrorKind.AUTH, cause.kind());
            assertClean(cause.getMessage());
            assertClean(cause.toString());
        }
    }

    // --- credentials obtained at run time: tokens, a helper's output, the client secret ---

    private static final String TOKEN = "tok/en+with=chars\"42-abcdefgh";
    private static final String CLIENT_SECRET = "client s3cret/+value";

    private static void assertClean(String text, String... secrets) {
        for (String secret : secrets) {
            for (String form : forms(secret)) {
                assertFalse(text.contains(form), "'" + form + "' leaked in: " + text);
            }
        }
        assertTrue(text.contains("***"), text);
    }

    /** A chat endpoint that refuses every credential and echoes it in every form. */
    private static HostileServer echoingChat() throws java.io.IOException {
        return HostileServer.start((request, out) -> {
            String sent = request.headers().getOrDefault("authorization", "").replace("Bearer ",
                    "");
            StringBuilder echo = new StringBuilder("Invalid token. You sent ");
            forms(sent).forEach(form -> echo.append('<').append(form).append("> "));
            byte[] body = ("{\"error\":{\"message\":\"" + json(echo.toString()) + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            out.head(401, "Content-Type: application/json", "Content-Length: " + body.length);
            out.write(body);
        });
    }

    /** A token endpoint that hands out {@link #TOKEN}. */
    private static HostileServer tokenEndpoint() throws java.io.IOException {
        return HostileServer.start((request, out) -> {
            byte[] body = ("{\"access_token\":\"" + json(TOKEN) + "\",\"expires_in\":3600,"
                    + "\"token_type\":\"Bearer\"}").getBytes(StandardCharsets.UTF_8);
            out.head(200, "Content-Type: application/json", "Content-Length: " + body.length);
            out.write(body);
        });
    }

    private ProviderEngine engine(java.net.URI chat, String credential) throws Exception {
        return ProviderEngine.builder().registry(EngineTestKit.registry(dir, chat,
                "authHeader: true\n" + credential)).environment(Map.of("CLIENT_SECRET",
                        CLIENT_SECRET)::get).credentialStore(
                                dev.providers.engine.auth.CredentialStore.inMemory())
                .maxRetries(0).build();
    }

    private static String clientCredentials(HostileServer tokens) {
        return "auth:\n  type: oauth2-client-credentials\n  tokenUrl: " + tokens.baseUrl()
                + "/token\n  clientId: llm-client\n  clientSecret: ${CLIENT_SECRET}\n";
    }

    @Test
    void aFetchedTokenEchoedByTheServerShowsNowhere() throws Exception {
        try (HostileServer chat = echoingChat(); HostileServer tokens = tokenEndpoint();
                ProviderEngine engine = engine(chat.baseUrl(), clientCredentials(tokens))) {
            java.util.function.UnaryOperator<String> redactor = engine.redactor("test");
            AssistantMessage message = engine.complete(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults()).get(30, TimeUnit.SECONDS);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertClean(message.errorMessage(), TOKEN);
            assertClean(message.toString(), TOKEN);
            // the engine's redactor, taken before the token existed, knows it now
            StringBuilder echo = new StringBuilder();
            forms(TOKEN).forEach(form -> echo.append(form).append(' '));
            forms(CLIENT_SECRET).forEach(form -> echo.append(form).append(' '));
            assertClean(redactor.apply(echo.toString()), TOKEN, CLIENT_SECRET);
        }
    }

    @Test
    void aClientSecretEchoedByTheTokenEndpointShowsNowhere() throws Exception {
        try (HostileServer chat = echoingChat(); HostileServer tokens = HostileServer.start(
                (request, out) -> {
                    StringBuilder echo = new StringBuilder("Bad client: ");
                    forms(CLIENT_SECRET).forEach(f -> echo.append('<').append(f).append("> "));
                    echo.append(request.headers().get("authorization"));
                    byte[] body = ("{\"error\":\"invalid_client\",\"error_description\":\""
                            + json(echo.toString()) + "\"}").getBytes(StandardCharsets.UTF_8);
                    out.head(401, "Content-Type: application/json",
                            "Content-Length: " + body.length);
                    out.write(body);
                }); ProviderEngine engine = engine(chat.baseUrl(), clientCredentials(tokens))) {
            AssistantMessage message = engine.complete(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults()).get(30, TimeUnit.SECONDS);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertTrue(message.errorMessage().startsWith("token endpoint " + tokens.baseUrl()
                    + "/token answered 401 invalid_client: Bad client: "), message.errorMessage());
            assertClean(message.errorMessage(), CLIENT_SECRET);
            // the Basic header carries the secret base64-encoded: the whole header is masked
            String basic = java.util.Base64.getEncoder().encodeToString(("llm-client:"
                    + java.net.URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
            assertFalse(message.errorMessage().contains(basic.substring(0, 16)),
                    message.errorMessage());
        }
    }

    @Test
    void aHelpersTokenEchoedByTheServerShowsNowhere() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(
                Path.of("/bin/sh")));
        Path helper = java.nio.file.Files.writeString(dir.resolve("helper.sh"),
                "#!/bin/sh\nprintf '%s\\n' '" + TOKEN.replace("'", "'\\''") + "'\n");
        java.nio.file.Files.setPosixFilePermissions(helper,
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (HostileServer chat = echoingChat(); ProviderEngine engine = engine(chat.baseUrl(),
                "auth:\n  type: command\n  command: [\"" + helper + "\"]\n")) {
            AssistantMessage message = engine.complete(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults()).get(30, TimeUnit.SECONDS);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertClean(message.errorMessage(), TOKEN);
        }
    }

    @Test
    void everyKeyOfAPoolEchoedShowsNowhere() throws Exception {
        try (HostileServer chat = echoingChat(); ProviderEngine engine = engine(chat.baseUrl(),
                "apiKeys: [\"${KEY_ONE}\", \"" + KEY.replace("\"", "\\\"") + "\"]\n")) {
            AssistantMessage message = engine.complete(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults()).get(30, TimeUnit.SECONDS);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertClean(message.errorMessage(), KEY);
        }
    }

    // --- a stored login: its access token and refresh token ---

    private static final String ACCESS = "stored/access+token=42-abcdefgh";
    private static final String REFRESH = "stored refresh/+token-0123456789";

    @Test
    void aStoredLoginsTokensEchoedByTheChatAndTheTokenEndpointShowNowhere() throws Exception {
        dev.providers.engine.auth.CredentialStore store =
                dev.providers.engine.auth.CredentialStore.inMemory();
        store.save("test", new dev.providers.engine.auth.StoredCredential("oauth2-device",
                ACCESS, REFRESH, java.time.Instant.now().plusSeconds(3600),
                java.time.Instant.now()));
        // the refresh is refused, the refusal quoting both tokens in every form
        try (HostileServer chat = echoingChat(); HostileServer tokens = HostileServer.start(
                (request, out) -> {
                    StringBuilder echo = new StringBuilder("Revoked: ");
                    for (String secret : List.of(ACCESS, REFRESH)) {
                        forms(secret).forEach(f -> echo.append('<').append(f).append("> "));
                    }
                    byte[] body = ("{\"error\":\"invalid_grant\",\"error_description\":\""
                            + json(echo.toString()) + "\"}").getBytes(StandardCharsets.UTF_8);
                    out.head(400, "Content-Type: application/json",
                            "Content-Length: " + body.length);
                    out.write(body);
                });
                ProviderEngine engine = ProviderEngine.builder().registry(
                        EngineTestKit.registry(dir, chat.baseUrl(), "authHeader: true\nauth:\n"
                                + "  type: oauth2-device\n  deviceAuthorizationUrl: "
                                + tokens.baseUrl() + "/device\n  tokenUrl: " + tokens.baseUrl()
                                + "/token\n  clientId: my-cli\n"))
                        .environment(Map.<String, String>of()::get).credentialStore(store)
                        .maxRetries(0).build()) {
            java.util.function.UnaryOperator<String> redactor = engine.redactor("test");
            AssistantMessage message = engine.complete(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults()).get(30, TimeUnit.SECONDS);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertTrue(message.errorMessage().contains("invalid_grant: Revoked: "),
                    message.errorMessage());
            assertClean(message.errorMessage(), ACCESS, REFRESH);
            assertClean(message.toString(), ACCESS, REFRESH);
            StringBuilder echo = new StringBuilder();
            for (String secret : List.of(ACCESS, REFRESH)) {
                forms(secret).forEach(form -> echo.append(form).append(' '));
            }
            assertClean(redactor.apply(echo.toString()), ACCESS, REFRESH);
            assertFalse(store.load("test").orElseThrow().toString().contains(REFRESH));
        }
    }

    @Test
    void aSecretCutWhereALongRefusalIsShortenedIsStillMasked() throws Exception {
        // 300 characters are shown: the cut leaves the secret's first 9, too few to look like it
        String padding = "x".repeat(291);
        try (HostileServer chat = echoingChat(); HostileServer tokens = HostileServer.start(
                (request, out) -> {
                    byte[] body = ("{\"error\":\"invalid_client\",\"error_description\":\""
                            + json(padding + CLIENT_SECRET) + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    out.head(401, "Content-Type: application/json",
                            "Content-Length: " + body.length);
                    out.write(body);
                }); ProviderEngine engine = engine(chat.baseUrl(), clientCredentials(tokens))) {
            AssistantMessage message = engine.complete(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults()).get(30, TimeUnit.SECONDS);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertTrue(message.errorMessage().contains(padding + "***"), message.errorMessage());
            assertFalse(message.errorMessage().contains(padding + CLIENT_SECRET.charAt(0)),
                    message.errorMessage());
        }
    }
}
