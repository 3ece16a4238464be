package dev.providers.examples.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.WireObserver;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.Tool;
import dev.providers.engine.message.Usage;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.peer.LlamaServer;
import dev.providers.peer.LlamaServerExtension;
import dev.providers.peer.TinyLlamaModel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugged-in dialect through the engine against the real llama-server and its tiny
 * deterministic model, which answers "Hello, world!" one token per chunk: a provider file says
 * {@code api: llama-cpp-native} and the engine finds the dialect through its service file.
 */
@Tag("llama-server")
@ExtendWith(LlamaServerExtension.class)
class LlamaServerNativeTest {

    private static final Context HI = Context.ofUser("Say hello.");
    private static final ModelRef TINY = ModelRef.of("native", "tiny-llama");
    /** The tokens of HI as the chatml template renders it, as the server counted them. */
    private static final int HI_PROMPT_TOKENS = 28;

    @TempDir
    Path dir;

    private ProviderEngine engine;

    @BeforeEach
    void engineAcceptsTheProviderFile() throws Exception {
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Returns the server's root URL: the native API has no {@code /v1}. */
    static URI root(LlamaServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Returns the provider file {@code native.yaml} for a server, with extra top-level YAML. */
    static String providerFile(LlamaServer server, String extra) {
        return "id: native\napi: llama-cpp-native\nbaseUrl: " + root(server) + "\n" + extra
                + "models:\n  - id: tiny-llama\n    contextWindow: "
                + TinyLlamaModel.CONTEXT_LENGTH + "\n    maxTokens: 64\n";
    }

    private ProviderEngine engine(LlamaServer server, String extra) throws Exception {
        return engine(server, extra, Map.of());
    }

    private ProviderEngine engine(LlamaServer server, String extra, Map<String, String> env)
            throws Exception {
        Files.writeString(dir.resolve("native.yaml"), providerFile(server, extra));
        ProviderRegistry registry = ProviderLoader.withoutBuiltins().load(dir).requireValid();
        if (engine != null) {
            engine.close();
        }
        engine = ProviderEngine.builder().registry(registry).environment(env::get)
                .maxRetries(0).build();
        return engine;
    }

    private static AssistantMessage run(ProviderEngine engine, Context context,
            StreamOptions options, Recorder recorder) throws Exception {
        return recorder.await(engine.stream(TINY, context, options, recorder));
    }

    @Test
    @DisplayName("text streams token by token, then a stop (stop_type eos)")
    void text(LlamaServer server) throws Exception {
        Recorder recorder = new Recorder();
        AssistantMessage message = run(engine(server, ""), HI, StreamOptions.defaults(),
                recorder);
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Hello", "text_delta 0 ,",
                "text_delta 0  world", "text_delta 0 !", "text_end 0 Hello, world!",
                "done STOP"), recorder.lines());
        assertEquals("Hello, world!", message.text());
        assertEquals(StopReason.STOP, message.stopReason());
        assertEquals("eos", message.rawStopReason());
        assertEquals("llama-cpp-native", message.api());
        assertNull(message.responseModel(), "the alias is the requested id");
    }

    @Test
    @DisplayName("maxTokens 2 is n_predict 2: a length stop (stop_type limit) after two tokens")
    void lengthStop(LlamaServer server) throws Exception {
        AssistantMessage message = run(engine(server, ""), HI, StreamOptions.builder()
                .maxTokens(2).build(), new Recorder());
        assertEquals(StopReason.LENGTH, message.stopReason());
        assertEquals("limit", message.rawStopReason());
        assertEquals("Hello,", message.text());
        assertEquals(2, message.usage().output());
    }

    @Test
    @DisplayName("a stop sequence ends the text before it (stop_type word)")
    void stopSequence(LlamaServer server) throws Exception {
        AssistantMessage message = run(engine(server, ""), HI, StreamOptions.builder()
                .stop(List.of("world")).build(), new Recorder());
        assertEquals(StopReason.STOP, message.stopReason());
        assertEquals("word", message.rawStopReason());
        assertEquals("Hello, ", message.text());
    }

    @Test
    @DisplayName("usage adds up; with cachePrompt a repeated prompt is read from the cache")
    void usage(LlamaServer server) throws Exception {
        ProviderEngine engine = engine(server, "");
        run(engine, HI, StreamOptions.defaults(), new Recorder());
        Usage usage = run(engine, HI, StreamOptions.defaults(), new Recorder()).usage();
        assertEquals(5, usage.output(), "'Hello, world!' is 4 tokens plus the end token");
        assertEquals(HI_PROMPT_TOKENS, usage.input() + usage.cacheRead(), usage.toString());
        assertTrue(usage.cacheRead() > 0, "the same prompt again comes from the cache: " + usage);
        assertEquals(usage.input() + usage.output() + usage.cacheRead(), usage.totalTokens());
    }

    @Test
    @DisplayName("compat.cachePrompt false: the prompt is evaluated again every time")
    void noPromptCache(LlamaServer server) throws Exception {
        ProviderEngine engine = engine(server, "compat:\n  cachePrompt: false\n");
        run(engine, HI, StreamOptions.defaults(), new Recorder());
        AssistantMessage second = run(engine, HI, StreamOptions.defaults(), new Recorder());
        Usage usage = second.usage();
        assertEquals(StopReason.STOP, second.stopReason(), second.toString());
        assertEquals(0, usage.cacheRead(), usage.toString());
        assertEquals(HI_PROMPT_TOKENS, usage.input(), second.toString());
        assertEquals(HI_PROMPT_TOKENS + 5, usage.totalTokens());
    }

