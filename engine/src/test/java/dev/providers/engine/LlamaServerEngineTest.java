package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.WireObserver;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.Tool;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.Usage;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.peer.LlamaServer;
import dev.providers.peer.LlamaServerExtension;
import dev.providers.peer.TinyLlamaModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against a real, independently written server: llama.cpp's llama-server with the
 * tiny deterministic model, which answers "Hello, world!" and, when tools are offered, calls
 * {@code get_weather} with {@code {"city":""}}, one character per chunk.
 */
@Tag("llama-server")
@ExtendWith(LlamaServerExtension.class)
class LlamaServerEngineTest {

    private static final Tool GET_WEATHER = Tool.of("get_weather", "Get the weather in a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                    "required", List.of("city")));
    private static final Context HI = Context.ofUser("Say hello.");
    private static final String MODEL = "models:\n  - id: tiny-llama\n    contextWindow: "
            + TinyLlamaModel.CONTEXT_LENGTH + "\n    maxTokens: 64\n";

    @TempDir
    Path dir;

    private ProviderEngine engine;

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private ProviderEngine engine(LlamaServer server, String yaml) throws Exception {
        ProviderRegistry registry = EngineTestKit.registry(dir, server.baseUrl(), yaml + MODEL);
        engine = ProviderEngine.builder().registry(registry).maxRetries(0).build();
        return engine;
    }

    /** Returns an engine that sends {@code key} as the bearer token, from the environment. */
    private ProviderEngine keyed(LlamaServer server, String key) throws Exception {
        ProviderRegistry registry = EngineTestKit.registry(dir, server.baseUrl(),
                "apiKey: ${TEST_KEY}\nauthHeader: true\n" + MODEL);
        engine = ProviderEngine.builder().registry(registry)
                .environment(Map.of("TEST_KEY", key)::get).maxRetries(0).build();
        return engine;
    }

    private static AssistantMessage run(ProviderEngine engine, Context context,
            StreamOptions options, EngineTestKit.Recorder recorder) throws Exception {
        return recorder.await(engine.stream(ModelRef.of("test", "tiny-llama"), context,
                options, recorder));
    }

    private static List<String> deltas(List<StreamEvent> events) {
        return events.stream().filter(StreamEvent.TextDelta.class::isInstance)
                .map(e -> ((StreamEvent.TextDelta) e).delta()).toList();
    }

    @Test
    @DisplayName("text streams token by token and ends with stop")
    void streamedText(LlamaServer server) throws Exception {
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = run(engine(server, ""), HI, StreamOptions.defaults(),
                recorder);
        assertEquals(StopReason.STOP, message.stopReason());
        assertEquals("stop", message.rawStopReason());
        assertEquals(List.of(new TextContent("Hello, world!")), message.content());
        assertEquals(List.of("Hello", ",", " world", "!"), deltas(recorder.events));
        assertTrue(message.responseId().startsWith("chatcmpl-"), message.responseId());
        assertEquals(null, message.responseModel(), "the alias equals the requested id");
    }

    @Test
    @DisplayName("a tool call streams one character of arguments per chunk")
    void toolCallCharacterByCharacter(LlamaServer server) throws Exception {
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = run(engine(server, ""), HI.withTools(List.of(GET_WEATHER)),
                StreamOptions.builder().toolChoice(ToolChoice.REQUIRED).build(), recorder);
        assertEquals(StopReason.TOOL_USE, message.stopReason());
        assertEquals("tool_calls", message.rawStopReason());
        ToolCall call = message.toolCalls().get(0);
        assertEquals("get_weather", call.name());
        assertEquals(Map.of("city", ""), call.arguments());
        assertFalse(call.id().isEmpty());
        List<String> pieces = recorder.events.stream()
                .filter(StreamEvent.ToolCallDelta.class::isInstance)
                .map(e -> ((StreamEvent.ToolCallDelta) e).delta()).toList();
        assertEquals("{\"city\":\"\"}", String.join("", pieces));
        assertEquals(11, pieces.size(), "one chunk per character: " + pieces);
        StreamEvent.ToolCallStart start = recorder.events.stream()
                .filter(StreamEvent.ToolCallStart.class::isInstance)
                .map(StreamEvent.ToolCallStart.class::cast).findFirst().orElseThrow();
        assertEquals(call.id(), start.id(), "the id is known at toolcall_start");
        assertEquals("get_weather", start.name());
    }

    @Test
    @DisplayName("usage arrives with stream_options and adds up")
    void usageWithStreamOptions(LlamaServer server) throws Exception {
        AssistantMessage message = run(engine(server, ""), HI, StreamOptions.defaults(),
                new EngineTestKit.Recorder());
        Usage usage = message.usage();
        assertEquals(5, usage.output(), "'Hello, world!' is 4 tokens plus the end token");
        assertTrue(usage.input() + usage.cacheRead() > 10, usage.toString());
        assertEquals(usage.input() + usage.output() + usage.cacheRead() + usage.cacheWrite(),
                usage.totalTokens());
    }

    @Test
    @DisplayName("without stream_options the server sends no usage: all zero, never garbage")
    void usageWithoutStreamOptions(LlamaServer server) throws Exception {
        AssistantMessage message = run(engine(server,
                "compat:\n  supportsUsageInStreaming: false\n"), HI, StreamOptions.defaults(),
                new EngineTestKit.Recorder());
        assertEquals(StopReason.STOP, message.stopReason());
        assertEquals(Usage.ZERO, message.usage());
    }

    @Test
    @DisplayName("max_tokens 2 ends with length after two tokens")
    void lengthStop(LlamaServer server) throws Exception {
        AssistantMessage message = run(engine(server, ""), HI, StreamOptions.builder()
                .maxTokens(2).build(), new EngineTestKit.Recorder());
        assertEquals(StopReason.LENGTH, message.stopReason());
        assertEquals("length", message.rawStopReason());
        assertEquals("Hello,", message.text());
        assertEquals(2, message.usage().output());
    }

    @Test
    @DisplayName("a stop sequence ends the text before it")
    void stopSequence(LlamaServer server) throws Exception {
        AssistantMessage message = run(engine(server, ""), HI, StreamOptions.builder()
                .stop(List.of("world")).build(), new EngineTestKit.Recorder());
        assertEquals(StopReason.STOP, message.stopReason());
        assertEquals("Hello, ", message.text());
    }

    @Test
    @DisplayName("a named tool_choice is not enforced: the model's own pick wins")
    void namedToolChoiceActsAsAuto(LlamaServer server) throws Exception {
        Tool time = Tool.of("get_time", "The current time", Map.of("type", "object",
                "properties", Map.of()));
        Context twoTools = HI.withTools(List.of(GET_WEATHER, time));
        ProviderEngine engine = engine(server, "");
        // at temperature 0 the tiny model picks get_weather; naming get_time changes nothing
        for (int i = 0; i < 3; i++) {
            AssistantMessage named = run(engine, twoTools, StreamOptions.builder()
                    .temperature(0).toolChoice(ToolChoice.function("get_time")).build(),
                    new EngineTestKit.Recorder());
            assertEquals(List.of("get_weather"), named.toolCalls().stream().map(ToolCall::name)
                    .toList());
        }
    }

    @Test
    @DisplayName("an empty tools array after a tool history is accepted")
    void emptyToolsArray(LlamaServer server) throws Exception {
        Context history = new Context(null, List.of(UserMessage.of("Weather in Paris?"),
                AssistantMessage.of("test", "tiny-llama", ToolCall.of("tst000001", "get_weather",
                        Map.of("city", "Paris"))),
                ToolResultMessage.of("tst000001", "get_weather", "sunny"),
                UserMessage.of("Thanks!")), List.of());
        StringBuilder body = new StringBuilder();
        WireObserver wire = new WireObserver() {
            @Override
            public void request(int attempt, URI uri, List<Map.Entry<String, String>> headers,
                    byte[] bytes) {
                body.append(new String(bytes, StandardCharsets.UTF_8));
            }
        };
        AssistantMessage message = run(engine(server,
                "compat:\n  requiresToolsWithToolHistory: true\n"), history,
                StreamOptions.builder().wireObserver(wire).build(), new EngineTestKit.Recorder());
        assertEquals(StopReason.STOP, message.stopReason(), String.valueOf(
                message.errorMessage()));
        assertEquals("Hello, world!", message.text());
        assertTrue(body.toString().contains("\"tools\":[]"), body::toString);
    }

    @Test
    @DisplayName("malformed JSON is answered with 500 server_error, not 400")
    void malformedJson(LlamaServer server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":["))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"type\":\"server_error\""), response.body());
    }

    @Test
    @DisplayName("/models lists the served alias")
    void models(LlamaServer server) throws Exception {
        assertEquals(List.of(server.alias()),
                engine(server, "").models("test").get(30, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("a prompt beyond -c is a context_overflow error, before any start")
    void contextOverflow(LlamaServer server) throws Exception {
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        String filler = "The quick brown fox jumps over the lazy dog. ".repeat(2000);
        AssistantMessage message = run(engine(server, ""), Context.ofUser(filler),
                StreamOptions.defaults(), recorder);
        assertEquals(StopReason.ERROR, message.stopReason());
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, message.errorKind(), message.errorMessage());
        assertTrue(message.errorMessage().startsWith("400: "), message.errorMessage());
        assertTrue(message.errorMessage().contains("exceeds the available context size"),
                message.errorMessage());
        assertEquals(1, recorder.events.size(), "only the error event: " + recorder.events);
    }

    @Test
    @DisplayName("a cancel from the listener mid-stream ends with aborted; the pool stays usable")
    void cancelMidStream(LlamaServer server) throws Exception {
        ProviderEngine engine = engine(server, "");
        StreamHandle[] self = new StreamHandle[1];
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder() {
            @Override
            public void onEvent(StreamEvent event) {
                super.onEvent(event);
                if (event instanceof StreamEvent.TextDelta) {
                    synchronized (self) {
                        self[0].cancel();
                    }
                }
            }
        };
        StreamHandle handle;
        synchronized (self) {
            handle = engine.stream(ModelRef.of("test", "tiny-llama"), HI,
                    StreamOptions.defaults(), recorder);
            self[0] = handle;
        }
        AssistantMessage aborted = recorder.await(handle);
        assertEquals(StopReason.ABORTED, aborted.stopReason());
        assertEquals(ErrorKind.ABORTED, aborted.errorKind());
        assertEquals("Hello", aborted.text(), "what arrived before the cancel is kept");
        List<StreamEvent> events = recorder.events;
        assertTrue(events.get(events.size() - 2) instanceof StreamEvent.TextDelta,
                "the terminal event comes right after the delta that cancelled: " + events);

        AssistantMessage next = run(engine, HI, StreamOptions.defaults(),
                new EngineTestKit.Recorder());
        assertEquals("Hello, world!", next.text());
    }

    @Test
    @DisplayName("with --api-key, a wrong key is an auth error and the right one works")
    void wrongKey(@TempDir Path modelDir) throws Exception {
        Path model = TinyLlamaModel.write(modelDir);
        try (LlamaServer secured = LlamaServer.builder(model)
                .binary(LlamaServerExtension.binaryOrAbort())
                .logFile(LlamaServerExtension.newLogFile("llama-server-api-key"))
                .apiKey("sk-right-key-for-the-test")
                .start()) {
            EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
            AssistantMessage rejected = run(keyed(secured, "sk-wrong-key-0123456789"), HI,
                    StreamOptions.defaults(), recorder);
            assertEquals(ErrorKind.AUTH, rejected.errorKind(), rejected.errorMessage());
            assertTrue(rejected.errorMessage().startsWith("401: "), rejected.errorMessage());
            assertTrue(rejected.errorMessage().contains("Invalid API Key"),
                    rejected.errorMessage());
            assertFalse(rejected.errorMessage().contains("sk-wrong-key"), "the key leaked");
            assertEquals(1, recorder.events.size(), "only the error event");
            engine.close();

            assertEquals("Hello, world!", run(keyed(secured, "sk-right-key-for-the-test"), HI,
                    StreamOptions.defaults(), new EngineTestKit.Recorder()).text());
        }
    }
}
