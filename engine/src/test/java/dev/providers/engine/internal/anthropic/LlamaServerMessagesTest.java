package dev.providers.engine.internal.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.StreamHandle;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.Tool;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.testing.EventInvariants;
import dev.providers.peer.LlamaServer;
import dev.providers.peer.LlamaServerExtension;
import dev.providers.peer.TinyLlamaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialect against a real, independently written server: llama.cpp's llama-server (the build
 * in node-llama-cpp 3.22.1) answers {@code POST /v1/messages} with the tiny deterministic model,
 * which says "Hello, world!" and, offered tools, calls {@code get_weather} with
 * {@code {"city":""}}. Each test states what that server really sends.
 */
@Tag("llama-server")
@ExtendWith(LlamaServerExtension.class)
class LlamaServerMessagesTest {

    private static final Tool GET_WEATHER = Tool.of("get_weather", "Get the weather in a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                    "required", List.of("city")));
    private static final ModelRef TINY = ModelRef.of("llama-msg", "tiny-llama");
    private static final Context HI = Context.ofUser("Say hello.");

    @TempDir
    Path dir;

    private ProviderEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private ProviderEngine engine(LlamaServer server) throws Exception {
        Files.writeString(dir.resolve("llama-msg.yaml"), "id: llama-msg\n"
                + "api: anthropic-messages\nbaseUrl: " + server.baseUrl() + "\nmodels:\n"
                + "  - id: tiny-llama\n    contextWindow: " + TinyLlamaModel.CONTEXT_LENGTH
                + "\n    maxTokens: 64\n");
        engine = ProviderEngine.builder().registry(ProviderLoader.withoutBuiltins().load(dir)
                .requireValid()).maxRetries(0).build();
        return engine;
    }

    /** Streams, checks the event grammar, returns the final message and the events. */
    private static AssistantMessage run(ProviderEngine engine, Context context,
            StreamOptions options, List<StreamEvent> events) throws Exception {
        StreamHandle handle = engine.stream(TINY, context, options, new StreamListener() {
            @Override
            public void onEvent(StreamEvent event) {
                events.add(event);
            }
        });
        AssistantMessage message = handle.result().get(30, TimeUnit.SECONDS);
        assertEquals(List.of(), EventInvariants.check(events, null));
        return message;
    }

    @Test
    void textStreamsTokenByTokenWithUsageAndEndsWithEndTurn(LlamaServer server)
            throws Exception {
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        AssistantMessage message = run(engine(server), HI, StreamOptions.defaults(), events);
        assertEquals(StopReason.STOP, message.stopReason());
        assertEquals("end_turn", message.rawStopReason());
        assertEquals(List.of(new TextContent("Hello, world!")), message.content());
        assertEquals(List.of("Hello", ",", " world", "!"), events.stream()
                .filter(StreamEvent.TextDelta.class::isInstance)
                .map(e -> ((StreamEvent.TextDelta) e).delta()).toList());
        // llama.cpp's message ids are its chat-completion ids
        assertTrue(message.responseId().startsWith("chatcmpl-"), message.responseId());
        assertTrue(message.usage().input() + message.usage().cacheRead() > 0,
                message.usage().toString());
        assertEquals(5, message.usage().output());
        assertEquals(0, message.usage().cacheWrite(), "llama.cpp reports no cache writes");
    }

    @Test
    void aRequiredToolCallStreamsItsInputOneCharacterPerDelta(LlamaServer server)
            throws Exception {
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        AssistantMessage message = run(engine(server), HI.withTools(List.of(GET_WEATHER)),
                StreamOptions.builder().toolChoice(ToolChoice.REQUIRED).build(), events);
        assertEquals(StopReason.TOOL_USE, message.stopReason());
        assertEquals("tool_use", message.rawStopReason());
        ToolCall call = message.toolCalls().get(0);
        assertEquals("get_weather", call.name());
        assertEquals(Map.of("city", ""), call.arguments());
        // 32 alphanumerics, without Anthropic's toolu_ prefix
        assertTrue(call.id().matches("[A-Za-z0-9]{32}"), call.id());
        assertEquals(12, events.stream().filter(StreamEvent.ToolCallDelta.class::isInstance)
                .count(), "the start's empty delta and one per character of {\"city\":\"\"}");
    }

    @Test
    void aToolResultRoundTripsAsAUserTurnOfToolResultBlocks(LlamaServer server)
            throws Exception {
        ProviderEngine engine = engine(server);
        Context context = HI.withTools(List.of(GET_WEATHER));
        AssistantMessage call = run(engine, context, StreamOptions.builder()
                .toolChoice(ToolChoice.REQUIRED).build(), new CopyOnWriteArrayList<>());
        ToolCall made = call.toolCalls().get(0);
        AssistantMessage answer = run(engine, context.with(call).with(ToolResultMessage.of(
                made.id(), made.name(), "sunny")).with(UserMessage.of("Thanks.")),
                StreamOptions.builder().toolChoice(ToolChoice.NONE).build(),
                new CopyOnWriteArrayList<>());
        assertTrue(answer.stopReason().isNormal(), answer.toString());
    }

    @Test
    void aStopSequenceCutsTheTextButIsReportedAsEndTurn(LlamaServer server) throws Exception {
        AssistantMessage message = run(engine(server), HI, StreamOptions.builder()
                .stop(List.of("world")).build(), new CopyOnWriteArrayList<>());
        assertEquals("Hello, ", message.text());
        assertEquals(StopReason.STOP, message.stopReason());
        // Anthropic says stop_sequence; llama.cpp says end_turn and names the sequence
        assertEquals("end_turn", message.rawStopReason());
    }

    @Test
    void maxTokensEndsWithLength(LlamaServer server) throws Exception {
        AssistantMessage message = run(engine(server), HI, StreamOptions.builder().maxTokens(2)
                .build(), new CopyOnWriteArrayList<>());
        assertEquals(StopReason.LENGTH, message.stopReason());
        assertEquals("max_tokens", message.rawStopReason());
        assertEquals("Hello,", message.text());
    }

    @Test
    void aPromptBeyondTheContextIsAContextOverflowBeforeTheStream(LlamaServer server)
            throws Exception {
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        AssistantMessage message = run(engine(server), Context.ofUser("word ".repeat(9000)),
                StreamOptions.builder().maxTokens(8).build(), events);
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, message.errorKind());
        assertTrue(message.errorMessage().startsWith("400: request ("),
                message.errorMessage());
        assertEquals(1, events.size(), "one error event, no start");
    }

    @Test
    void theModelListIsLlamaServersOnePage(LlamaServer server) throws Exception {
        assertEquals(List.of(server.alias()), engine(server).models("llama-msg")
                .get(30, TimeUnit.SECONDS));
    }
}
