package dev.providers.engine.internal.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.ProviderException;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.testing.EventInvariants;
import dev.providers.engine.testing.ScriptedServer;
import dev.providers.engine.testing.ScriptedServer.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialect through the whole engine against a scripted server that answers with Gemini's exact
 * bytes: the URL, the key header, error bodies (the key Google answers with a 400, a retry delay
 * in the body, the overflow text, an error array) and the paged model list.
 */
class GeminiEngineTest {

    private static final String KEY = "AIzaSy-test-key-0123456789";
    private static final ModelRef MODEL = ModelRef.of("gem", "gemini-test");

    @TempDir Path dir;

    private ProviderRegistry registry(ScriptedServer server) throws Exception {
        Files.writeString(dir.resolve("gem.yaml"), "id: gem\napi: google-generative-ai\n"
                + "baseUrl: " + server.baseUrl().toString().replace("/v1", "/v1beta") + "\n"
                + "apiKey: " + KEY + "\nauthHeader: true\n"
                + "models:\n  - id: gemini-test\n    contextWindow: 1000000\n"
                + "    maxTokens: 256\n");
        return ProviderLoader.withoutBuiltins().load(dir).requireValid();
    }

    private static AssistantMessage run(ProviderEngine engine) throws Exception {
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        StreamHandle handle = engine.stream(MODEL, Context.ofUser("Hello"),
                StreamOptions.defaults(), new StreamListener() {
                    @Override
                    public void onEvent(StreamEvent event) {
                        events.add(event);
                    }
                });
        AssistantMessage message = handle.result().get(15, TimeUnit.SECONDS);
        assertEquals(List.of(), EventInvariants.check(events, null), "event grammar");
        return message;
    }

    private static final String HELLO = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":"
            + "\"Hi!\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
            + "\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":2,"
            + "\"totalTokenCount\":5},\"modelVersion\":\"gemini-test\",\"responseId\":\"r1\"}"
            + "\r\n\r\n";

    @Test
    void theRequestGoesToTheStreamPathWithTheKeyInItsHeaderOnly() throws Exception {
        try (ScriptedServer server = ScriptedServer.start();
                ProviderEngine engine = ProviderEngine.builder().registry(registry(server))
                        .build()) {
            server.enqueue(Response.sse(HELLO));
            AssistantMessage message = run(engine);
            assertEquals("Hi!", message.text());
            assertEquals(StopReason.STOP, message.stopReason());
            ScriptedServer.Request request = server.takeRequest();
            assertEquals("POST", request.method());
            assertEquals("/v1beta/models/gemini-test:streamGenerateContent?alt=sse",
                    request.path());
            assertEquals(KEY, request.headers().get("x-goog-api-key"));
            assertFalse(request.headers().containsKey("authorization"));
            assertFalse(request.path().contains(KEY), "the key is never in the URL");
            assertEquals("text/event-stream", request.headers().get("accept"));
        }
    }

    @Test
    void aKeyGoogleRejectsWithA400IsAnAuthErrorWithoutTheKey() throws Exception {
        try (ScriptedServer server = ScriptedServer.start();
                ProviderEngine engine = ProviderEngine.builder().registry(registry(server))
                        .build()) {
            server.enqueue(Response.status(400, """
                    {
                      "error": {
                        "code": 400,
                        "message": "API key not valid. Please pass a valid API key.",
                        "status": "INVALID_ARGUMENT",
                        "details": [
                          {
                            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                            "reason": "API_KEY_INVALID",
                            "domain": "googleapis.com",
                            "metadata": {"service": "generativelanguage.googleapis.com"}
                          }
                        ]
                      }
                    }
                    """).header("Content-Type", "application/json; charset=UTF-8"));
            AssistantMessage message = run(engine);
            assertEquals(ErrorKind.AUTH, message.errorKind());
            assertEquals("400: API key not valid. Please pass a valid API key.",
                    message.errorMessage());
        }
    }