    @Test
    @DisplayName("compat.promptTemplate plain: the prompt on the wire is the plain template")
    void plainTemplate(LlamaServer server) throws Exception {
        StringBuilder sent = new StringBuilder();
        WireObserver wire = new WireObserver() {
            @Override
            public void request(int attempt, URI uri, List<Map.Entry<String, String>> headers,
                    byte[] body) {
                sent.append(uri).append(' ').append(new String(body, StandardCharsets.UTF_8));
            }
        };
        AssistantMessage message = run(engine(server, "compat:\n  promptTemplate: plain\n"),
                HI, StreamOptions.builder().maxTokens(4).wireObserver(wire).build(),
                new Recorder());
        assertTrue(message.stopReason().isNormal(), String.valueOf(message.errorMessage()));
        assertTrue(sent.toString().startsWith(root(server) + "/completion {\"prompt\":"
                + "\"User: Say hello.\\nAssistant:\",\"stream\":true,\"n_predict\":4,"
                + "\"cache_prompt\":true,\"stop\":[\"\\nUser:\"]}"), sent::toString);
    }

    @Test
    @DisplayName("a cancel mid-stream ends with aborted; the next request works")
    void cancel(LlamaServer server) throws Exception {
        ProviderEngine engine = engine(server, "");
        StreamHandle[] self = new StreamHandle[1];
        Recorder recorder = new Recorder() {
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
            handle = engine.stream(TINY, HI, StreamOptions.defaults(), recorder);
            self[0] = handle;
        }
        AssistantMessage aborted = recorder.await(handle);
        assertEquals(StopReason.ABORTED, aborted.stopReason());
        assertEquals(ErrorKind.ABORTED, aborted.errorKind());
        assertEquals("Hello", aborted.text(), "what arrived before the cancel is kept");
        assertEquals(List.of("start", "text_start 0", "text_delta 0 Hello",
                "error ABORTED ABORTED"), recorder.lines(), "the cancel ends the stream at once");
        assertEquals("Hello, world!", run(engine, HI, StreamOptions.defaults(), new Recorder())
                .text());
    }

    @Test
    @DisplayName("tools are refused before anything is sent: invalid_request")
    void tools(LlamaServer server) throws Exception {
        Tool tool = Tool.of("get_time", "The current time", Map.of("type", "object",
                "properties", Map.of()));
        Recorder recorder = new Recorder();
        AssistantMessage message = run(engine(server, ""), HI.withTools(List.of(tool)),
                StreamOptions.defaults(), recorder);
        assertEquals(ErrorKind.INVALID_REQUEST, message.errorKind());
        assertTrue(message.errorMessage().contains("the llama-cpp-native dialect takes no "
                + "tools"), message.errorMessage());
        assertEquals(List.of("error ERROR INVALID_REQUEST"), recorder.lines());
    }

    @Test
    @DisplayName("a prompt beyond -c is a context_overflow error")
    void contextOverflow(LlamaServer server) throws Exception {
        String filler = "The quick brown fox jumps over the lazy dog. ".repeat(2000);
        AssistantMessage message = run(engine(server, ""), Context.ofUser(filler),
                StreamOptions.defaults(), new Recorder());
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, message.errorKind(), message.errorMessage());
        assertTrue(message.errorMessage().contains("exceeds the available context size"),
                message.errorMessage());
    }

    @Test
    @DisplayName("GET /models lists the served alias")
    void models(LlamaServer server) throws Exception {
        assertEquals(List.of(server.alias()),
                engine(server, "").models("native").get(30, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("with --api-key, a wrong bearer key is an auth error; the right one works")
    void wrongKey(@TempDir Path modelDir) throws Exception {
        Path model = TinyLlamaModel.write(modelDir);
        try (LlamaServer secured = LlamaServer.builder(model)
                .binary(LlamaServerExtension.binaryOrAbort())
                .logFile(LlamaServerExtension.newLogFile("llama-server-native-key"))
                .apiKey("sk-right-key-for-the-test")
                .start()) {
            String keyed = "apiKey: ${TEST_KEY}\nauthHeader: true\n";
            Recorder recorder = new Recorder();
            AssistantMessage rejected = run(engine(secured, keyed,
                    Map.of("TEST_KEY", "sk-wrong-key-0123456789")), HI, StreamOptions.defaults(),
                    recorder);
            assertEquals(ErrorKind.AUTH, rejected.errorKind(), rejected.errorMessage());
            assertTrue(rejected.errorMessage().startsWith("401: "), rejected.errorMessage());
            assertTrue(rejected.errorMessage().contains("Invalid API Key"),
                    rejected.errorMessage());
            assertFalse(rejected.errorMessage().contains("sk-wrong-key"), "the key leaked");
            assertEquals(List.of("error ERROR AUTH"), recorder.lines());

            assertEquals("Hello, world!", run(engine(secured, keyed,
                    Map.of("TEST_KEY", "sk-right-key-for-the-test")), HI,
                    StreamOptions.defaults(), new Recorder()).text());
        }
    }
}
