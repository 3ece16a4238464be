package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that answers 401 and echoes the key (whole, URL-encoded, JSON-escaped, inside a
 * longer token), the query secret and the header secret: no form of any of them may reach the
 * console, a report, a capture or the JUnit XML of a kit run, nor the output of {@code chat}.
 * The same holds for a token the engine fetched at run time, which no provider file names.
 */
class EchoedSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters that every encoding changes: slash, plus, quote, ampersand, space, angle. */
    private static final String KEY = "sk-live/Ab+9\"x&y z<K3mV8nB1>";
    private static final String QUERY_SECRET = "q-Secret/+&=7Hq2";
    private static final String HEADER_SECRET = "hdr-Secret'Lw9Zp";
    private static final String HEADER = "X-Api-Token";

    @TempDir
    Path dir;

    private KeyEchoServer server;
    private Path providers;

    @BeforeEach
    void start() throws Exception {
        server = new KeyEchoServer(HEADER);
        providers = Files.createDirectories(dir.resolve("providers.d"));
        Files.writeString(providers.resolve("echo.yaml"), """
                id: echo
                baseUrl: %s
                apiKey: %s
                authHeader: true
                headers:
                  %s: %s
                queryParams:
                  key: %s
                models:
                  - id: m
                    input: [text, image]
                    reasoning: true
                    contextWindow: 8192
                """.formatted(server.baseUrl(), JSON.writeValueAsString(KEY), HEADER,
                JSON.writeValueAsString(HEADER_SECRET), JSON.writeValueAsString(QUERY_SECRET)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun cli(String... args) {
        return CliRun.run(Map.of("PROVIDERS_DIR", providers.toString()), args);
    }

    @Test
    void aKitRunKeepsEveryFormOfEverySecretOutOfEveryOutput() throws Exception {
        Path reports = dir.resolve("reports");
        CliRun run = cli("--provider", "echo", "--tier", "all", "--attempts", "1",
                "--test-timeout", "30s", "--report-dir", reports.toString());

        assertEquals(1, run.exitCode(), run::all);
        List<String> outputs = new ArrayList<>(List.of(run.out(), run.err()));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(reports)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            outputs.add(file + ":\n" + Files.readString(file));
        }
        // the echo did arrive: each kind of output shows it with the secrets masked
        assertTrue(run.out().contains("Incorrect API key provided: ***"), run::out);
        assertTrue(Files.readString(reports.resolve("report.json"))
                .contains("Incorrect API key provided: ***"));
        assertTrue(Files.readString(reports.resolve("report.md"))
                .contains("Incorrect API key provided: ***"));
        assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".response.txt")),
                files::toString);
        assertTrue(files.stream().anyMatch(f -> f.getParent().endsWith("junit")),
                files::toString);

        assertNoSecretIn(outputs);
    }

    @Test
    void chatPrintsNoFormOfASecretInJsonOrText() {
        CliRun json = cli("chat", "--provider", "echo", "--format", "json", "Hello");
        assertEquals(1, json.exitCode(), json::all);
        assertTrue(json.out().contains("***"), json::all);

        CliRun text = cli("chat", "--provider", "echo", "Hello");
        assertEquals(1, text.exitCode(), text::all);
        assertTrue(text.err().contains("error (auth): "), text::all);

        assertNoSecretIn(List.of(json.out(), json.err(), text.out(), text.err()));
    }

    /** A token no provider file names: fetched at run time, known only to the engines. */
    private static final String TOKEN = "tok/Ab+9\"x&y z<T0k3nQ7w>";

    @Test
    void aFetchedTokenIsKeptOutOfEveryOutputOfAKitRunAndOfChat() throws Exception {
        com.sun.net.httpserver.HttpServer tokens = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 4);
        tokens.createContext("/token", exchange -> {
            byte[] body = JSON.writeValueAsBytes(Map.of("access_token", TOKEN,
                    "expires_in", 3600));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tokens.start();
        try {
            Files.writeString(providers.resolve("echo.yaml"), """
                    id: echo
                    baseUrl: %s
                    authHeader: true
                    auth:
                      type: oauth2-client-credentials
                      tokenUrl: http://127.0.0.1:%d/token
                      clientId: kit
                      clientSecret: kit-client-secret
                    models:
                      - id: m
                        contextWindow: 8192
                    """.formatted(server.baseUrl(), tokens.getAddress().getPort()));
            Path reports = dir.resolve("token-reports");
            CliRun run = cli("--provider", "echo", "--attempts", "1", "--test-timeout", "30s",
                    "--report-dir", reports.toString());
            assertEquals(1, run.exitCode(), run::all);
            List<String> outputs = new ArrayList<>(List.of(run.out(), run.err()));
            try (Stream<Path> walk = Files.walk(reports)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    outputs.add(file + ":\n" + Files.readString(file));
                }
            }
            assertTrue(run.out().contains("Incorrect API key provided: ***"), run::out);
            CliRun chat = cli("chat", "--provider", "echo", "--format", "json", "Hello");
            assertTrue(chat.out().contains("***"), chat::all);
            outputs.add(chat.all());
            assertNoFormIn(outputs, TOKEN, "T0k3nQ7w");
        } finally {
            tokens.stop(0);
        }
    }

    /** Fails when any output holds any form of {@code secret} or {@code piece}. */
    private static void assertNoFormIn(List<String> outputs, String secret, String piece) {
        String json = jsonBody(secret);
        for (String output : outputs) {
            for (String form : List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
                    percentAll(secret), json, xml(secret), xml(json), piece)) {
                assertFalse(output.contains(form), () -> "found '" + form + "' in\n" + output);
            }
        }
    }

    /** Fails when any output holds any form of any secret. */
    private static void assertNoSecretIn(List<String> outputs) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : List.of(KEY, QUERY_SECRET, HEADER_SECRET)) {
            String json = jsonBody(secret);
            for (String form : List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
                    percentAll(secret), json, xml(secret), xml(json), xml(URLEncoder.encode(
                            secret, StandardCharsets.UTF_8)))) {
                forms.add(form);
            }
        }
        // distinctive pieces, in case a form was cut rather than masked
        forms.add("K3mV8nB1");
        forms.add("7Hq2");
        forms.add("Lw9Zp");
        for (String output : outputs) {
            for (String form : forms) {
                assertFalse(output.contains(form), () -> "found '" + form + "' in\n" + output);
            }
        }
    }

    private static String jsonBody(String secret) {
        try {
            String quoted = JSON.writeValueAsString(secret);
            return quoted.substring(1, quoted.length() - 1);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String percentAll(String secret) {
        StringBuilder out = new StringBuilder();
        for (byte b : secret.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }
}
