package dev.providers.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.ReferenceServer;
import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Spring Boot application with the starter, on a loopback port, against the kit's
 * reference server: it streams through the injected engine, serves the health (a refused key is
 * DOWN) and providers endpoints over HTTP, follows an edited provider file, and lets a stream in
 * flight finish when it shuts down.
 */
class ProvidersStarterTest {

    private static final String KEY = "sk-starter-test-0123456789";
    private static final String WRONG_KEY = "sk-starter-wrong-9876543210";
    private static final ModelRef MODEL = ModelRef.of("demo", "demo-chat");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ReferenceServer server(Duration chunkPause) throws Exception {
        ReferenceServer server = ReferenceServer.start(Profile.OPENAI, KEY, chunkPause);
        open.add(server);
        Files.writeString(dir.resolve("demo.yaml"), server.providerYaml());
        return server;
    }

    private ConfigurableApplicationContext application(String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
                "spring.main.banner-mode=off", "providers.dir=" + dir,
                "providers.reload.debounce=50ms",
                "management.endpoints.web.exposure.include=health,providers,metrics",
                "management.endpoint.health.show-details=always"));
        all.addAll(List.of(properties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(
                TestApplication.class).properties(all.toArray(String[]::new)).run();
        open.add(context::close);
        return context;
    }

    @Test
    void streamsServesHealthAndProvidersAndFollowsAnEditedFile() throws Exception {
        ReferenceServer server = server(ReferenceServer.DEFAULT_CHUNK_PAUSE);
        // the same endpoint with a key it refuses: its health is DOWN, for the key
        Files.writeString(dir.resolve("wrong-key.yaml"), server.providerYaml()
                .replace("id: demo", "id: wrong-key").replace(KEY, WRONG_KEY));
        ConfigurableApplicationContext context = application();
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty(
                "local.server.port");

        ProviderEngine engine = context.getBean(ProviderEngine.class);
        AssistantMessage answer = engine.complete(MODEL, Context.ofUser("Say hello"),
                StreamOptions.defaults()).get(30, TimeUnit.SECONDS);
        assertEquals(StopReason.STOP, answer.stopReason(), answer.errorMessage());
        assertFalse(answer.text().isBlank());

        JsonNode health = get(base + "/actuator/health", 503);
        assertEquals("DOWN", health.at("/status").asText(), health.toString());
        JsonNode refused = health.at("/components/providers/components/wrong-key");
        assertEquals("DOWN", refused.at("/status").asText(), health.toString());
        assertEquals("auth", refused.at("/details/error").asText(), health.toString());
        JsonNode demo = health.at("/components/providers/components/demo");
        assertEquals("UP", demo.at("/status").asText(), health.toString());
        assertEquals(2, demo.at("/details/models").asInt(), "the endpoint's models listing");
        assertTrue(health.at("/components/providers/components/ollama").isMissingNode(),
                "built-in catalog entries are not checked: " + health);
        assertFalse(health.toString().contains(KEY), "no key in the health report");
        assertFalse(health.toString().contains(WRONG_KEY), "no key in the health report");
        assertEquals("UP", get(base + "/actuator/health/providers/demo").at("/status").asText());

        JsonNode providers = get(base + "/actuator/providers");
        assertEquals(1, providers.at("/generation").asLong());
        assertTrue(providers.at("/live").asBoolean());
        JsonNode entry = provider(providers, "demo");
        assertEquals("openai-completions", entry.at("/api").asText());
        assertEquals(server.baseUrl().toString(), entry.at("/baseUrl").asText());
        assertEquals("[\"demo-chat\",\"demo-lite\"]", entry.at("/models").toString());
        assertFalse(providers.toString().contains(KEY), "no key in the providers report");

        JsonNode duration = get(base + "/actuator/metrics/gen_ai.client.operation.duration");
        assertEquals(1.0, duration.at("/measurements/0/value").asDouble(),
                "the stream above, timed through Micrometer: " + duration);

        // an edit: a new model appears without a restart
        String yaml = server.providerYaml();
        Files.writeString(dir.resolve("demo.yaml"), yaml.replace("  - id: demo-lite",
                "  - id: demo-extra\n    contextWindow: 4096\n  - id: demo-lite"));
        JsonNode edited = await(base + "/actuator/providers",
                report -> report.at("/generation").asLong() == 2);
        assertEquals("[\"demo-chat\",\"demo-extra\",\"demo-lite\"]",
                provider(edited, "demo").at("/models").toString());
        assertEquals("~demo", edited.at("/lastReload/summary").asText());
        assertTrue(engine.registry().find(ModelRef.of("demo", "demo-extra")).isPresent(),
                "the injected engine knows the new model");

        // a broken edit: rejected with its located error, the last good version stays
        Files.writeString(dir.resolve("demo.yaml"), yaml.replace("contextWindow: ",
                "contextWindow: lots # "));
        JsonNode rejected = await(base + "/actuator/providers",
                report -> !report.at("/lastRejection").isNull()
                        && !report.at("/lastRejection").isMissingNode());
        String error = rejected.at("/lastRejection/errors/0").asText();
        assertTrue(error.matches(".*demo\\.yaml:\\d+:\\d+: error: /models/0/contextWindow: .*"),
                error);
        assertEquals(2, rejected.at("/generation").asLong());
        assertEquals(3, provider(rejected, "demo").at("/models").size());
    }

    @Test
    void closingTheApplicationLetsAStreamInFlightFinish() throws Exception {
        server(Duration.ofMillis(40));
        ConfigurableApplicationContext context = application();
        InFlight stream = startCounting(context.getBean(ProviderEngine.class));
        CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
        AssistantMessage message = stream.handle.result().get(60, TimeUnit.SECONDS);
        closed.get(60, TimeUnit.SECONDS);
        assertEquals(StopReason.STOP, message.stopReason(), message.errorMessage());
        assertTrue(message.text().contains("20"), message.text());
    }

    @Test
    void withoutAGracePeriodClosingAbortsTheStream() throws Exception {
        server(Duration.ofMillis(40));
        ConfigurableApplicationContext context = application(
                "providers.shutdown.grace-period=1ms");
        InFlight stream = startCounting(context.getBean(ProviderEngine.class));
        context.close();
        AssistantMessage message = stream.handle.result().get(60, TimeUnit.SECONDS);
        assertEquals(StopReason.ABORTED, message.stopReason());
    }

    /** A stream counting to 20, a chunk every 40 ms, once its first text has arrived. */
    private record InFlight(StreamHandle handle) { }

    private static InFlight startCounting(ProviderEngine engine) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        StreamHandle handle = engine.stream(MODEL, Context.ofUser("Count from 1 to 20"),
                StreamOptions.defaults(), new StreamListener() {
                    @Override
                    public void onTextDelta(StreamEvent.TextDelta event) {
                        started.countDown();
                    }
                });
        assertTrue(started.await(30, TimeUnit.SECONDS), "the stream started");
        return new InFlight(handle);
    }

    private static JsonNode provider(JsonNode report, String id) {
        for (JsonNode provider : report.at("/providers")) {
            if (provider.at("/id").asText().equals(id)) {
                return provider;
            }
        }
        throw new AssertionError("no provider " + id + " in " + report);
    }

    private static JsonNode get(String url) throws Exception {
        return get(url, 200);
    }

    private static JsonNode get(String url, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), url + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** Reads {@code url} until {@code done} holds, at most 200 times 100 ms apart. */
    private static JsonNode await(String url, Predicate<JsonNode> done) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 200; i++) {
            last = get(url);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached within 20 s: " + last);
    }
}
