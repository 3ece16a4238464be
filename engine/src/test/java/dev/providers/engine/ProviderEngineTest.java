package dev.providers.engine;

import static dev.providers.engine.testing.ScriptedServer.Response.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.WireObserver;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.testing.ScriptedServer;
import dev.providers.engine.testing.ScriptedServer.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end against a scripted loopback server. */
class ProviderEngineTest {

    static final String HELLO = "data: {\"id\":\"r1\",\"model\":\"m\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"r1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\", world!\"},"
            + "\"finish_reason\":\"stop\"}]}\n\n"
            + "data: {\"id\":\"r1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
            + "\"completion_tokens\":5,\"total_tokens\":17}}\n\n"
            + "data: [DONE]\n\n";

    @TempDir
    Path dir;

    private ScriptedServer server;
    private ProviderEngine engine;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        server.close();
    }

    private ProviderEngine engine(String yaml, Map<String, String> env) throws Exception {
        ProviderRegistry registry = EngineTestKit.registry(dir, server.baseUrl(), yaml);
        engine = ProviderEngine.builder().registry(registry).environment(env::get)
                .maxRetries(0).build();
        return engine;
    }

    private static final ModelRef M = ModelRef.of("test", "m");

    @Test
    void streamsTextAndUsageWithHeadersInTheirOrderOfPrecedence() throws Exception {
        engine("apiKey: ${TEST_KEY}\nauthHeader: true\nheaders:\n  X-Team: search\n"
                + "  X-Gone: provider\nqueryParams:\n  api-version: \"2024-10-21\"\n"
                + "models:\n  - id: m\n    headers: {X-Team: model}\n",
                Map.of("TEST_KEY", "sk-test-123"));
        server.enqueue(sse(HELLO));
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        StreamHandle handle = engine.stream(M, Context.ofUser("Hi"), StreamOptions.builder()
                .header("X-Call", "1").header("X-Gone", null).build(), recorder);
        AssistantMessage message = recorder.await(handle);
        assertEquals("Hello, world!", message.text());
        assertEquals(StopReason.STOP, message.stopReason());
        assertEquals(12, message.usage().input());
        assertEquals(17, message.usage().totalTokens());
        assertInstanceOf(StreamEvent.Start.class, recorder.events.get(0));

        ScriptedServer.Request request = server.takeRequest();
        assertEquals("/v1/chat/completions?api-version=2024-10-21", request.path());
        assertEquals("Bearer sk-test-123", request.headers().get("authorization"));
        assertEquals("model", request.headers().get("x-team"));
        assertEquals("1", request.headers().get("x-call"));
        assertFalse(request.headers().containsKey("x-gone"), "a per-call null removes");
        assertEquals("text/event-stream", request.headers().get("accept"));
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals("m", body.get("model").asText());
        assertTrue(body.get("stream").asBoolean());
        assertTrue(body.at("/stream_options/include_usage").asBoolean());
        assertEquals("Hi", body.at("/messages/0/content").asText());
    }

    @Test
    void aWireObserverSeesMaskedRequestsAndTheRawResponseOffTheIoThread() throws Exception {
        engine("apiKey: ${TEST_KEY}\nauthHeader: true\nqueryParams:\n  key: ${TEST_KEY}\n",
                Map.of("TEST_KEY", "sk-secret-42"));
        server.enqueue(Response.status(503, "busy")).enqueue(sse(HELLO));
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        dev.providers.engine.event.WireObserver observer =
                new dev.providers.engine.event.WireObserver() {
                    @Override
                    public void request(int attempt, java.net.URI uri,
                            List<Map.Entry<String, String>> headers, byte[] body) {
                        seen.add(attempt + " request " + uri + " " + headers + " "
                                + Thread.currentThread().getName().startsWith("providers-io"));
                    }

                    @Override
                    public void response(int attempt, int status,
                            List<Map.Entry<String, String>> headers) {
                        seen.add(attempt + " response " + status);
                    }

                    @Override
                    public void body(int attempt, byte[] bytes) {
                        if (attempt == 1) {
                            raw.write(bytes, 0, bytes.length);
                        }
                    }

                    @Override
                    public void end(int attempt, String outcome) {
                        seen.add(attempt + " end " + outcome);
                        if (attempt == 1) {
                            ended.countDown();
                        }
                    }
                };
        engine.close();
        engine = ProviderEngine.builder().registry(engine.registry())
                .environment(Map.of("TEST_KEY", "sk-secret-42")::get).maxRetries(1)
                .random(() -> 1.0).build();
        AssistantMessage message = engine.complete(M, Context.ofUser("Hi"), StreamOptions
                .builder().wireObserver(observer).build()).get(10, TimeUnit.SECONDS);
        assertEquals("Hello, world!", message.text());
        assertTrue(ended.await(10, TimeUnit.SECONDS));
        String all = String.join("\n", seen);
        assertFalse(all.contains("sk-secret-42"), all);
        assertTrue(all.contains("0 request " + server.baseUrl() + "/chat/completions?key=*** "
                + "[User-Agent=providers-engine/0.1, Authorization=***, "
                + "Content-Type=application/json, Accept=text/event-stream] false"), all);
        assertTrue(all.contains("0 response 503"), all);
        assertTrue(all.contains("1 response 200"), all);
        assertTrue(all.contains("1 end body ended (HTTP 200)"), all);
        assertEquals(HELLO, raw.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("Bearer sk-secret-42", server.takeRequest().headers().get("authorization"));
    }

    @Test
    void theIteratorAndThePublisherDeliverTheSameEvents() throws Exception {
        engine("", Map.of());
        server.enqueue(sse(HELLO)).enqueue(sse(HELLO));
        StreamHandle iterated = engine.stream(M, Context.ofUser("Hi"), StreamOptions.defaults());
        List<String> viaIterator = new ArrayList<>();
        for (Iterator<StreamEvent> it = iterated.iterator(); it.hasNext(); ) {
            viaIterator.add(it.next().getClass().getSimpleName());
        }
        assertThrows(IllegalStateException.class, iterated::iterator);

        StreamHandle published = engine.stream(M, Context.ofUser("Hi"), StreamOptions.defaults());
        List<String> viaPublisher = new ArrayList<>();
        CompletableFuture<Void> complete = new CompletableFuture<>();
        published.events().subscribe(new Flow.Subscriber<>() {
            Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1); // one at a time: backpressure honoured
            }

            @Override
            public void onNext(StreamEvent item) {
                viaPublisher.add(item.getClass().getSimpleName());
                subscription.request(1);
            }

            @Override
            public void onError(Throwable t) {
                complete.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                complete.complete(null);
            }
        });
        complete.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("Start", "TextStart", "TextDelta", "TextDelta", "TextEnd", "Done"),
                viaIterator);
        assertEquals(viaIterator, viaPublisher);
        StreamHandle withListener = engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.defaults(), new EngineTestKit.Recorder());
        assertThrows(IllegalStateException.class, withListener::events);
        withListener.cancel();
    }

    @Test
    void httpErrorsAreOneErrorEventWithTheirKindAndNoStart() throws Exception {
        engine("", Map.of());
        server.enqueue(Response.status(401, "{\"error\":{\"message\":\"Invalid API Key\","
                + "\"type\":\"authentication_error\",\"code\":401}}"));
        server.enqueue(Response.status(404, "{\"error\":{\"message\":\"File Not Found\","
                + "\"type\":\"not_found_error\",\"code\":404}}"));
        server.enqueue(Response.status(400, "{\"error\":{\"code\":400,\"message\":\"the request "
                + "exceeds the available context size, try increasing it\",\"type\":"
                + "\"exceed_context_size_error\",\"n_prompt_tokens\":5000,\"n_ctx\":4096}}"));
        List<ErrorKind> kinds = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
            AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                    StreamOptions.defaults(), recorder));
            assertEquals(1, recorder.events.size(), "G2: one event, the error");
            kinds.add(message.errorKind());
            messages.add(message.errorMessage());
        }
        assertEquals(List.of(ErrorKind.AUTH, ErrorKind.NOT_FOUND,
                ErrorKind.CONTEXT_OVERFLOW), kinds);
        assertEquals("401: Invalid API Key", messages.get(0));
        assertEquals("404: File Not Found (nothing at /v1/chat/completions; check the "
                + "provider's baseUrl)", messages.get(1));
    }

    @Test
    void retriesBeforeTheStartHonouringRetryAfter() throws Exception {
        // the delays the engine asks its scheduler for, instead of the time it took
        List<Long> delays = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ScheduledThreadPoolExecutor timers =
                new java.util.concurrent.ScheduledThreadPoolExecutor(1) {
                    @Override
                    public java.util.concurrent.ScheduledFuture<?> schedule(Runnable task,
                            long delay, TimeUnit unit) {
                        delays.add(unit.toMillis(delay));
                        return super.schedule(task, delay, unit);
                    }
                };
        try {
            ProviderRegistry registry = EngineTestKit.registry(dir, server.baseUrl(),
                    "maxRetries: 3\n");
            engine = ProviderEngine.builder().registry(registry).timers(timers)
                    .random(() -> 0).build();
            server.enqueue(Response.status(429, "{\"error\":{\"message\":\"slow down\"}}")
                    .header("retry-after-ms", "100"));
            server.enqueue(Response.status(503, "overloaded"));
            server.enqueue(sse(HELLO));
            EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
            AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                    StreamOptions.defaults(), recorder));
            assertEquals(StopReason.STOP, message.stopReason());
            assertEquals(3, server.requestCount());
            // 100 ms as asked, then the exponential step (1 s for the second retry, no jitter);
            // the other timers are the timeouts, of a minute and more
            assertEquals(List.of(100L, 1000L), delays.stream().filter(d -> d < 60_000)
                    .toList());
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void aServerAskingForTooLongADelayFailsAtOnce() throws Exception {
        engine("maxRetries: 3\nmaxRetryDelay: 60\n", Map.of());
        server.enqueue(Response.status(429, "{\"error\":{\"message\":\"quota\"}}")
                .header("retry-after", "120"));
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.defaults(), recorder));
        assertEquals(ErrorKind.RATE_LIMIT, message.errorKind());
        assertEquals("Server requested 120s retry delay (max: 60s). 429: quota",
                message.errorMessage());
        assertEquals(1, server.requestCount());
    }

    @Test
    void aStreamThatStartedIsNeverRetried() throws Exception {
        engine("maxRetries: 3\n", Map.of());
        server.enqueue(sse("data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n")
                .closeAfter().header("Connection", "close").hang());
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        StreamHandle handle = engine.stream(M, Context.ofUser("Hi"), StreamOptions.builder()
                .idleTimeout(Duration.ofMillis(300)).build(), recorder);
        AssistantMessage message = recorder.await(handle);
        assertEquals(ErrorKind.TIMEOUT, message.errorKind());
        assertEquals("no data for 300 ms while streaming", message.errorMessage());
        assertEquals("Hel", message.text(), "what arrived is kept");
        assertEquals(1, server.requestCount());
    }

    @Test
    void aHeadTimeoutEndsTheStreamAsTimeout() throws Exception {
        engine("", Map.of());
        server.enqueue(sse(HELLO).headDelay(Duration.ofSeconds(3)));
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.builder().headersTimeout(Duration.ofMillis(200)).build(),
                recorder));
        assertEquals(ErrorKind.TIMEOUT, message.errorKind());
        assertEquals("no response head within 200 ms", message.errorMessage());
        assertEquals(1, recorder.events.size());
    }

    @Test
    void commentsKeepASlowStreamAlive() throws Exception {
        engine("", Map.of());
        Response slow = sse("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n");
        for (int i = 0; i < 6; i++) {
            slow.part(": OPENROUTER PROCESSING\n\n", Duration.ofMillis(100));
        }
        slow.part("data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n", Duration.ofMillis(100));
        server.enqueue(slow);
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.builder().idleTimeout(Duration.ofMillis(350)).build(),
                recorder));
        assertEquals(StopReason.STOP, message.stopReason(), message.errorMessage());
    }

    @Test
    void cancelEndsAtOnceAndClosesEvenAReusedConnection() throws Exception {
        engine("", Map.of());
        server.enqueue(sse(HELLO));
        // the result can complete on [DONE], before the chunked body's end is read and the
        // connection goes back to the pool: wait for the end of the body
        CountDownLatch warmUpRead = new CountDownLatch(1);
        engine.complete(M, Context.ofUser("warm up"), StreamOptions.builder()
                .wireObserver(new dev.providers.engine.event.WireObserver() {
                    @Override
                    public void end(int attempt, String outcome) {
                        warmUpRead.countDown();
                    }
                }).build()).get(10, TimeUnit.SECONDS);
        assertTrue(warmUpRead.await(10, TimeUnit.SECONDS));
        Thread.sleep(50);
        server.enqueue(sse("data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n")
                .hang());
        CountDownLatch firstDelta = new CountDownLatch(1);
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder() {
            @Override
            public void onEvent(StreamEvent event) {
                super.onEvent(event);
                if (event instanceof StreamEvent.TextDelta) {
                    firstDelta.countDown();
                }
            }
        };
        StreamHandle handle = engine.stream(M, Context.ofUser("Hi"), StreamOptions.defaults(),
                recorder);
        assertTrue(firstDelta.await(10, TimeUnit.SECONDS));
        server.takeRequest();
        ScriptedServer.Request second = server.takeRequest();
        assertEquals(1, second.connection(), "the second request reused the pooled connection");
        int closedBefore = server.connectionsClosedByClient();
        handle.cancel();
        AssistantMessage message = recorder.await(handle);
        assertEquals(StopReason.ABORTED, message.stopReason());
        assertEquals(ErrorKind.ABORTED, message.errorKind());
        assertEquals("Hel", message.text());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.connectionsClosedByClient() == closedBefore && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        // the stream hangs: only the cancel can have closed the pooled connection
        assertEquals(closedBefore + 1, server.connectionsClosedByClient());
        assertEquals(0, recorder.events.stream().filter(e -> e instanceof StreamEvent.TextEnd)
                .count(), "G7: no ends after a cancel");
    }

    @Test
    void cancelFromInsideTheListenerAndBeforeTheHead() throws Exception {
        engine("", Map.of());
        server.enqueue(sse("data: {\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}\n\n",
                "data: {\"choices\":[{\"delta\":{\"content\":\" more\"}}]}\n\n").hang());
        StreamHandle[] self = new StreamHandle[1];
        CountDownLatch ready = new CountDownLatch(1);
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder() {
            @Override
            public void onEvent(StreamEvent event) {
                super.onEvent(event);
                try {
                    ready.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (event instanceof StreamEvent.TextDelta) {
                    self[0].cancel();
                }
            }
        };
        self[0] = engine.stream(M, Context.ofUser("Hi"), StreamOptions.defaults(), recorder);
        ready.countDown();
        AssistantMessage message = recorder.await(self[0]);
        assertEquals(StopReason.ABORTED, message.stopReason());
        int firstDelta = 0;
        for (int i = 0; i < recorder.events.size(); i++) {
            if (recorder.events.get(i) instanceof StreamEvent.TextDelta) {
                firstDelta = i;
                break;
            }
        }
        assertTrue(recorder.events.get(recorder.events.size() - 1).isTerminal());

        server.enqueue(sse(HELLO).headDelay(Duration.ofSeconds(2)));
        EngineTestKit.Recorder early = new EngineTestKit.Recorder();
        StreamHandle handle = engine.stream(M, Context.ofUser("Hi"), StreamOptions.defaults(),
                early);
        handle.cancel();
        AssistantMessage aborted = early.await(handle);
        assertEquals(StopReason.ABORTED, aborted.stopReason());
        assertEquals(1, early.events.size(), "P10a: exactly one event");
        assertTrue(aborted.content().isEmpty());
        assertTrue(firstDelta > 0);
    }

    @Test
    void aCancelFromTheListenerWinsOverWhatTheIoThreadAlreadyRead() throws Exception {
        engine("", Map.of());
        server.enqueue(sse("data: {\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}\n\n",
                "data: {\"choices\":[{\"delta\":{\"content\":\" world\"}}]}\n\n",
                "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
                "data: [DONE]\n\n"));
        StreamHandle[] self = new StreamHandle[1];
        CountDownLatch ready = new CountDownLatch(1);
        boolean[] readAhead = new boolean[1];
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder() {
            @Override
            public void onEvent(StreamEvent event) {
                super.onEvent(event);
                if (event instanceof StreamEvent.TextDelta) {
                    try {
                        // hold the listener until the I/O thread has read the whole answer
                        ready.await(5, TimeUnit.SECONDS);
                        for (int i = 0; i < 500 && !readAhead[0]; i++) {
                            AssistantMessage seen = self[0].partial();
                            readAhead[0] = "Hello world".equals(seen.text())
                                    && "stop".equals(seen.rawStopReason());
                            Thread.sleep(10);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    self[0].cancel();
                }
            }
        };
        self[0] = engine.stream(M, Context.ofUser("Hi"), StreamOptions.defaults(), recorder);
        ready.countDown();
        AssistantMessage message = recorder.await(self[0]);
        assertTrue(readAhead[0], "the answer and its finish were read before the cancel");
        assertEquals(StopReason.ABORTED, message.stopReason());
        assertEquals(List.of(new TextContent("Hello")), message.content(),
                "only what the listener was handed");
        StreamEvent beforeLast = recorder.events.get(recorder.events.size() - 2);
        assertEquals(new StreamEvent.TextDelta(0, "Hello"), beforeLast,
                "the aborted terminal follows the delta that cancelled");
        assertEquals(message, self[0].result().get(5, TimeUnit.SECONDS));
    }

    @Test
    void aMissingSecretIsOneAuthErrorAndNothingIsSent() throws Exception {
        engine("apiKey: ${NOT_SET_ANYWHERE}\nauthHeader: true\n", Map.of());
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.defaults(), recorder));
        assertEquals(ErrorKind.AUTH, message.errorKind());
        assertEquals("environment variable NOT_SET_ANYWHERE is not set (a secret of provider "
                + "test)", message.errorMessage());
        assertEquals(0, server.requestCount());
    }

    @Test
    void badReferencesThrowBeforeAnythingIsSent() throws Exception {
        engine("", Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.stream(ModelRef.of("test", "nope"), Context.ofUser("Hi"),
                        StreamOptions.defaults()));
        assertEquals("unknown model 'nope' for provider test; known: m", e.getMessage());
        assertEquals(0, server.requestCount());
    }

    @Test
    void aRefusedConnectionIsANetworkError() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ProviderRegistry registry = EngineTestKit.registry(dir,
                java.net.URI.create("http://127.0.0.1:" + port + "/v1"), "");
        engine = ProviderEngine.builder().registry(registry).maxRetries(0).build();
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.defaults(), recorder));
        assertEquals(ErrorKind.NETWORK, message.errorKind());
        assertTrue(message.errorMessage().startsWith("cannot connect to 127.0.0.1:" + port),
                message.errorMessage());
    }

    @Test
    void aBodyThatEndsWithoutFinishIsAnErrorNotASuccess() throws Exception {
        engine("", Map.of());
        server.enqueue(sse("data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"));
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.defaults(), recorder));
        assertEquals(ErrorKind.PROTOCOL, message.errorKind());
    }

    @Test
    void aSlowListenerHoldsBackOnlyItsOwnStream() throws Exception {
        engine("", Map.of());
        server.enqueue(sse(HELLO)).enqueue(sse(HELLO));
        CountDownLatch release = new CountDownLatch(1);
        EngineTestKit.Recorder blocked = new EngineTestKit.Recorder() {
            @Override
            public void onEvent(StreamEvent event) {
                super.onEvent(event);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        StreamHandle slow = engine.stream(M, Context.ofUser("Hi"), StreamOptions.defaults(),
                blocked);
        EngineTestKit.Recorder fast = new EngineTestKit.Recorder();
        AssistantMessage other = fast.await(engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.defaults(), fast));
        assertEquals("Hello, world!", other.text());
        assertFalse(slow.result().isDone(), "the blocked listener still holds its stream");
        release.countDown();
        assertEquals("Hello, world!", blocked.await(slow).text());
        assertEquals(List.of("Start", "TextStart", "TextDelta", "TextDelta", "TextEnd", "Done"),
                blocked.events.stream().map(e -> e.getClass().getSimpleName()).toList(),
                "order preserved");
    }

    @Test
    void contextPrecheckFailsFastWithoutSending() throws Exception {
        engine("compat:\n  contextPrecheck: true\nmodels:\n  - id: m\n    contextWindow: 100\n",
                Map.of());
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = recorder.await(engine.stream(M,
                Context.ofUser("x".repeat(2000)), StreamOptions.defaults(), recorder));
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, message.errorKind());
        assertEquals(0, server.requestCount());
    }

    @Test
    void aNonStreamingJsonAnswerIsOneResponse() throws Exception {
        engine("", Map.of());
        server.enqueue(Response.status(200, "{\"id\":\"c1\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi there\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,"
                + "\"completion_tokens\":2,\"total_tokens\":5}}")
                .header("Content-Type", "application/json"));
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.defaults(), recorder));
        assertEquals("Hi there", message.text());
        assertEquals(5, message.usage().totalTokens());
        assertNull(message.errorMessage());
    }
}
