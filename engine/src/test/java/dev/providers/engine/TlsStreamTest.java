package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.registry.ProviderRegistry;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams over TLS, whose connections the engine's batched socket reads must leave alone (the
 * TLS layer reads records into its own buffer): every event of a fast stream arrives in order,
 * also when the server pauses in the middle of an event.
 */
class TlsStreamTest {

    private static final ModelRef M = ModelRef.of("test", "m");
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    @Test
    void aFastStreamOverTlsArrivesWholeAndInOrder() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext",
                "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                "keytool made the server's key");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(
                KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);

        StringBuilder body = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            body.append("data: {\"id\":\"r1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                    .append(i).append(";\"},\"finish_reason\":null}]}\n\n");
            expected.append(i).append(';');
        }
        byte[] events = body.toString().getBytes(StandardCharsets.UTF_8);
        byte[] finish = ("data: {\"id\":\"r1\",\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
                .getBytes(StandardCharsets.UTF_8);

        HttpsServer server = HttpsServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int at = 0; at < events.length; at += 700) { // one HTTP chunk each
                    out.write(events, at, Math.min(700, events.length - at));
                    out.flush();
                }
                Thread.sleep(200); // a pause, then the end
                out.write(finish);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        // HttpClient takes the JVM's default context (useSystemProperties): for this test it is
        // one that trusts the server's key, and the JVM's own comes back afterwards
        TrustManagerFactory trust = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);
        SSLContext jvmDefault = SSLContext.getDefault();
        SSLContext.setDefault(client);
        try {
            URI base = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/v1");
            ProviderRegistry registry = EngineTestKit.registry(dir, base, "");
            try (ProviderEngine engine = ProviderEngine.builder().registry(registry)
                    .environment(Map.<String, String>of()::get).maxRetries(0).build()) {
                EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
                AssistantMessage message = recorder.await(engine.stream(M,
                        Context.ofUser("Hi"), StreamOptions.defaults(), recorder));
                assertEquals(StopReason.STOP, message.stopReason(), message.errorMessage());
                assertEquals(expected.toString(), message.text());
            }
        } finally {
            SSLContext.setDefault(jvmDefault);
            server.stop(0);
        }
    }
}
