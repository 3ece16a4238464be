package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.internal.http.LoopbackHint;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.registry.ProviderRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refused connection to localhost that resolved to ::1 says to try 127.0.0.1. */
class LoopbackHintTest {

    private static final String HINT = " (localhost resolved to ::1; if the server listens on "
            + "IPv4 only, use 127.0.0.1)";

    @TempDir
    Path dir;

    @Test
    void localhostResolvedToIpv6FirstGetsTheHint() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        assertEquals(HINT, LoopbackHint.hint("localhost", List.of(v6, v4)));
        assertEquals(HINT, LoopbackHint.hint("LocalHost", List.of(v6)));
        assertEquals("", LoopbackHint.hint("localhost", List.of(v4, v6)));
        assertEquals("", LoopbackHint.hint("localhost", List.of()));
        assertEquals("", LoopbackHint.hint("example.com", List.of(v6)));
        assertEquals("", LoopbackHint.forConnectFailure(URI.create("http://127.0.0.1:1/v1")));
    }

    /** Whatever this machine resolves localhost to, the message carries exactly its hint. */
    @Test
    void aRefusedLocalhostConnectionCarriesTheMachinesHint() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        String expected = LoopbackHint.hint("localhost",
                List.of(InetAddress.getAllByName("localhost")));
        ProviderRegistry registry = EngineTestKit.registry(dir,
                URI.create("http://localhost:" + port + "/v1"), "");
        try (ProviderEngine engine = ProviderEngine.builder().registry(registry).maxRetries(0)
                .build()) {
            EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
            AssistantMessage message = recorder.await(engine.stream(ModelRef.of("test", "m"),
                    Context.ofUser("Hi"), StreamOptions.defaults(), recorder));
            assertEquals(ErrorKind.NETWORK, message.errorKind());
            assertTrue(message.errorMessage().startsWith("cannot connect to localhost:" + port),
                    message.errorMessage());
            assertTrue(message.errorMessage().endsWith(")" + expected), message.errorMessage());
            ExecutionException listed = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class, () -> engine.models("test").get(15,
                            TimeUnit.SECONDS));
            assertTrue(listed.getCause().getMessage().endsWith(")" + expected),
                    listed.getCause().getMessage());
        }
    }
}