    @Test
    void aRetryDelayInTheBodyIsHonouredOrRefusedWhenTooLong() throws Exception {
        String quota = """
                [{
                  "error": {
                    "code": 429,
                    "message": "You exceeded your current quota, please check your plan \
                and billing details.",
                    "status": "RESOURCE_EXHAUSTED",
                    "details": [
                      {"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                       "violations": [{"quotaMetric": "generativelanguage.googleapis.com/\
                generate_content_free_tier_input_token_count"}]},
                      {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "%s"}
                    ]
                  }
                }]
                """;
        try (ScriptedServer server = ScriptedServer.start();
                ProviderEngine engine = ProviderEngine.builder().registry(registry(server))
                        .maxRetries(1).maxRetryDelay(Duration.ofSeconds(5)).build()) {
            server.enqueue(Response.status(429, quota.formatted("17s"))
                    .header("Content-Type", "application/json"));
            AssistantMessage refused = run(engine);
            assertEquals(ErrorKind.RATE_LIMIT, refused.errorKind());
            assertTrue(refused.errorMessage().startsWith("Server requested 17s retry delay "
                    + "(max: 5s). 429: You exceeded your current quota"),
                    refused.errorMessage());
            assertEquals(1, server.requestCount(), "a delay over the limit is not waited for");

            server.enqueue(Response.status(429, quota.formatted("0.05s"))
                    .header("Content-Type", "application/json"));
            server.enqueue(Response.sse(HELLO));
            AssistantMessage retried = run(engine);
            assertEquals("Hi!", retried.text(), "the body's short delay was waited for");
        }
    }

    @Test
    void theTokenCountMessageIsAContextOverflow() throws Exception {
        try (ScriptedServer server = ScriptedServer.start();
                ProviderEngine engine = ProviderEngine.builder().registry(registry(server))
                        .maxRetries(2).build()) {
            server.enqueue(Response.status(400, "{\"error\":{\"code\":400,\"message\":\"The "
                    + "input token count (1200000) exceeds the maximum number of tokens allowed "
                    + "(1048576).\",\"status\":\"INVALID_ARGUMENT\"}}")
                    .header("Content-Type", "application/json"));
            AssistantMessage message = run(engine);
            assertEquals(ErrorKind.CONTEXT_OVERFLOW, message.errorKind());
            assertEquals(1, server.requestCount(), "an overflow is not retried");
        }
    }

    @Test
    void aNotFoundModelIsModelNotFound() throws Exception {
        try (ScriptedServer server = ScriptedServer.start();
                ProviderEngine engine = ProviderEngine.builder().registry(registry(server))
                        .build()) {
            server.enqueue(Response.status(404, "[{\"error\":{\"code\":404,\"message\":"
                    + "\"models/gemini-test is not found for API version v1beta, or is not "
                    + "supported for generateContent.\",\"status\":\"NOT_FOUND\"}}]")
                    .header("Content-Type", "application/json"));
            AssistantMessage message = run(engine);
            assertEquals(ErrorKind.MODEL_NOT_FOUND, message.errorKind());
            assertEquals("404: models/gemini-test is not found for API version v1beta, or is "
                    + "not supported for generateContent.", message.errorMessage());
        }
    }

