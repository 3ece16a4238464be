package dev.providers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.peer.LlamaServer;
import dev.providers.peer.LlamaServerExtension;
import dev.providers.peer.TinyLlamaModel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code openai-responses} dialect against a real, independently written server: llama.cpp's
 * llama-server on {@code POST /v1/responses}, with the tiny model that answers "Hello, world!"
 * and calls {@code get_weather} with {@code {"city":""}} when tools are offered. Its events name
 * items by {@code item_id} only, and it says {@code completed} even at the output limit (hence
 * {@code lengthFromUsage} in the catalog's {@code llama-cpp-responses}).
 */
@Tag("llama-server")
@ExtendWith(LlamaServerExtension.class)
class LlamaServerResponsesTest {

    private static final Tool GET_WEATHER = Tool.of("get_weather", "Get the weather in a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                    "required", List.of("city")));
    private static final Context HI = Context.ofUser("Say hello.");
    private static final String DIALECT = "api: openai-responses\n";
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

    private ProviderEngine engine(LlamaServer server, String compat) throws Exception {
        ProviderRegistry registry = EngineTestKit.registry(dir, server.baseUrl(), DIALECT
                + compat + MODEL);
        engine = ProviderEngine.builder().registry(registry).maxRetries(0).build();
        return engine;
    }

    private static AssistantMessage run(ProviderEngine engine, Context context,
            StreamOptions options, EngineTestKit.Recorder recorder) throws Exception {
        return recorder.await(engine.stream(ModelRef.of("test", "tiny-llama"), context,
                options, recorder));
    }

    @Test
    @DisplayName("text streams token by token and ends with stop; the raw reason is completed")
    void streamedText(LlamaServer server) throws Exception {
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        List<String> bodies = new CopyOnWriteArrayList<>();
        AssistantMessage message = run(engine(server, ""), HI.withSystemPrompt("Be brief."),
                StreamOptions.builder().wireObserver(requests(bodies)).build(), recorder);
        assertEquals(StopReason.STOP, message.stopReason());
        assertEquals("completed", message.rawStopReason());
        assertEquals(List.of(new TextContent("Hello, world!")), message.content());
        assertEquals(List.of("Hello", ",", " world", "!"), recorder.events.stream()
                .filter(StreamEvent.TextDelta.class::isInstance)
                .map(e -> ((StreamEvent.TextDelta) e).delta()).toList());
        assertTrue(message.responseId().startsWith("resp_"), message.responseId());
        assertTrue(message.usage().input() + message.usage().cacheRead() > 0);
        assertEquals(5, message.usage().output());
        assertTrue(bodies.get(0).startsWith("{\"model\":\"tiny-llama\",\"instructions\":\"Be "
                + "brief.\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"Say hello.\"}]}],\"stream\":true,\"store\":false,"
                + "\"max_output_tokens\":64"), bodies.get(0));
    }

    @Test
    @DisplayName("a call streams one character of arguments per event; its result goes back")
    void toolCallRoundTrip(LlamaServer server) throws Exception {
        ProviderEngine engine = engine(server, "");
        Context weather = HI.withTools(List.of(GET_WEATHER));
        AssistantMessage call = run(engine, weather, StreamOptions.builder()
                .toolChoice(ToolChoice.REQUIRED).build(), new EngineTestKit.Recorder());
        assertEquals(StopReason.TOOL_USE, call.stopReason());
        ToolCall made = call.toolCalls().get(0);
        assertEquals("get_weather", made.name());
        assertEquals(Map.of("city", ""), made.arguments());
        assertTrue(made.id().startsWith("call_"), made.id());
        assertTrue(made.thoughtSignature().startsWith("fc_"), "the item id is kept: "
                + made.thoughtSignature());
        List<String> bodies = new CopyOnWriteArrayList<>();
        AssistantMessage answer = run(engine, weather.with(call).with(ToolResultMessage.of(
                made.id(), made.name(), "sunny")), StreamOptions.builder()
                .toolChoice(ToolChoice.NONE).wireObserver(requests(bodies)).build(),
                new EngineTestKit.Recorder());
        assertEquals(StopReason.STOP, answer.stopReason(), answer.errorMessage());
        assertTrue(bodies.get(0).contains("{\"type\":\"function_call\",\"id\":\""
                + made.thoughtSignature() + "\",\"call_id\":\"" + made.id() + "\",\"name\":"
                + "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"\\\"}\"},{\"type\":"
                + "\"function_call_output\",\"call_id\":\"" + made.id() + "\",\"output\":"
                + "\"sunny\"}"), bodies.get(0));
    }

    @Test
    @DisplayName("max_output_tokens 2: completed on the wire, a length stop with lengthFromUsage")
    void lengthStop(LlamaServer server) throws Exception {
        StreamOptions two = StreamOptions.builder().maxTokens(2).build();
        AssistantMessage plain = run(engine(server, ""), HI, two, new EngineTestKit.Recorder());
        assertEquals("Hello,", plain.text());
        assertEquals(StopReason.STOP, plain.stopReason(), "what the wire says");
        engine.close();
        AssistantMessage read = run(engine(server, "compat: {lengthFromUsage: true}\n"), HI, two,
                new EngineTestKit.Recorder());
        assertEquals(StopReason.LENGTH, read.stopReason());
        assertEquals("completed", read.rawStopReason());
        assertEquals(2, read.usage().output());
    }

    @Test
    @DisplayName("stop sequences, where the file says the server takes them")
    void stopSequence(LlamaServer server) throws Exception {
        StreamOptions stop = StreamOptions.builder().stop(List.of(" world")).build();
        AssistantMessage refused = run(engine(server, ""), HI, stop,
                new EngineTestKit.Recorder());
        assertEquals(ErrorKind.INVALID_REQUEST, refused.errorKind());
        engine.close();
        AssistantMessage cut = run(engine(server, "compat: {supportsStopSequences: true}\n"),
                HI, stop, new EngineTestKit.Recorder());
        assertEquals("Hello,", cut.text());
    }

    @Test
    @DisplayName("a prompt beyond -c is a context_overflow error, before any start")
    void overflow(LlamaServer server) throws Exception {
        EngineTestKit.Recorder recorder = new EngineTestKit.Recorder();
        AssistantMessage message = run(engine(server, ""), Context.ofUser("word ".repeat(6000)),
                StreamOptions.defaults(), recorder);
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, message.errorKind(), message.errorMessage());
        assertEquals(1, recorder.events.size());
    }

    @Test
    @DisplayName("/models lists the served alias")
    void models(LlamaServer server) throws Exception {
        assertEquals(List.of(server.alias()), engine(server, "").models("test")
                .get(30, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("a replayed own reasoning item goes back with its content, as llama.cpp wants")
    void ownReasoningReplays(LlamaServer server) throws Exception {
        // the tiny model does not reason: this is the item llama.cpp would have sent
        String item = "{\"id\":\"rs_x\",\"summary\":[],\"type\":\"reasoning\",\"content\":[{"
                + "\"text\":\"Thinking.\",\"type\":\"reasoning_text\"}],\"encrypted_content\":"
                + "\"\"}";
        AssistantMessage earlier = new AssistantMessage(List.of(
                new dev.providers.engine.message.ThinkingContent("Thinking.", item, false),
                new TextContent("Hello, world!")), "openai-responses", "test", "tiny-llama",
                null, null, dev.providers.engine.message.Usage.ZERO, StopReason.STOP,
                "completed", null, null, 0);
        List<String> bodies = new CopyOnWriteArrayList<>();
        AssistantMessage answer = run(engine(server, ""), new Context(null, List.of(
                UserMessage.of("Hi"), earlier, UserMessage.of("Again")), List.of()),
                StreamOptions.builder().wireObserver(requests(bodies)).build(),
                new EngineTestKit.Recorder());
        assertEquals(StopReason.STOP, answer.stopReason(), answer.errorMessage());
        assertTrue(bodies.get(0).contains(item), bodies.get(0));
    }

    /** Returns an observer that keeps each request body sent. */
    private static WireObserver requests(List<String> bodies) {
        return new WireObserver() {
            @Override
            public void request(int attempt, URI uri, List<Map.Entry<String, String>> headers,
                    byte[] body) {
                bodies.add(new String(body, StandardCharsets.UTF_8));
            }
        };
    }
}
