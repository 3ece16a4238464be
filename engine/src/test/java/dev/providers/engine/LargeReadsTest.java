package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.testing.ScriptedServer;
import dev.providers.engine.testing.ScriptedServer.Response;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fast streams, whose large reads are decoded off the I/O thread (see {@code StreamExchange}):
 * the same events in the same order, and the same endings, as reads decoded where they arrive,
 * also when large and small reads alternate.
 */
class LargeReadsTest {

    private static final ModelRef M = ModelRef.of("test", "m");
    private static final String FINISH = "data: {\"id\":\"r1\",\"choices\":[{\"index\":0,"
            + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

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

    private ProviderEngine engine(URI baseUrl) throws Exception {
        ProviderRegistry registry = EngineTestKit.registry(dir, baseUrl, "");
        engine = ProviderEngine.builder().registry(registry)
                .environment(Map.<String, String>of()::get).maxRetries(0).build();
        return engine;
    }

    /** Events {@code from..to-1}, each a delta "i;" (a few hundred events make a large read). */
    private static String deltas(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append("data: {\"id\":\"r1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                    .append(i).append(";\"},\"finish_reason\":null}]}\n\n");
        }
        return out.toString();
    }

    private static String text(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append(i).append(';');
        }
        return out.toString();
    }

    private static List<String> deltasSeen(List<StreamEvent> events) {
        List<String> out = new ArrayList<>();
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.TextDelta d) {
                out.add(d.delta());
            }
        }
        return out;
    }

    @Test
    void largeAndSmallReadsInAnyMixKeepEveryEventInOrder() throws Exception {
        engine(server.baseUrl());
        server.enqueue(Response.sse(deltas(0, 400)) // one large read at least
                .part(deltas(400, 401), Duration.ZERO) // small, right behind the large one
                .part(deltas(401, 402), Duration.ofMillis(100)) // small, once the lane is idle
                .part(deltas(402, 900), Duration.ZERO)
                .part(deltas(900, 1300), Duration.ZERO)
                .part(deltas(1300, 1301), Duration.ofMillis(100))
                .part(FINISH, Duration.ZERO));
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.defaults(), recorder));
        assertEquals(StopReason.STOP, message.stopReason());
        assertEquals(text(0, 1301), message.text());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1301; i++) {
            expected.add(i + ";");
        }
        assertEquals(expected, deltasSeen(recorder.events));
    }

    /**
     * One HTTP chunk per event, the way servers stream: many chunks wait in HttpClient's session
     * buffer while the socket reads are batched ({@code BatchedReadChannel}); the last event is
     * cut in two with a pause, so the stream can only end if the bytes held in the buffer and
     * those that arrive later are both read.
     */
    @Test
    void manySmallChunksInABurstThenSilenceThenTheRestAllArriveInOrder() throws Exception {
        engine(server.baseUrl());
        ScriptedServer.Response response = Response.sse();
        for (int i = 0; i < 3000; i++) {
            response.part(deltas(i, i + 1), Duration.ZERO);
        }
        String last = deltas(3000, 3001);
        response.part(last.substring(0, 40), Duration.ZERO)
                .part(last.substring(40), Duration.ofMillis(200))
                .part(FINISH, Duration.ZERO)
                .hang();
        server.enqueue(response);
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                StreamOptions.defaults(), recorder));
        assertEquals(StopReason.STOP, message.stopReason());
        assertEquals(text(0, 3001), message.text());
        assertEquals(3001, deltasSeen(recorder.events).size());
    }

    @Test
    void cancellingAFastStreamEndsItWithWhatTheListenerSaw() throws Exception {
        engine(server.baseUrl());
        server.enqueue(Response.sse(deltas(0, 2000)).part(deltas(2000, 4000), Duration.ZERO)
                .hang());
        StreamHandle[] self = new StreamHandle[1];
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder() {
            @Override
            public void onEvent(StreamEvent event) {
                super.onEvent(event);
                if (event instanceof StreamEvent.TextDelta d && d.delta().equals("100;")) {
                    self[0].cancel();
                }
            }
        };
        self[0] = engine.stream(M, Context.ofUser("Hi"), StreamOptions.defaults(), recorder);
        AssistantMessage message = recorder.await(self[0]);
        assertEquals(StopReason.ABORTED, message.stopReason());
        assertEquals(text(0, 101), message.text(), "only what the listener was handed");
    }

    @Test
    void aConnectionCutAfterLargeReadsKeepsEverythingThatArrived() throws Exception {
        String body = deltas(0, 1500);
        try (CuttingServer cutting = new CuttingServer(body)) {
            engine(cutting.baseUrl());
            EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
            AssistantMessage message = recorder.await(engine.stream(M, Context.ofUser("Hi"),
                    StreamOptions.defaults(), recorder));
            assertEquals(ErrorKind.NETWORK, message.errorKind());
            assertTrue(message.errorMessage().startsWith("the connection failed mid-stream"),
                    message.errorMessage());
            assertEquals(text(0, 1500), message.text(), "decoded before the error, in order");
        }
    }

    /** Answers one request with a chunked event stream, then resets the connection mid-body. */
    private static final class CuttingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        CuttingServer(String body) throws Exception {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            thread = new Thread(() -> {
                try (Socket s = socket.accept()) {
                    readRequest(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(
                            bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(200); // let every byte arrive before the reset
                    s.setSoLinger(true, 0); // close with a reset, no terminating chunk
                } catch (Exception e) {
                    // the test fails on the client side if the script did not run
                }
            }, "cutting-server");
            thread.setDaemon(true);
            thread.start();
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
        }

        private static void readRequest(InputStream in) throws Exception {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
            }
            int length = 0;
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            in.readNBytes(length);
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5000);
        }
    }
}