    @Test
    void aWrongBaseUrlIsNotFoundWithThePathEvenWhenThePageEchoesTheModel() throws Exception {
        // Google's front end answers a path no API serves with an HTML page that quotes the
        // URL, and Gemini's URL holds the model: the model is not what is missing
        String page = "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error "
                + "404 (Not Found)!!1</title>\n  <p><b>404.</b> <ins>That’s an error.</ins>\n"
                + "  <p>The requested URL <code>/v1/models/gemini-test:streamGenerateContent"
                + "</code> was not found on this server.  <ins>That’s all we know.</ins>\n";
        List<Response> answers = List.of(
                Response.status(404, page).header("Content-Type", "text/html; charset=UTF-8"),
                Response.status(404, "404 page not found")
                        .header("Content-Type", "text/plain"),
                // a gateway's JSON that does not name a model, in Google's shape or not
                Response.status(404, "{\"error\":{\"code\":404,\"message\":\"Method not "
                        + "found.\",\"status\":\"NOT_FOUND\"}}")
                        .header("Content-Type", "application/json"),
                Response.status(404, "{\"detail\":\"Not Found\"}")
                        .header("Content-Type", "application/json"));
        for (Response answer : answers) {
            try (ScriptedServer server = ScriptedServer.start();
                    ProviderEngine engine = ProviderEngine.builder().registry(registry(server))
                            .build()) {
                server.enqueue(answer);
                AssistantMessage message = run(engine);
                assertEquals(ErrorKind.NOT_FOUND, message.errorKind(), message.errorMessage());
                assertTrue(message.errorMessage().endsWith(" (nothing at /v1beta/models/"
                        + "gemini-test:streamGenerateContent; check the provider's baseUrl)"),
                        message.errorMessage());
            }
        }
    }

    @Test
    void theModelListIsReadPageByPage() throws Exception {
        try (ScriptedServer server = ScriptedServer.start();
                ProviderEngine engine = ProviderEngine.builder().registry(registry(server))
                        .build()) {
            server.enqueue(Response.status(200, """
                    {"models": [
                      {"name": "models/gemini-2.5-flash", "displayName": "Gemini 2.5 Flash",
                       "inputTokenLimit": 1048576, "outputTokenLimit": 65536,
                       "supportedGenerationMethods": ["generateContent", "countTokens"],
                       "thinking": true}],
                     "nextPageToken": "page-2"}
                    """).header("Content-Type", "application/json"));
            server.enqueue(Response.status(200, """
                    {"models": [
                      {"name": "models/gemini-embedding-001", "inputTokenLimit": 2048,
                       "outputTokenLimit": 1, "supportedGenerationMethods": ["embedContent"]}]}
                    """).header("Content-Type", "application/json"));
            List<String> ids = engine.models("gem").get(15, TimeUnit.SECONDS);
            assertEquals(List.of("gemini-2.5-flash", "gemini-embedding-001"), ids);
            ScriptedServer.Request first = server.takeRequest();
            assertEquals("GET", first.method());
            assertEquals("/v1beta/models", first.path());
            assertEquals(KEY, first.headers().get("x-goog-api-key"));
            assertEquals("/v1beta/models?pageToken=page-2", server.takeRequest().path());
        }
    }

    @Test
    void aPageThatPointsBackStopsTheList() throws Exception {
        try (ScriptedServer server = ScriptedServer.start();
                ProviderEngine engine = ProviderEngine.builder().registry(registry(server))
                        .build()) {
            String page = "{\"models\":[{\"name\":\"models/a\"}],\"nextPageToken\":\"again\"}";
            server.enqueue(Response.status(200, page).header("Content-Type",
                    "application/json"));
            server.enqueue(Response.status(200, page).header("Content-Type",
                    "application/json"));
            assertEquals(List.of("a", "a"), engine.models("gem").get(15, TimeUnit.SECONDS));
            assertEquals(2, server.requestCount());
        }
    }

    @Test
    void aListThatIsNotGeminisShapeIsAProtocolError() throws Exception {
        try (ScriptedServer server = ScriptedServer.start();
                ProviderEngine engine = ProviderEngine.builder().registry(registry(server))
                        .build()) {
            server.enqueue(Response.status(200, "{\"models\": 7}").header("Content-Type",
                    "application/json"));
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class, () -> engine.models("gem").get(15,
                            TimeUnit.SECONDS));
            ProviderException cause = (ProviderException) e.getCause();
            assertEquals(ErrorKind.PROTOCOL, cause.kind());
            assertTrue(cause.getMessage().contains("'models' is not an array"),
                    cause.getMessage());
        }
    }
}
