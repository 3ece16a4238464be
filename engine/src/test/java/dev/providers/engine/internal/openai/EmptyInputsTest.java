package dev.providers.engine.internal.openai;

import static dev.providers.engine.internal.openai.Fixtures.failed;
import static dev.providers.engine.internal.openai.Fixtures.own;
import static dev.providers.engine.internal.openai.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.testing.ScriptedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 18: empty user input never becomes {@code messages: []}. An empty user message
 * is sent as {@code ""} (what OpenAI accepts), alone or inside a history; a request that would
 * still have no message fails locally as {@code INVALID_REQUEST}, before anything is sent.
 */
class EmptyInputsTest {

    private static final UserMessage EMPTY = new UserMessage(List.of(), 0);

    @TempDir
    Path dir;

    private JsonNode messages(String compat, Context context) {
        return RequestEncoder.encode(TestModels.load(dir, compat, TestModels.CHAT), context,
                StreamOptions.defaults()).body().get("messages");
    }

    private static Context history(Message... messages) {
        return new Context(null, List.of(messages), List.of());
    }

    @Test
    void aLoneEmptyUserMessageIsSentAsAnEmptyString() {
        // before the fix: "messages":[]
        assertEquals("[{\"role\":\"user\",\"content\":\"\"}]",
                WireJson.text(messages("{}", history(EMPTY))));
    }

    @Test
    void onlyEmptyUserMessagesStillGiveOneMessageEach() {
        assertEquals("[{\"role\":\"user\",\"content\":\"\"},{\"role\":\"user\",\"content\":\"\"}]",
                WireJson.text(messages("{}", history(EMPTY, EMPTY))));
    }

    @Test
    void anEmptyUserMessageInsideAHistoryKeepsItsTurn() {
        // before the fix the request ended with the assistant turn: a prefill, not a question
        JsonNode sent = messages("{}", history(UserMessage.of("Hi"), own("chat", text("Hello!")),
                EMPTY));
        assertEquals("[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello!\"},"
                + "{\"role\":\"user\",\"content\":\"\"}]", WireJson.text(sent));
    }

    @Test
    void anEmptyFirstMessageKeepsTheUserFirst() {
        // before the fix the conversation started with the assistant, which strict templates
        // reject
        JsonNode sent = messages("{}", history(EMPTY, own("chat", text("Hello!")),
                UserMessage.of("Go on.")));
        assertEquals(List.of("user", "assistant", "user"), roles(sent));
        assertEquals("", sent.get(0).get("content").textValue());
    }

    @Test
    void anEmptyMessageAfterToolResultsStillGetsTheBridge() {
        JsonNode sent = messages("{requiresAssistantAfterToolResult: true}", history(
                UserMessage.of("Weather?"),
                own("chat", Fixtures.call("tst000001", "get_weather", Map.of())),
                Fixtures.result("tst000001", "get_weather", text("sunny")), EMPTY));
        assertEquals(List.of("user", "assistant", "tool", "assistant", "user"), roles(sent));
    }

    @Test
    void aContextWithoutMessagesFailsLocallyWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> messages("{}", history()));
        assertTrue(e.getMessage().contains("no message to send")
                && e.getMessage().contains("'messages'"), e.getMessage());
    }

    @Test
    void aHistoryOfDroppedTurnsFailsLocally() {
        // failed turns and empty assistant turns are never replayed, so nothing would be left
        assertThrows(IllegalArgumentException.class, () -> messages("{}", history(
                failed("chat", StopReason.ERROR, text("partial")), own("chat"))));
        assertThrows(IllegalArgumentException.class, () -> messages("{}",
                new Context("", List.of(), List.of())));
    }

    @Test
    void aSystemPromptAloneIsStillARequest() {
        assertEquals(List.of("system"),
                roles(messages("{}", new Context("Be brief.", List.of(), List.of()))));
    }

    @Test
    void theEngineReportsInvalidRequestAndSendsNothing() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            Path providers = Files.createTempDirectory(dir, "engine");
            Files.writeString(providers.resolve("test.yaml"), "id: test\nbaseUrl: "
                    + server.baseUrl() + "\nmodels:\n  - id: m\n    contextWindow: 4096\n"
                    + "    maxTokens: 64\n");
            ProviderRegistry registry = ProviderLoader.withoutBuiltins().load(providers)
                    .requireValid();
            try (ProviderEngine engine = ProviderEngine.builder().registry(registry)
                    .maxRetries(0).build()) {
                AssistantMessage message = engine.complete(ModelRef.of("test", "m"),
                        history(), StreamOptions.defaults()).get(15, TimeUnit.SECONDS);
                assertEquals(StopReason.ERROR, message.stopReason());
                assertEquals(ErrorKind.INVALID_REQUEST, message.errorKind());
                assertTrue(message.errorMessage().contains("no message to send"),
                        message.errorMessage());
            }
            assertEquals(0, server.requestCount(), "nothing may reach the server");
        }
    }

    private static List<String> roles(JsonNode messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(WireJson.role(m)));
        return roles;
    }
}
