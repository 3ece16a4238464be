package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.testing.ScriptedServer;
import dev.providers.engine.testing.ScriptedServer.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authHeader} is an opt-out: a provider with a key sends it its dialect's way unless it
 * says {@code authHeader: false} or its own headers carry the key already.
 */
class AuthHeaderDefaultTest {

    private static final String KEY = "sk-test-7f3a9c";

    @TempDir
    Path dir;

    private ScriptedServer server;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** Lists the models of a provider file and returns the request's (lower-case) headers. */
    private Map<String, String> headersSent(String api, String extraYaml, String listBody)
            throws Exception {
        return headersSent(api, extraYaml, listBody, List.of());
    }

    /** As above, expecting these load diagnostics. */
    private Map<String, String> headersSent(String api, String extraYaml, String listBody,
            List<String> diagnostics) throws Exception {
        Files.writeString(dir.resolve("test.yaml"), "id: test\napi: " + api + "\nbaseUrl: "
                + server.baseUrl() + "\n" + extraYaml + "models: [{id: m}]\n");
        LoadResult loaded = ProviderLoader.withoutBuiltins().load(dir);
        assertEquals(diagnostics, loaded.diagnostics().stream().map(Diagnostic::format)
                .toList());
        server.enqueue(Response.status(200, listBody).header("Content-Type",
                "application/json"));
        try (ProviderEngine engine = ProviderEngine.builder().registry(loaded.requireValid())
                .environment(Map.of("TEST_KEY", KEY, "TEST_ORG", "acme")::get).maxRetries(0).build()) {
            try {
                engine.models("test").get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // only the request matters here
            }
        }
        return server.takeRequest().headers();
    }

    private static final String OPENAI_LIST = "{\"object\":\"list\",\"data\":[{\"id\":\"m\"}]}";

    @Test
    void aKeyWithoutAuthHeaderIsSentAsBearerForChatCompletions() throws Exception {
        Map<String, String> headers = headersSent("openai-completions",
                "apiKey: ${TEST_KEY}\n", OPENAI_LIST);
        assertEquals("Bearer " + KEY, headers.get("authorization"));
    }

    @Test
    void aKeyWithoutAuthHeaderIsSentAsXApiKeyForAnthropic() throws Exception {
        Map<String, String> headers = headersSent("anthropic-messages",
                "apiKey: ${TEST_KEY}\n", OPENAI_LIST);
        assertEquals(KEY, headers.get("x-api-key"));
        assertNull(headers.get("authorization"));
    }

    @Test
    void aKeyWithoutAuthHeaderIsSentAsXGoogApiKeyForGemini() throws Exception {
        Map<String, String> headers = headersSent("google-generative-ai",
                "apiKey: ${TEST_KEY}\n", "{\"models\":[{\"name\":\"models/m\"}]}");
        assertEquals(KEY, headers.get("x-goog-api-key"));
        assertNull(headers.get("authorization"));
    }

    @Test
    void authHeaderTrueStillSendsTheKeyWithoutAWarning() throws Exception {
        Map<String, String> headers = headersSent("openai-completions",
                "apiKey: ${TEST_KEY}\nauthHeader: true\n", OPENAI_LIST);
        assertEquals("Bearer " + KEY, headers.get("authorization"));
    }

    @Test
    void authHeaderFalseSendsNoKey() throws Exception {
        Map<String, String> headers = headersSent("openai-completions",
                "apiKey: ${TEST_KEY}\nauthHeader: false\nheaders:\n  X-Key: ${TEST_KEY}\n",
                OPENAI_LIST);
        assertNull(headers.get("authorization"));
        assertEquals(KEY, headers.get("x-key"));
    }

    @Test
    void anAzureStyleKeyHeaderIsNotDoubledByAnAuthorizationHeader() throws Exception {
        Map<String, String> headers = headersSent("openai-completions",
                "apiKey: ${TEST_KEY}\nheaders:\n  api-key: ${TEST_KEY}\n", OPENAI_LIST);
        assertEquals(KEY, headers.get("api-key"));
        assertNull(headers.get("authorization"));
    }

    @Test
    void anOwnAuthorizationHeaderIsNotReplacedByTheKey() throws Exception {
        Map<String, String> headers = headersSent("openai-completions",
                "apiKey: ${TEST_KEY}\nheaders:\n  authorization: Token ${TEST_KEY}\n",
                OPENAI_LIST);
        assertEquals("Token " + KEY, headers.get("authorization"));
    }

    @Test
    void noKeyNoAuthHeader() throws Exception {
        Map<String, String> headers = headersSent("openai-completions", "", OPENAI_LIST);
        assertNull(headers.get("authorization"));
    }

    @Test
    void anOverrideThatAddsAKeyToAKeylessBuiltinSendsIt() throws Exception {
        Files.writeString(dir.resolve("llama-cpp.yaml"), "id: llama-cpp\nbaseUrl: "
                + server.baseUrl() + "\napiKey: ${TEST_KEY}\n");
        LoadResult loaded = ProviderLoader.create().load(dir);
        assertEquals(List.of(), loaded.diagnostics().stream().map(Diagnostic::format).toList());
        assertTrue(loaded.requireValid().provider("llama-cpp").orElseThrow().authHeader());
        assertFalse(loaded.requireValid().provider("azure-openai").orElseThrow().authHeader(),
                "a provider whose headers carry its key sends no Authorization header");
        String listed = loaded.requireValid().provider("llama-cpp").orElseThrow().toString();
        assertFalse(listed.contains(KEY), listed);
    }

    @Test
    void aBareUpperCaseKeyNamesASetVariableAndIsReadFromItWithALocatedWarning()
            throws Exception {
        Map<String, String> headers = headersSent("openai-completions",
                "apiKey: TEST_KEY\nheaders:\n  X-Org: TEST_ORG\n", OPENAI_LIST, List.of(
                        dir.resolve("test.yaml") + ":4:9: warning: /apiKey: apiKey TEST_KEY is "
                                + "read from the environment variable TEST_KEY when that is set "
                                + "(as pi does), else sent as written; write ${TEST_KEY} to "
                                + "say so",
                        dir.resolve("test.yaml") + ":6:10: warning: /headers/X-Org: header "
                                + "X-Org TEST_ORG is read from the environment variable "
                                + "TEST_ORG when that is set (as pi does), else sent as "
                                + "written; write ${TEST_ORG} to say so"));
        assertEquals("Bearer " + KEY, headers.get("authorization"));
        assertEquals("acme", headers.get("x-org"));
    }

    @Test
    void aBareUpperCaseKeyWhoseVariableIsNotSetIsSentAsWritten() throws Exception {
        Map<String, String> headers = headersSent("openai-completions",
                "apiKey: UNSET_KEY_NAME\n", OPENAI_LIST, List.of(dir.resolve("test.yaml")
                        + ":4:9: warning: /apiKey: apiKey UNSET_KEY_NAME is read from the "
                        + "environment variable UNSET_KEY_NAME when that is set (as pi does), "
                        + "else sent as written; write ${UNSET_KEY_NAME} to say so"));
        assertEquals("Bearer UNSET_KEY_NAME", headers.get("authorization"));
    }

    @Test
    void aLowerCaseLiteralKeyStaysLiteralWithoutAWarning() throws Exception {
        Map<String, String> headers = headersSent("openai-completions",
                "apiKey: test_key\n", OPENAI_LIST);
        assertEquals("Bearer test_key", headers.get("authorization"));
    }
}
