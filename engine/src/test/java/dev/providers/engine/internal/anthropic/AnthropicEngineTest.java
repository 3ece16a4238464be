package dev.providers.engine.internal.anthropic;

import static dev.providers.engine.testing.ScriptedServer.Response.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.testing.ScriptedServer;
import dev.providers.engine.testing.ScriptedServer.Request;
import dev.providers.engine.testing.ScriptedServer.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialect through the whole engine against a scripted server: the headers it sends, how
 * HTTP errors are classified and retried, and the paginated model list.
 */
class AnthropicEngineTest {

    private static final ModelRef M = ModelRef.of("claude", "m");
    private static final String HELLO = MessagesDecoderTest.START + MessagesDecoderTest.PING
            + MessagesDecoderTest.textStart(0) + MessagesDecoderTest.text(0, "Hello")
            + MessagesDecoderTest.blockStop(0) + MessagesDecoderTest.messageDelta("\"end_turn\"",
            "{\"output_tokens\":2}") + MessagesDecoderTest.STOP;

    @TempDir
    Path dir;

    private ScriptedServer server;
    private ProviderEngine engine;
    private final List<Long> delays = new CopyOnWriteArrayList<>();
    /** Runs retries at once, recording the delay asked for: no test sleeps. */
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1) {
        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            if (unit.toMillis(delay) < 60_000) {
                delays.add(unit.toMillis(delay));
                return super.schedule(task, 0, unit);
            }
            return super.schedule(task, delay, unit); // the timeouts
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = ScriptedServer.start();
        Files.writeString(dir.resolve("claude.yaml"), "id: claude\napi: anthropic-messages\n"
                + "baseUrl: " + server.baseUrl() + "\napiKey: ${ANTHROPIC_API_KEY}\n"
                + "authHeader: true\nmaxRetries: 2\nmodels:\n  - id: m\n    maxTokens: 64\n"
                + "    contextWindow: 200000\n");
        ProviderRegistry registry = ProviderLoader.withoutBuiltins().load(dir).requireValid();
        engine = ProviderEngine.builder().registry(registry).timers(timers)
                .environment(Map.of("ANTHROPIC_API_KEY", "sk-ant-api03-secret")::get)
                .random(() -> 0).build();
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        server.close();
        timers.shutdownNow();
    }

    private AssistantMessage complete() throws Exception {
        return engine.complete(M, Context.ofUser("Hi"), StreamOptions.defaults())
                .get(15, TimeUnit.SECONDS);
    }

    @Test
    void postsToMessagesWithTheKeyVersionAndBetaHeaders() throws Exception {
        server.enqueue(sse(HELLO));
        AssistantMessage message = complete();
        assertEquals("Hello", message.text());
        Request request = server.takeRequest();
        assertEquals("POST", request.method());
        assertEquals("/v1/messages", request.path());
        assertEquals("sk-ant-api03-secret", request.headers().get("x-api-key"));
        assertFalse(request.headers().containsKey("authorization"));
        assertEquals("2023-06-01", request.headers().get("anthropic-version"));
        assertEquals("fine-grained-tool-streaming-2025-05-14,interleaved-thinking-2025-05-14",
                request.headers().get("anthropic-beta"));
        assertEquals("text/event-stream", request.headers().get("accept"));
        assertTrue(request.bodyText().startsWith("{\"model\":\"m\""), request.bodyText());
    }

    @Test
    void overloaded529IsRetriedBeforeTheStreamStarts() throws Exception {
        server.enqueue(Response.status(529, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        server.enqueue(sse(HELLO));
        AssistantMessage message = complete();
        assertEquals(StopReason.STOP, message.stopReason());
        assertEquals(2, server.requestCount());
        assertEquals(List.of(500L), delays);
    }

    @Test
    void overloadedEveryTimeEndsAsAServerError() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Response.status(529, "{\"type\":\"error\",\"error\":{\"type\":"
                    + "\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        }
        AssistantMessage message = complete();
        assertEquals(ErrorKind.SERVER, message.errorKind());
        assertEquals("529: Overloaded", message.errorMessage());
        assertEquals(3, server.requestCount());
    }

    @Test
    void promptIsTooLongAndEvery413AreContextOverflows() throws Exception {
        server.enqueue(Response.status(400, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"invalid_request_error\",\"message\":\"prompt is too long: 213462 tokens > "
                + "200000 maximum\"}}"));
        AssistantMessage tooLong = complete();
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, tooLong.errorKind());
        assertEquals("400: prompt is too long: 213462 tokens > 200000 maximum",
                tooLong.errorMessage());
        server.enqueue(Response.status(413, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"request_too_large\",\"message\":\"Request exceeds the maximum allowed "
                + "number of bytes.\"}}"));
        AssistantMessage tooLarge = complete();
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, tooLarge.errorKind());
        assertEquals(1 + 1, server.requestCount(), "neither is retried");
    }

    @Test
    void authAndNotFoundErrorsKeepTheirKindsAndNeverShowTheKey() throws Exception {
        server.enqueue(Response.status(401, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"authentication_error\",\"message\":\"invalid x-api-key "
                + "sk-ant-api03-secret\"}}"));
        AssistantMessage auth = complete();
        assertEquals(ErrorKind.AUTH, auth.errorKind());
        assertFalse(auth.errorMessage().contains("sk-ant-api03-secret"), auth.errorMessage());
        server.enqueue(Response.status(404, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"not_found_error\",\"message\":\"model: m\"}}"));
        assertEquals(ErrorKind.MODEL_NOT_FOUND, complete().errorKind());
    }

    @Test
    void theModelListIsFollowedPageByPage() throws Exception {
        server.enqueue(Response.status(200, "{\"data\":[{\"type\":\"model\",\"id\":\"a\"}],"
                + "\"has_more\":true,\"first_id\":\"a\",\"last_id\":\"a\"}")
                .header("Content-Type", "application/json"));
        server.enqueue(Response.status(200, "{\"data\":[{\"type\":\"model\",\"id\":\"b\"},"
                + "{\"type\":\"model\",\"id\":\"c\"}],\"has_more\":false,\"first_id\":\"b\","
                + "\"last_id\":\"c\"}").header("Content-Type", "application/json"));
        assertEquals(List.of("a", "b", "c"), engine.models("claude").get(15, TimeUnit.SECONDS));
        assertEquals("/v1/models", server.takeRequest().path());
        Request second = server.takeRequest();
        assertEquals("/v1/models?after_id=a&limit=1000", second.path());
        assertEquals("sk-ant-api03-secret", second.headers().get("x-api-key"));
    }
}
