package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 404 at a base URL without its version segment: {@code chat} and {@code check} say which. */
class BaseUrlHintTest {

    private static final String KEY = "sk-hint-test-7d21c9";
    private static final String MODEL = "strict-model";

    /**
     * A server as strict as the real ones about paths: a model list at {@code /v1/models},
     * OpenAI's 404 (which names no model) everywhere else.
     */
    private static HttpServer strictServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/v1/models")) {
                answer(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL
                        + "\",\"object\":\"model\"}]}");
            } else {
                answer(exchange, 404, "{\"error\":{\"message\":\"Invalid URL (POST "
                        + exchange.getRequestURI().getPath() + ")\",\"type\":"
                        + "\"invalid_request_error\"}}");
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String json)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @TempDir
    Path dir;

    private Map<String, String> env(String baseUrl) throws Exception {
        Path providers = Files.createDirectories(dir.resolve("providers.d"));
        Files.writeString(providers.resolve("team.yaml"), "id: team\nbaseUrl: " + baseUrl
                + "\napiKey: ${TEAM_KEY}\nmodels: [{id: " + MODEL + "}]\n");
        return Map.of("PROVIDERS_DIR", providers.toString(), "XDG_CONFIG_HOME",
                dir.resolve("config").toString(), "HOME", dir.toString(), "TEAM_KEY", KEY);
    }

    @Test
    void chatSaysWhichBaseUrlAnswersWhenTheGivenOneIsNotFound() throws Exception {
        HttpServer server = strictServer();
        try {
            String bare = origin(server);
            CliRun chat = CliRun.run(env(bare), "chat", "--provider", "team", "hi");

            assertEquals(1, chat.exitCode(), chat::all);
            assertTrue(chat.err().contains("error (not_found): 404"), chat::all);
            assertTrue(chat.err().contains("did you mean baseUrl: " + bare + "/v1? (GET " + bare
                    + "/v1/models answers a model list)"), chat::all);
            assertFalse(chat.all().contains(KEY), chat::all);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void checkSaysItToo() throws Exception {
        HttpServer server = strictServer();
        try {
            String bare = origin(server);
            CliRun check = CliRun.run(env(bare), "check", "--provider", "team");

            assertEquals(1, check.exitCode(), check::all);
            assertTrue(check.out().contains("\n  did you mean baseUrl: " + bare + "/v1?"),
                    check::all);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aNotFoundWithNoBetterBaseUrlHasNoHint() throws Exception {
        HttpServer server = strictServer();
        try {
            String wrong = origin(server) + "/v1/nothing/here";
            CliRun chat = CliRun.run(env(wrong), "chat", "--provider", "team", "hi");

            assertEquals(1, chat.exitCode(), chat::all);
            assertTrue(chat.err().contains("error (not_found)"), chat::all);
            assertFalse(chat.err().contains("did you mean"), chat::all);
        } finally {
            server.stop(0);
        }
    }
}
