package dev.providers.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apiKeys} against a server where key #1 is revoked (401) and key #2 rate-limited (429
 * with {@code Retry-After: 20}): every request succeeds, each stream's deviations say which key
 * failed and how, by position and never by value, and key #2 comes back after 20 s on the
 * engine's clock.
 */
class KeyRotationTest {

    private static final String KEY_A = "sk-revoked-aaaaaaaaaaaaaaaa";
    private static final String KEY_B = "sk-limited-bbbbbbbbbbbbbbbb";
    private static final String KEY_C = "sk-healthy-cccccccccccccccc";
    private static final Map<String, String> ENV = Map.of("KEY_A", KEY_A, "KEY_B", KEY_B,
            "KEY_C", KEY_C);

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    private ProviderEngine engine(BearerServer server) throws Exception {
        return ProviderEngine.builder().registry(Engines.registry(dir, server.baseUrl(),
                "apiKeys: [\"${KEY_A}\", \"${KEY_B}\", \"${KEY_C}\"]\n")).environment(ENV::get)
                .clock(clock).credentialStore(CredentialStore.inMemory()).build();
    }

    private static BearerServer.Verdict judge(String key) {
        return switch (key) {
            case KEY_A -> BearerServer.Verdict.refuse(401);
            case KEY_B -> new BearerServer.Verdict(429, 20);
            default -> BearerServer.Verdict.OK;
        };
    }

    @Test
    void everyRequestSucceedsAndTheDeviationsNameTheFailedKeys() throws Exception {
        try (BearerServer server = BearerServer.echoing(KeyRotationTest::judge);
                ProviderEngine engine = engine(server)) {
            List<String> deviations = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                StreamHandle handle = Engines.run(engine);
                AssistantMessage message = handle.result().join();
                assertEquals(StopReason.STOP, message.stopReason(), message::toString);
                deviations.addAll(handle.deviations());
            }
            assertEquals(List.of(
                    "api-key-failed: key #1 answered 401, dropped for this process",
                    "api-key-rate-limited: key #2 answered 429, cooling down for 20 s"),
                    deviations);
            assertEquals(List.of(KEY_A, KEY_B, KEY_C, KEY_C, KEY_C, KEY_C, KEY_C, KEY_C),
                    server.seen(), "the revoked key once, the limited one until it cools");
            for (String deviation : deviations) {
                assertFalse(deviation.contains("sk-"), deviation);
            }

            clock.advance(Duration.ofSeconds(20));
            StreamHandle handle = Engines.run(engine);
            assertEquals(StopReason.STOP, handle.result().join().stopReason());
            assertEquals(List.of("api-key-rate-limited: key #2 answered 429, cooling down for "
                    + "20 s"), handle.deviations(), "key #2 was tried again; #1 never is");
            assertEquals(List.of(KEY_B, KEY_C), server.seen().subList(8, 10));
            CredentialStatus status = engine.credentialStatus("test");
            assertEquals("apiKeys", status.method());
            assertTrue(status.ready());
            assertEquals("3 keys, 3 usable: #1 ${KEY_A} (set), #2 ${KEY_B} (set), #3 ${KEY_C} "
                    + "(set)", status.detail());
        }
    }

    @Test
    void theModelListRotatesKeysToo() throws Exception {
        try (BearerServer server = BearerServer.start(KeyRotationTest::judge);
                ProviderEngine engine = engine(server)) {
            assertEquals(List.of("m"), engine.models("test").get(30,
                    java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of(KEY_A, KEY_B, KEY_C), server.seen());
        }
    }

    @Test
    void whenEveryKeyIsRefusedTheLastErrorEndsTheStreamRedacted() throws Exception {
        try (BearerServer server = BearerServer.echoing(key -> BearerServer.Verdict.refuse(
                key.equals(KEY_B) ? 403 : 401)); ProviderEngine engine = engine(server)) {
            StreamHandle handle = Engines.run(engine);
            AssistantMessage message = handle.result().join();
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertEquals(List.of(KEY_A, KEY_B, KEY_C), server.seen());
            assertEquals("401: Incorrect API key provided: *** (that is, ***…)",
                    message.errorMessage(), "the third key's refusal, its key masked");
            assertEquals(List.of(
                    "api-key-failed: key #1 answered 401, dropped for this process",
                    "api-key-failed: key #2 answered 403, dropped for this process",
                    "api-key-failed: key #3 answered 401, dropped for this process"),
                    handle.deviations());
            AssistantMessage next = Engines.complete(engine);
            assertEquals(ErrorKind.AUTH, next.errorKind());
            assertEquals("no API key of the provider can be used: keys #1, #2, #3 were refused "
                    + "(401/403) and are dropped for this process", next.errorMessage());
            assertEquals(3, server.seen().size(), "nothing more is sent");
        }
    }
}
