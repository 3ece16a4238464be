package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.testing.HostileServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that would exhaust the heap of an unbounded client, run in a JVM of its own with a
 * 256 MB heap (the {@code small-heap} surefire execution): each test would run out of memory,
 * or never end, if the engine buffered without limit.
 */
@Tag("small-heap")
class SmallHeapHostileTest {

    private static final ModelRef MODEL = ModelRef.parse("test/m");
    private static final int MB = 1024 * 1024;

    @TempDir
    Path dir;

    private ProviderEngine engine(HostileServer server, ProviderEngine.Builder builder)
            throws IOException {
        return builder.registry(EngineTestKit.registry(dir, server.baseUrl(), "")).maxRetries(0)
                .build();
    }

    private static byte[] filled(int size, char c) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static String delta(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
                + "\"}}]}\n\n";
    }

    private static final String STOP = "data: {\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    private static void awaitClientClose(HostileServer server) throws InterruptedException {
        for (int i = 0; i < 500 && server.clientCloses() == 0; i++) {
            Thread.sleep(20);
        }
        assertTrue(server.clientCloses() > 0, "the client never hung up");
    }

    @Test
    void aDataLineWithoutEndFailsItsStreamAndNotTheHeap() throws Exception {
        long total = 200L * MB;
        try (HostileServer server = HostileServer.start((request, out) -> {
            out.head(200, "Content-Type: text/event-stream", "Connection: close");
            out.write("data: ");
            byte[] block = filled(64 * 1024, 'x');
            for (long sent = 0; sent < total; sent += block.length) {
                out.write(block);
            }
        }); ProviderEngine engine = engine(server, ProviderEngine.builder())) {
            AssistantMessage message = engine.complete(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults()).get(60, TimeUnit.SECONDS);

            assertEquals(StopReason.ERROR, message.stopReason());
            assertEquals(ErrorKind.PROTOCOL, message.errorKind());
            assertTrue(message.errorMessage().contains("larger than 16777216 bytes"),
                    message.errorMessage());
            awaitClientClose(server);
            assertTrue(server.written() < total, "the client read everything: "
                    + server.written());
        }
    }

    @Test
    void anErrorWhileDecodingEndsTheStreamOnceAndTheEngineGoesOn() throws Exception {
        // with the limit lifted, a 300 MB line makes the decoder itself run out of memory
        long total = 300L * MB;
        AtomicInteger requests = new AtomicInteger();
        try (HostileServer server = HostileServer.start((request, out) -> {
            if (requests.incrementAndGet() > 1) {
                byte[] body = (delta("fine") + STOP).getBytes(StandardCharsets.UTF_8);
                out.head(200, "Content-Type: text/event-stream",
                        "Content-Length: " + body.length);
                out.write(body);
                return;
            }
            out.head(200, "Content-Type: text/event-stream", "Connection: close");
            out.write("data: ");
            byte[] block = filled(64 * 1024, 'y');
            for (long sent = 0; sent < total; sent += block.length) {
                out.write(block);
            }
        }); ProviderEngine engine = engine(server, ProviderEngine.builder()
                .maxEventSize(Integer.MAX_VALUE - 1024))) {
            EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
            AssistantMessage failed = recorder.await(engine.stream(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults(), recorder));

            assertEquals(StopReason.ERROR, failed.stopReason());
            assertEquals(ErrorKind.PROTOCOL, failed.errorKind());
            assertTrue(failed.errorMessage().contains("OutOfMemoryError"),
                    failed.errorMessage());
            assertEquals(1, recorder.events.stream().filter(StreamEvent::isTerminal).count());
            AssistantMessage next = engine.complete(MODEL, Context.ofUser("again"),
                    StreamOptions.defaults()).get(30, TimeUnit.SECONDS);
            assertEquals(StopReason.STOP, next.stopReason(), String.valueOf(next.errorMessage()));
            assertEquals("fine", ((TextContent) next.content().get(0)).text());
        }
    }

    /** Two million small events, about 110 MB: more than the heap if nothing held back. */
    private static HostileServer.Behaviour millionsOfEvents(int count) {
        return (request, out) -> {
            out.head(200, "Content-Type: text/event-stream", "Connection: close");
            byte[] event = delta("ab").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < count; i++) {
                out.write(event);
            }
            out.write(STOP);
        };
    }

    @Test
    void aSlowListenerSlowsItsOwnSocketAndNotTheHeap() throws Exception {
        int count = 2_000_000;
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong deltas = new AtomicLong();
        try (HostileServer server = HostileServer.start(millionsOfEvents(count));
                ProviderEngine engine = engine(server, ProviderEngine.builder())) {
            StreamHandle handle = engine.stream(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults(), new StreamListener() {
                        @Override
                        public void onTextDelta(StreamEvent.TextDelta event) {
                            if (deltas.incrementAndGet() == 1) {
                                await(release);
                            }
                        }
                    });
            long stalled = server.awaitWritesStall(1000, 60_000);
            long all = (long) count * delta("ab").length();
            // the socket buffers hold a few MB; the engine holds about 1,024 events
            assertTrue(stalled < all / 4, "the server wrote " + stalled + " of " + all
                    + " bytes while the listener was blocked");
            release.countDown();
            AssistantMessage message = handle.result().get(120, TimeUnit.SECONDS);

            assertEquals(StopReason.STOP, message.stopReason(),
                    String.valueOf(message.errorMessage()));
            assertEquals(count, deltas.get());
            assertEquals(2L * count, ((TextContent) message.content().get(0)).text().length());
        }
    }

    @Test
    void anIteratorNobodyReadsPausesItsSocket() throws Exception {
        int count = 2_000_000;
        try (HostileServer server = HostileServer.start(millionsOfEvents(count));
                ProviderEngine engine = engine(server, ProviderEngine.builder())) {
            StreamHandle handle = engine.stream(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults());
            long stalled = server.awaitWritesStall(1000, 60_000);
            assertTrue(stalled < (long) count * delta("ab").length() / 4,
                    "the server wrote " + stalled + " bytes while nobody read");
            Iterator<StreamEvent> events = handle.iterator();
            long deltas = 0;
            StreamEvent last = null;
            while (events.hasNext()) {
                last = events.next();
                if (last instanceof StreamEvent.TextDelta) {
                    deltas++;
                }
            }
            assertTrue(last instanceof StreamEvent.Done, String.valueOf(last));
            assertEquals(count, deltas);
        }
    }

    @Test
    void aCompressedBombIsNeverInflated() throws Exception {
        // gzip members may be concatenated: 10 MB on the wire would inflate to 10 GB
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(member)) {
            byte[] zeros = new byte[MB];
            for (int i = 0; i < 10; i++) {
                gzip.write(zeros);
            }
        }
        byte[] bomb = member.toByteArray();
        try (HostileServer server = HostileServer.start((request, out) -> {
            out.head(200, "Content-Type: text/event-stream", "Content-Encoding: gzip",
                    "Connection: close");
            for (long sent = 0; sent < 10L * MB; sent += bomb.length) {
                out.write(bomb);
            }
        }); ProviderEngine engine = engine(server, ProviderEngine.builder())) {
            AssistantMessage message = engine.complete(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults()).get(60, TimeUnit.SECONDS);

            String accepted = server.takeRequest().headers().getOrDefault("accept-encoding", "");
            assertFalse(accepted.contains("gzip"), "asked for gzip: " + accepted);
            assertEquals(ErrorKind.PROTOCOL, message.errorKind());
            assertTrue(message.errorMessage().contains("Content-Encoding: gzip"),
                    message.errorMessage());
        }
    }

    @Test
    void toolCallArgumentsOfTwentyMegabytesTakeLinearTimeAndMemory() throws Exception {
        int size = 20 * MB;
        int fragment = 4096;
        try (HostileServer server = HostileServer.start((request, out) -> {
            out.head(200, "Content-Type: text/event-stream", "Connection: close");
            out.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                    + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"save\","
                    + "\"arguments\":\"{\\\"data\\\":\\\"\"}}]}}]}\n\n");
            String piece = "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{"
                    + "\"index\":0,\"function\":{\"arguments\":\"" + "z".repeat(fragment)
                    + "\"}}]}}]}\n\n";
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            for (int sent = 0; sent < size; sent += fragment) {
                out.write(bytes);
            }
            out.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                    + "\"function\":{\"arguments\":\"\\\"}\"}}]},\"finish_reason\":"
                    + "\"tool_calls\"}]}\n\ndata: [DONE]\n\n");
        }); ProviderEngine engine = engine(server, ProviderEngine.builder())) {
            AtomicLong fragments = new AtomicLong();
            AtomicLong lastLength = new AtomicLong();
            StreamHandle handle = engine.stream(MODEL, Context.ofUser("hi"),
                    StreamOptions.defaults(), new StreamListener() {
                        @Override
                        public void onToolCallDelta(StreamEvent.ToolCallDelta event) {
                            fragments.incrementAndGet();
                            lastLength.set(event.argumentsLength());
                        }
                    });
            AssistantMessage message = handle.result().get(120, TimeUnit.SECONDS);

            assertEquals(StopReason.TOOL_USE, message.stopReason(),
                    String.valueOf(message.errorMessage()));
            ToolCall call = (ToolCall) message.content().get(0);
            assertEquals(size, ((String) call.arguments().get("data")).length());
            assertEquals(size / fragment + 2, fragments.get());
            assertEquals(size + "{\"data\":\"\"}".length(), lastLength.get());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
