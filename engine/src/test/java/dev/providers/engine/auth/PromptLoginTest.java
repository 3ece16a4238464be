package dev.providers.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.testing.TestClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auth: {type: prompt}}: the login asks for the token with the file's text and stores it;
 * streams send it until the server refuses it, which cannot be fixed by fetching again, so the
 * error says to log in.
 */
class PromptLoginTest {

    private static final String TOKEN = "pasted-token-0123456789abcdef";

    @TempDir
    Path dir;

    private ProviderEngine engine(BearerServer server, CredentialStore store) throws Exception {
        return ProviderEngine.builder().registry(Engines.registry(dir, server.baseUrl(),
                "auth:\n  type: prompt\n  prompt: Create a token at https://llm.example.com/t\n"))
                .credentialStore(store).clock(new TestClock()).maxRetries(0)
                .environment(Map.<String, String>of()::get).build();
    }

    /** Answers the prompt with {@code answer} and records the question. */
    private static LoginCallbacks answering(@Nullable String answer, List<String> asked) {
        return new LoginCallbacks() {
            @Override
            public @Nullable String ask(String prompt) {
                asked.add(prompt);
                return answer;
            }
        };
    }

    @Test
    void thePastedTokenIsStoredSentAndARefusalSaysToLogInAgain() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        CredentialStore store = CredentialStore.inMemory();
        java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (BearerServer server = BearerServer.start(token -> refused.contains(token)
                ? BearerServer.Verdict.refuse(401) : BearerServer.Verdict.OK);
                ProviderEngine engine = engine(server, store)) {
            StoredCredential stored = engine.login("test", answering("  " + TOKEN + "\n",
                    asked)).get(10, TimeUnit.SECONDS);
            assertEquals(List.of("Create a token at https://llm.example.com/t"), asked);
            assertEquals(TOKEN, stored.accessToken());
            assertNull(stored.expiresAt());
            assertEquals(new CredentialStatus("prompt", true, "logged in (stored in memory)"),
                    engine.credentialStatus("test"));
            assertEquals(StopReason.STOP, Engines.complete(engine).stopReason());
            assertEquals(List.of(TOKEN), server.seen());

            refused.add(TOKEN);
            StreamHandle handle = Engines.run(engine);
            AssistantMessage message = handle.result().join();
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertEquals("401: the credential was refused; the server refused the stored token "
                    + "of provider test — run `conformance login test`", message.errorMessage());
            assertEquals(2, server.seen().size(), "no second try with the same token");
        }
    }

    @Test
    void anEmptyAnswerOrATokenWithSpacesStoresNothing() throws Exception {
        CredentialStore store = CredentialStore.inMemory();
        try (BearerServer server = BearerServer.start(token -> BearerServer.Verdict.OK);
                ProviderEngine engine = engine(server, store)) {
            ExecutionException empty = assertThrows(ExecutionException.class, () -> engine.login(
                    "test", answering(null, new CopyOnWriteArrayList<>())).get(10,
                            TimeUnit.SECONDS));
            assertEquals("no token was given; nothing was stored", empty.getCause()
                    .getMessage());
            ExecutionException spaced = assertThrows(ExecutionException.class, () -> engine
                    .login("test", answering("two words", new CopyOnWriteArrayList<>()))
                    .get(10, TimeUnit.SECONDS));
            assertTrue(spaced.getCause().getMessage().startsWith("the token contains "
                    + "whitespace"), spaced.getCause().getMessage());
            assertTrue(store.load("test").isEmpty());
        }
    }
}
