package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.internal.config.BaseUrlTemplate;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.registry.ProviderRegistry;
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

/** A base URL with {@code ${VAR}} (Cloudflare's account id) is resolved per request. */
class BaseUrlTemplateTest {

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

    private ProviderRegistry load() throws Exception {
        Files.writeString(dir.resolve("test.yaml"), "id: test\nbaseUrl: " + server.baseUrl()
                .toString().replaceFirst("/v1$", "") + "/accounts/${TEST_ACCOUNT}/ai/v1\n"
                + "models: [{id: m}]\n");
        LoadResult loaded = ProviderLoader.withoutBuiltins().load(dir);
        assertEquals(List.of(), loaded.diagnostics().stream().map(Diagnostic::format).toList());
        return loaded.requireValid();
    }

    @Test
    void theVariableIsResolvedWhenTheRequestIsMade() throws Exception {
        ProviderRegistry registry = load();
        assertEquals(server.baseUrl().toString().replaceFirst("/v1$", "")
                + "/accounts/${TEST_ACCOUNT}/ai/v1", BaseUrlTemplate.display(
                        registry.provider("test").orElseThrow().baseUrl()));
        server.enqueue(Response.status(200, "{\"data\":[{\"id\":\"m\"}]}"));
        server.enqueue(Response.sse(ProviderEngineTest.HELLO));
        try (ProviderEngine engine = ProviderEngine.builder().registry(registry)
                .environment(Map.of("TEST_ACCOUNT", "acc 42")::get).maxRetries(0).build()) {
            assertEquals(List.of("m"), engine.models("test").get(15, TimeUnit.SECONDS));
            assertEquals("/accounts/acc%2042/ai/v1/models", server.takeRequest().path());
            EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
            AssistantMessage answer = recorder.await(engine.stream(ModelRef.of("test", "m"),
                    Context.ofUser("Hi"), StreamOptions.defaults(), recorder));
            assertEquals(null, answer.errorMessage());
            assertEquals("/accounts/acc%2042/ai/v1/chat/completions",
                    server.takeRequest().path());
        }
    }

    @Test
    void anUnsetVariableIsAnAuthErrorNamingIt() throws Exception {
        ProviderRegistry registry = load();
        try (ProviderEngine engine = ProviderEngine.builder().registry(registry)
                .environment(Map.<String, String>of()::get).maxRetries(0).build()) {
            EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
            AssistantMessage answer = recorder.await(engine.stream(ModelRef.of("test", "m"),
                    Context.ofUser("Hi"), StreamOptions.defaults(), recorder));
            assertEquals(ErrorKind.AUTH, answer.errorKind());
            assertEquals("environment variable TEST_ACCOUNT is not set (a secret of provider "
                    + "test)", answer.errorMessage());
            ExecutionException listed = assertThrows(ExecutionException.class,
                    () -> engine.models("test").get(15, TimeUnit.SECONDS));
            ProviderException cause = assertInstanceOf(ProviderException.class,
                    listed.getCause());
            assertEquals(ErrorKind.AUTH, cause.kind());
            assertEquals("environment variable TEST_ACCOUNT is not set", cause.getMessage());
        }
        assertEquals(0, server.requestCount());
    }

    @Test
    void theCloudflareCatalogEntryPutsTheAccountInThePathAndSendsItsToken() throws Exception {
        String root = server.baseUrl().toString().replaceFirst("/v1$", "");
        Files.writeString(dir.resolve("cloudflare-workers-ai.yaml"),
                "id: cloudflare-workers-ai\nbaseUrl: " + root
                        + "/client/v4/accounts/${CLOUDFLARE_ACCOUNT_ID}/ai/v1\n");
        LoadResult loaded = ProviderLoader.create().load(dir);
        assertEquals(List.of(), loaded.diagnostics().stream().map(Diagnostic::format).toList());
        assertEquals("https://api.cloudflare.com/client/v4/accounts/${CLOUDFLARE_ACCOUNT_ID}"
                + "/ai/v1", BaseUrlTemplate.display(ProviderLoader.create().builtinProviders()
                        .get("cloudflare-workers-ai").baseUrl()));
        server.enqueue(Response.sse(ProviderEngineTest.HELLO));
        try (ProviderEngine engine = ProviderEngine.builder().registry(loaded.requireValid())
                .environment(Map.of("CLOUDFLARE_ACCOUNT_ID", "0123abcd",
                        "CLOUDFLARE_API_TOKEN", "cf-token-77")::get).maxRetries(0).build()) {
            EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
            AssistantMessage answer = recorder.await(engine.stream(ModelRef.of(
                    "cloudflare-workers-ai", "@cf/meta/llama-3.3-70b-instruct-fp8-fast"),
                    Context.ofUser("Hi"), StreamOptions.defaults(), recorder));
            assertEquals(null, answer.errorMessage());
        }
        ScriptedServer.Request request = server.takeRequest();
        assertEquals("/client/v4/accounts/0123abcd/ai/v1/chat/completions", request.path());
        assertEquals("Bearer cf-token-77", request.headers().get("authorization"));
        assertEquals(true, request.bodyText().contains("\"max_tokens\":8192"),
                request.bodyText());
    }
}
