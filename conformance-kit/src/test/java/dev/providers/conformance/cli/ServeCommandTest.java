package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.ConformanceMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code conformance serve}: the reference server on its own, every dialect on one port. */
class ServeCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void servesWhatTheOpenAiClientsSendAndStopsCleanly() throws Exception {
        int port = freePort();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(ConformanceMain.run(new String[] {"serve",
                "--profile", "deepseek", "--port", Integer.toString(port)},
                new PrintWriter(out, true), new PrintWriter(err, true), Map.of())));
        command.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        try {
            long until = System.nanoTime() + WAIT.toNanos();
            while (!out.toString().contains("Ctrl-C stops it.") && System.nanoTime() < until
                    && command.isAlive()) {
                Thread.sleep(20);
            }
            String printed = out.toString();
            assertTrue(printed.contains("openai-completions    baseUrl " + base + "/v1"),
                    printed + err);
            assertTrue(printed.contains("profile deepseek"), printed);
            assertTrue(printed.contains("google-generative-ai  baseUrl " + base + "/v1beta"),
                    printed);

            // the openai SDKs' model list
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/v1/models")).header("Authorization", "Bearer sk-anything").GET()
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, models.statusCode(), models.body());
            assertTrue(models.body().contains("\"object\":\"list\""), models.body());

            // the openai SDKs' streamed chat completion with usage
            String body = "{\"model\":\"demo-chat\",\"stream\":true,\"stream_options\":"
                    + "{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"Say hello\"}]}";
            HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/v1/chat/completions")).header("Authorization", "Bearer sk-anything")
                    .header("Content-Type", "application/json").timeout(WAIT)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, chat.statusCode(), chat.body());
            assertTrue(chat.headers().firstValue("Content-Type").orElse("")
                    .startsWith("text/event-stream"), chat.headers().toString());
            assertTrue(chat.body().contains("\"object\":\"chat.completion.chunk\""),
                    chat.body());
            assertTrue(chat.body().contains("\"usage\":{"), chat.body());
            assertTrue(chat.body().strip().endsWith("data: [DONE]"), chat.body());

            // the other dialects share the port: Anthropic's Messages and Gemini
            HttpResponse<String> messages = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/v1/messages")).header("x-api-key", "sk-anything")
                    .header("anthropic-version", "2023-06-01")
                    .header("Content-Type", "application/json").timeout(WAIT)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"demo-chat\","
                            + "\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":"
                            + "\"Hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, messages.statusCode(), messages.body());
            assertTrue(messages.body().contains("\"type\":\"message\""), messages.body());
            HttpResponse<String> gemini = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/v1beta/models")).timeout(WAIT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, gemini.statusCode(), gemini.body());
            assertTrue(gemini.body().contains("\"name\":\"models/demo-chat\""), gemini.body());
        } finally {
            // the stop path Ctrl-C's shutdown hook shares
            command.interrupt();
            command.join(WAIT.toMillis());
        }
        assertEquals(0, exit.get(), out + "\n" + err);
        assertTrue(out.toString().contains("conformance serve: stopped"), out.toString());
        assertThrows(ConnectException.class, () -> http.send(HttpRequest.newBuilder(
                URI.create(base + "/v1/models")).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void listsTheProfilesAndRefusesTwoOfOneDialect() {
        CliRun list = CliRun.run("serve", "--list-profiles");
        assertEquals(0, list.exitCode(), list::all);
        assertTrue(list.out().contains("deepseek"), list::all);
        assertTrue(list.out().contains("anthropic-no-ping"), list::all);
        CliRun two = CliRun.run("serve", "--profile", "deepseek", "--profile", "groq",
                "--port", "0");
        assertEquals(2, two.exitCode(), two::all);
        assertTrue(two.err().contains("both speak openai-completions"), two::all);
    }
}
