package dev.providers.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Drives a real llama-server with the tiny model over plain HTTP (README §4 behaviour table). */
@ExtendWith(LlamaServerExtension.class)
class LlamaServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    private static final String WEATHER_TOOL = "{\"type\":\"function\",\"function\":{"
            + "\"name\":\"get_weather\",\"description\":\"Get the weather\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
            + "\"required\":[\"city\"]}}}";
    private static final Pattern CONTENT =
            Pattern.compile("\"content\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern FINISH = Pattern.compile("\"finish_reason\":\"(\\w+)\"");

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void writeModel() throws IOException {
        model = TinyLlamaModel.write(dir);
    }

    @Test
    void reportsWhereItListens(LlamaServer server) throws Exception {
        assertTrue(server.port() > 0);
        assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/v1"), server.baseUrl());
        assertTrue(Files.readString(server.logFile()).contains("listening on"), "log is kept");

        HttpResponse<String> models = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, models.statusCode());
        assertTrue(models.body().contains("\"id\":\"tiny-llama\""), models.body());
    }

    @Test
    void streamsHelloWorld(LlamaServer server) throws Exception {
        HttpResponse<String> r =
                chat(server, "{\"model\":\"tiny-llama\",\"stream\":true," + HI + "}", null);

        assertEquals(200, r.statusCode(), r.body());
        List<String> events = sseData(r.body());
        assertEquals("[DONE]", events.get(events.size() - 1), r.body());
        assertEquals("Hello, world!", String.join("", matches(CONTENT, r.body())));
        assertEquals(List.of("stop"), matches(FINISH, r.body()));
    }

    @Test
    void maxTokensCutsTheAnswer(LlamaServer server) throws Exception {
        HttpResponse<String> r = chat(server, "{\"max_tokens\":2," + HI + "}", null);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("Hello,"), matches(CONTENT, r.body()));
        assertEquals(List.of("length"), matches(FINISH, r.body()));
    }

    @Test
    void offeredToolIsCalled(LlamaServer server) throws Exception {
        HttpResponse<String> r = chat(server, "{\"messages\":[{\"role\":\"user\","
                + "\"content\":\"weather in Paris?\"}],\"tools\":[" + WEATHER_TOOL + "]}", null);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("tool_calls"), matches(FINISH, r.body()));
        assertTrue(r.body().contains("\"name\":\"get_weather\""), r.body());
        assertTrue(r.body().contains("\"arguments\":\"{\\\"city\\\":\\\"\\\"}\""), r.body());
    }

    @Test
    void promptLongerThanTheContextIsRejected(LlamaServer server) throws Exception {
        String content = "a".repeat(server.contextSize() + 1000);
        for (String stream : List.of("false", "true")) {
            HttpResponse<String> r = chat(server, "{\"stream\":" + stream + ",\"messages\":[{"
                    + "\"role\":\"user\",\"content\":\"" + content + "\"}]}", null);

            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"type\":\"exceed_context_size_error\""), r.body());
        }
    }

    @Test
    void apiKeyInstanceRejectsAWrongKeyAndStopsOnClose() throws Exception {
        LlamaServer keyed = LlamaServer.builder(model)
                .binary(LlamaServerExtension.binaryOrAbort())
                .apiKey("sk-test")
                .logFile(LlamaServerExtension.newLogFile("llama-server-api-key"))
                .start();
        URI health;
        try (keyed) {
            health = URI.create("http://127.0.0.1:" + keyed.port() + "/health");
            HttpResponse<String> wrong = chat(keyed, "{" + HI + "}", "sk-wrong");
            assertEquals(401, wrong.statusCode(), wrong.body());
            assertTrue(wrong.body().contains("\"type\":\"authentication_error\""), wrong.body());
            assertEquals(401, chat(keyed, "{" + HI + "}", null).statusCode());
            assertEquals(200, chat(keyed, "{" + HI + "}", "sk-test").statusCode());
        }
        assertThrows(ConnectException.class, () -> HTTP.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void startFailurePointsAtTheLog() throws Exception {
        Path bogus = Files.writeString(dir.resolve("not-a-model.gguf"), "not a GGUF file");
        Path log = LlamaServerExtension.newLogFile("llama-server-bad-model");
        Path binary = LlamaServerExtension.binaryOrAbort();

        IOException e = assertThrows(IOException.class, () -> LlamaServer.builder(bogus)
                .binary(binary)
                .logFile(log)
                .startTimeout(Duration.ofSeconds(20))
                .start());

        assertTrue(e.getMessage().contains(log.toString()), e.getMessage());
    }

    private static HttpResponse<String> chat(LlamaServer server, String body, String apiKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> sseData(String body) {
        return body.lines()
                .filter(l -> l.startsWith("data: "))
                .map(l -> l.substring("data: ".length()))
                .toList();
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1).replace("\\\"", "\"").replace("\\n", "\n"));
        }
        return found;
    }
}
