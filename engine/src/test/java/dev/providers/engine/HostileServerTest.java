package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.testing.HostileServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that stall, drip, only send heartbeats, send endless model lists or error texts made
 * to slow a regular expression down: each makes its own request fail, in bounded time, with a
 * typed error that says what happened.
 */
class HostileServerTest {

    private static final ModelRef MODEL = ModelRef.parse("test/m");

    @TempDir
    Path dir;

    private ProviderEngine engine(HostileServer server, ProviderEngine.Builder builder)
            throws IOException {
        return builder.registry(EngineTestKit.registry(dir, server.baseUrl(), "")).maxRetries(0)
                .build();
    }

    private static AssistantMessage complete(ProviderEngine engine) throws Exception {
        return engine.complete(MODEL, Context.ofUser("hi"), StreamOptions.defaults())
                .get(30, TimeUnit.SECONDS);
    }

    /**
     * A stream the decoder ends (a line beyond the size limit) leaves no timeout behind: the
     * total timeout would otherwise keep the whole exchange, its buffers included, reachable for
     * up to 30 minutes.
     */
    @Test
    void aStreamTheDecoderEndsLeavesNoTimerBehind() throws Exception {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
        timers.setRemoveOnCancelPolicy(true);
        try (HostileServer server = HostileServer.start((request, out) -> {
            out.head(200, "Content-Type: text/event-stream", "Connection: close");
            out.write("data: " + "x".repeat(64 * 1024));
            out.awaitClientClose();
        }); ProviderEngine engine = engine(server, ProviderEngine.builder()
                .maxEventSize(16 * 1024).timers(timers))) {
            AssistantMessage message = complete(engine);

            assertEquals(ErrorKind.PROTOCOL, message.errorKind(), message.errorMessage());
            for (int i = 0; i < 500 && !timers.getQueue().isEmpty(); i++) {
                Thread.sleep(10); // the timers are cancelled just after the result completes
            }
            assertEquals(0, timers.getQueue().size(), "timers still pending after the end");
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void anErrorBodyThatStallsEndsWithTheStatusAndWhatArrived() throws Exception {
        try (HostileServer server = HostileServer.start((request, out) -> {
            out.head(500, "Content-Type: text/plain", "Content-Length: 1000");
            out.write("upstream exploded");
            out.awaitClientClose();
        }); ProviderEngine engine = engine(server, ProviderEngine.builder()
                .idleTimeout(Duration.ofSeconds(1)))) {
            AssistantMessage message = complete(engine);

            assertEquals(ErrorKind.SERVER, message.errorKind());
            assertEquals("500: upstream exploded (the body did not arrive in full within 1 s)",
                    message.errorMessage());
        }
    }

    @Test
    void aJsonAnswerThatDripsTimesOut() throws Exception {
        try (HostileServer server = HostileServer.start((request, out) -> {
            out.head(200, "Content-Type: application/json", "Content-Length: 100000");
            for (int i = 0; i < 100_000; i++) {
                out.write(" ");
                out.flush();
                Thread.sleep(100); // a byte well within the idle timeout, forever
            }
        }); ProviderEngine engine = engine(server, ProviderEngine.builder()
                .idleTimeout(Duration.ofSeconds(1)))) {
            AssistantMessage message = complete(engine);

            assertEquals(ErrorKind.TIMEOUT, message.errorKind());
            assertEquals("the JSON answer did not arrive in full within 1 s",
                    message.errorMessage());
        }
    }

    /** Sends {@code events} text events, then {@code : ping} comments until the client goes. */
    private static HostileServer.Behaviour heartbeatsAfter(int events) {
        return (request, out) -> {
            out.head(200, "Content-Type: text/event-stream", "Connection: close");
            for (int i = 0; i < events; i++) {
                out.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n");
            }
            for (int i = 0; i < 100_000; i++) {
                out.write(": ping\n\n");
                out.flush();
                Thread.sleep(50);
            }
        };
    }

    @Test
    void heartbeatsCountAsLifeOnlyUpToTheHeartbeatTimeout() throws Exception {
        try (HostileServer server = HostileServer.start(heartbeatsAfter(0));
                ProviderEngine engine = engine(server, ProviderEngine.builder()
                        .idleTimeout(Duration.ofSeconds(5))
                        .heartbeatTimeout(Duration.ofSeconds(1)))) {
            AssistantMessage message = complete(engine);

            assertEquals(ErrorKind.TIMEOUT, message.errorKind());
            assertEquals("only keep-alive comments and no event for 1 s while streaming",
                    message.errorMessage());
        }
    }

    @Test
    void heartbeatsAfterSomeTextEndTheStreamWithTheTextKept() throws Exception {
        try (HostileServer server = HostileServer.start(heartbeatsAfter(3));
                ProviderEngine engine = engine(server, ProviderEngine.builder()
                        .heartbeatTimeout(Duration.ofSeconds(1)))) {
            EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
            AssistantMessage message = recorder.await(engine.stream(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults(), recorder));

            assertEquals(ErrorKind.TIMEOUT, message.errorKind());
            assertEquals("xxx", ((dev.providers.engine.message.TextContent) message.content()
                    .get(0)).text());
        }
    }

    @Test
    void aModelListLargerThanTheLimitFailsWithAProtocolError() throws Exception {
        long size = 500L * 1024 * 1024;
        try (HostileServer server = HostileServer.start((request, out) -> {
            out.head(200, "Content-Type: application/json", "Content-Length: " + size);
            out.write("{\"data\":[");
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) ' ');
            for (long sent = 0; sent < size; sent += block.length) {
                out.write(block);
            }
        }); ProviderEngine engine = engine(server, ProviderEngine.builder())) {
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class, () -> engine.models("test").get(60,
                            TimeUnit.SECONDS));

            ProviderException cause = assertInstanceOf(ProviderException.class,
                    failure.getCause());
            assertEquals(ErrorKind.PROTOCOL, cause.kind());
            assertTrue(cause.getMessage().contains("larger than 16777216 bytes"),
                    cause.getMessage());
            assertTrue(server.written() < size);
        }
    }

    @Test
    void aModelListThatDripsTimesOut() throws Exception {
        try (HostileServer server = HostileServer.start((request, out) -> {
            out.head(200, "Content-Type: application/json", "Content-Length: 100000");
            for (int i = 0; i < 100_000; i++) {
                out.write(" ");
                out.flush();
                Thread.sleep(100);
            }
        }); ProviderEngine engine = engine(server, ProviderEngine.builder()
                .idleTimeout(Duration.ofSeconds(1)))) {
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class, () -> engine.models("test").get(30,
                            TimeUnit.SECONDS));

            ProviderException cause = assertInstanceOf(ProviderException.class,
                    failure.getCause());
            assertEquals(ErrorKind.TIMEOUT, cause.kind());
            assertFalse(cause.getMessage().contains("\n"), cause.getMessage());
        }
    }

    @Test
    void anErrorTextMadeToBacktrackIsCutAndMatchedInLinearTime() throws Exception {
        // "input token count.*exceeds the maximum" scanned the rest of the text from each
        // occurrence: about a minute for this text under java.util.regex
        String text = "input token count ".repeat(40_000);
        try (HostileServer server = HostileServer.start((request, out) -> {
            byte[] body = ("data: {\"error\":{\"message\":\"" + text + "\"}}\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            out.head(200, "Content-Type: text/event-stream",
                    "Content-Length: " + body.length);
            out.write(body);
        }); ProviderEngine engine = engine(server, ProviderEngine.builder())) {
            AssistantMessage message = complete(engine);

            assertEquals(StopReason.ERROR, message.stopReason());
            assertEquals(ErrorKind.SERVER, message.errorKind());
            assertTrue(message.errorMessage().length() < 4100, "not cut: "
                    + message.errorMessage().length());
            assertTrue(message.errorMessage().endsWith("chars]"), message.errorMessage()
                    .substring(3900));
        }
    }

    @Test
    void bytesAfterTheEndAreNotReadForever() throws Exception {
        try (HostileServer server = HostileServer.start((request, out) -> {
            out.head(200, "Content-Type: text/event-stream", "Connection: close");
            out.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},"
                    + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
            byte[] junk = new byte[64 * 1024];
            Arrays.fill(junk, (byte) 'j');
            for (int i = 0; i < 100_000; i++) { // 6 GB unless the client hangs up
                out.write(junk);
            }
        }); ProviderEngine engine = engine(server, ProviderEngine.builder())) {
            AssistantMessage message = complete(engine);

            assertEquals(StopReason.STOP, message.stopReason());
            for (int i = 0; i < 500 && server.clientCloses() == 0; i++) {
                Thread.sleep(20);
            }
            assertEquals(1, server.clientCloses(), "the client kept reading");
        }
    }
}
