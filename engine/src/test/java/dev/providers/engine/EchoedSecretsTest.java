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
}
