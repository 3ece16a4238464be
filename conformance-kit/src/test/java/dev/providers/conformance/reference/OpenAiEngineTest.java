package dev.providers.conformance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.Usage;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.spec.ThinkingLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real engine against the openai profile: the catalogue's scenarios pass. */
class OpenAiEngineTest {

    @TempDir Path dir;
    private Harness h;

    @BeforeEach
    void start() {
        h = Harness.start(Profile.OPENAI, false, dir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void repliesAndAcceptsTheReplayedTurn() {
        Context first = Context.ofUser("Reply with exactly: 'Hello test successful'")
                .withSystemPrompt("You are a helpful assistant. Be concise.");
        AssistantMessage hello = h.run(first, StreamOptions.defaults()).message();
        assertEquals(StopReason.STOP, hello.stopReason());
        assertEquals("Hello test successful", hello.text());
        assertTrue(hello.usage().input() + hello.usage().cacheRead() > 0);
        assertTrue(hello.usage().output() > 0);
        assertTrue(hello.usage().cost().total() > 0);
        assertNotNull(hello.responseId());
        assertNull(hello.responseModel());
        AssistantMessage goodbye = h.run(first.with(hello).with(UserMessage.of("Now say "
                + "'Goodbye test successful'")), StreamOptions.defaults()).message();
        assertEquals("Goodbye test successful", goodbye.text());
    }

    @Test
    void callsTheMathTool() {
        Context context = Context.ofUser("Calculate 15 + 27 using the math_operation tool.")
                .withSystemPrompt("You are a helpful assistant that uses tools when asked.")
                .withTools(List.of(Fixtures.mathOperation()));
        Harness.Result result = h.run(context, StreamOptions.defaults());
        assertEquals(StopReason.TOOL_USE, result.message().stopReason());
        assertEquals("tool_calls", result.message().rawStopReason());
        StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) result.events().stream()
                .filter(StreamEvent.ToolCallStart.class::isInstance).findFirst().orElseThrow();
        assertEquals("math_operation", start.name());
        assertTrue(start.id().startsWith("call_"));
        ToolCall call = result.message().toolCalls().get(0);
        assertEquals(15L, ((Number) call.arguments().get("a")).longValue());
        assertEquals(27L, ((Number) call.arguments().get("b")).longValue());
        assertEquals("add", call.arguments().get("operation"));
        assertTrue(result.count(StreamEvent.ToolCallDelta.class) > 2);
    }

    @Test
    void reportsUsageOnlyWhenAskedFor() throws Exception {
        Context context = Context.ofUser("Count from 1 to 3");
        Usage usage = h.run(context, StreamOptions.defaults()).message().usage();
        assertEquals(5, usage.output());
        assertTrue(usage.input() > 0);
        String yaml = h.server.providerYaml().replace("compat:\n",
                "compat:\n  supportsUsageInStreaming: false\n");
        Files.delete(dir.resolve("demo.yaml"));
        try (Harness noUsage = Harness.withYaml(h.server, yaml, dir)) {
            AssistantMessage message = noUsage.run(context, StreamOptions.defaults()).message();
            assertEquals(StopReason.STOP, message.stopReason());
            assertEquals(Usage.ZERO, message.usage());
        }
    }

    @Test
    void stopsAtTheLimitAndAtStopSequences() {
        Context context = Context.ofUser("Count from 1 to 3")
                .withSystemPrompt("You are a helpful assistant.");
        AssistantMessage two = h.run(context, StreamOptions.builder().maxTokens(2).build())
                .message();
        assertEquals(StopReason.LENGTH, two.stopReason());
        assertEquals("length", two.rawStopReason());
        assertEquals("1,", two.text());
        assertTrue(two.usage().output() <= 2);
        AssistantMessage stopped = h.run(context, StreamOptions.builder()
                .stop(List.of(" 3")).build()).message();
        assertEquals(StopReason.STOP, stopped.stopReason());
        assertEquals("1, 2,", stopped.text());
        String body = h.server.requests().get(0).body();
        assertTrue(body.contains("\"max_completion_tokens\":2"), body);
    }

    @Test
    void refusesAWrongKey() throws Exception {
        String yaml = h.server.providerYaml().replace(Harness.KEY, "sk-wrong-but-long-key");
        Files.delete(dir.resolve("demo.yaml"));
        try (Harness wrong = Harness.withYaml(h.server, yaml, dir)) {
            Harness.Result result = wrong.run(Context.ofUser("Hi"), StreamOptions.defaults());
            assertEquals(1, result.events().size());
            assertEquals(ErrorKind.AUTH, result.message().errorKind());
            assertFalse(result.message().errorMessage().contains("sk-wrong-but-long-key"));
            assertTrue(result.message().errorMessage().startsWith("401: Incorrect API key"));
        }
    }

    @Test
    void refusesAnUnknownModel() throws Exception {
        String yaml = h.server.providerYaml() + "  - id: gpt-nope\n";
        Files.delete(dir.resolve("demo.yaml"));
        try (Harness unknown = Harness.withYaml(h.server, yaml, dir)) {
            AssistantMessage message = unknown.engine.complete(ModelRef.of("demo", "gpt-nope"),
                    Context.ofUser("Hi"), StreamOptions.defaults()).get();
            assertEquals(ErrorKind.MODEL_NOT_FOUND, message.errorKind());
            assertEquals("404: The model `gpt-nope` does not exist or you do not have access to "
                    + "it.", message.errorMessage());
        }
    }

    @Test
    void reportsContextOverflow() {
        Context context = Context.ofUser(Fixtures.overflowFiller(ServedModel.CONTEXT_WINDOW))
                .withSystemPrompt("You are a helpful assistant.");
        Harness.Result result = h.run(context, StreamOptions.defaults());
        assertEquals(StopReason.ERROR, result.message().stopReason());
        assertEquals(ErrorKind.CONTEXT_OVERFLOW, result.message().errorKind());
        assertTrue(result.message().errorMessage().contains("maximum context length is 16384"));
        assertEquals(0, result.count(StreamEvent.Start.class));
    }

    @Test
    void describesTheRedCircle() {
        Context context = new Context(null, List.of(UserMessage.of(new TextContent("What do "
                + "you see in this image? Please describe the shape (circle, rectangle, square, "
                + "triangle, ...) and color (red, blue, green, ...). You MUST reply in "
                + "English."), ImageContent.of(Fixtures.redCircle(), "image/png"))), List.of());
        String text = h.run(context, StreamOptions.defaults()).message().text().toLowerCase();
        assertTrue(text.contains("red") && text.contains("circle"), text);
    }

    @Test
    void thinksWithTheReasoningContentSignatureAndAcceptsTheReplay() {
        Context context = Context.ofUser("Think long and hard about 115 + 27. Think step by "
                + "step. Then output the result.");
        StreamOptions thinking = StreamOptions.builder().reasoning(ThinkingLevel.MEDIUM).build();
        Harness.Result result = h.run(context, thinking);
        AssistantMessage message = result.message();
        assertEquals(StopReason.STOP, message.stopReason());
        ThinkingContent thought = assertInstanceOf(ThinkingContent.class,
                message.content().get(0));
        assertEquals("reasoning_content", thought.signature());
        assertFalse(thought.thinking().isBlank());
        assertTrue(message.text().contains("142"), message.text());
        assertTrue(message.usage().reasoning() > 0);
        assertTrue(result.count(StreamEvent.ThinkingDelta.class) > 3);
        AssistantMessage next = h.run(context.with(message).with(UserMessage.of("And plus one?")),
                thinking).message();
        assertEquals(StopReason.STOP, next.stopReason());
        String body = last().body();
        assertTrue(body.contains("\"reasoning_content\":\""), body);
    }

    @Test
    void canBeCancelledMidStream() throws Exception {
        ReferenceServer server = ReferenceServer.start(Profile.OPENAI, Harness.KEY,
                ReferenceServer.DEFAULT_CHUNK_PAUSE);
        Path slowDir = Files.createDirectory(dir.resolve("slow"));
        try (Harness slow = Harness.withYaml(server, server.providerYaml(), slowDir)) {
            StringBuilder seen = new StringBuilder();
            Harness.Result result = slow.run(Context.ofUser("Write a long poem with 20 stanzas "
                    + "about the beauty of nature."), StreamOptions.defaults(),
                    (event, handle) -> {
                        if (event instanceof StreamEvent.TextDelta delta) {
                            seen.append(delta.delta());
                            if (seen.length() >= 1000) {
                                handle.cancel();
                            }
                        }
                    });
            assertEquals(StopReason.ABORTED, result.message().stopReason());
            assertTrue(result.message().text().length() >= 1000);
            assertTrue(result.message().text().length() < 2000, "cancelled mid-stream");
            assertEquals(Usage.ZERO, result.message().usage());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.abandonedStreams() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, server.abandonedStreams(), "the server saw the connection close");
        }
    }

    @Test
    void servesConcurrentStreams() throws Exception {
        Context context = Context.ofUser("Reply with exactly: 'Hello test successful'");
        List<CompletableFuture<AssistantMessage>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(CompletableFuture.supplyAsync(() -> h.run(context,
                    StreamOptions.defaults()).message()));
        }
        for (CompletableFuture<AssistantMessage> result : results) {
            assertEquals("Hello test successful", result.get().text());
        }
    }

    @Test
    void reportsCacheReadsOnARepeatedPrefix() {
        String system = Fixtures.longSystemPrompt();
        Context first = new Context(system, List.of(UserMessage.of("What is 2 + 2? Reply with "
                + "just the number.")), List.of());
        AssistantMessage answer = h.run(first, StreamOptions.defaults()).message();
        assertEquals("4", answer.text());
        Context second = first.with(answer).with(UserMessage.of("What is 3 + 3? Reply with just "
                + "the number."));
        AssistantMessage again = h.run(second, StreamOptions.defaults()).message();
        assertEquals("6", again.text());
        assertTrue(again.usage().cacheRead() > 0, again.usage().toString());
        assertEquals(0.1 * again.usage().cacheRead() / 1e6, again.usage().cost().cacheRead(),
                1e-12);
    }

    @Test
    void convergesInAMultiTurnToolConversation() {
        Context context = Context.ofUser("Think about this briefly, then calculate 42 * 17 and "
                + "453 + 434 using the math_operation tool.")
                .withSystemPrompt("You are a helpful assistant that can use tools to answer "
                        + "questions.")
                .withTools(List.of(Fixtures.mathOperation()));
        StringBuilder text = new StringBuilder();
        StreamOptions options = StreamOptions.builder().reasoning(ThinkingLevel.LOW).build();
        for (int turn = 0; turn < 5; turn++) {
            AssistantMessage message = h.run(context, options).message();
            assertFalse(message.stopReason() == StopReason.ERROR, message.errorMessage());
            text.append(message.text());
            context = context.with(message);
            if (message.stopReason() == StopReason.STOP) {
                break;
            }
            for (ToolCall call : message.toolCalls()) {
                double a = ((Number) call.arguments().get("a")).doubleValue();
                double b = ((Number) call.arguments().get("b")).doubleValue();
                double value = switch ((String) call.arguments().get("operation")) {
                    case "add" -> a + b;
                    case "multiply" -> a * b;
                    default -> 0;
                };
                context = context.with(ToolResultMessage.of(call.id(), call.name(),
                        Long.toString((long) value)));
            }
        }
        assertTrue(text.toString().contains("714") && text.toString().contains("887"),
                text.toString());
    }

    @Test
    void answersAfterAnOrphanedCallAndAfterImagesFromTools() {
        Context first = Context.ofUser("Please calculate 25 * 18 using the calculate tool.")
                .withSystemPrompt("You are a helpful assistant. Use the calculate tool when "
                        + "asked to perform calculations.")
                .withTools(List.of(Fixtures.calculate()));
        AssistantMessage call = h.run(first, StreamOptions.defaults()).message();
        assertEquals("calculate", call.toolCalls().get(0).name());
        AssistantMessage never = h.run(first.with(call).with(UserMessage.of("Never mind, just "
                + "tell me what is 2+2?")), StreamOptions.defaults()).message();
        assertEquals(StopReason.STOP, never.stopReason());
        assertTrue(never.text().contains("4"));

        Context circle = Context.ofUser("Use the get_circle_with_description tool and tell me "
                + "what you learned. Also say what color the shape is.")
                .withTools(List.of(Fixtures.empty("get_circle_with_description")));
        AssistantMessage asked = h.run(circle, StreamOptions.defaults()).message();
        ToolCall tool = asked.toolCalls().get(0);
        Message result = new ToolResultMessage(tool.id(), tool.name(), List.of(
                new TextContent("This is a geometric shape with specific properties: it has a "
                        + "diameter of 100 pixels."),
                ImageContent.of(Fixtures.redCircle(), "image/png")), false, List.of(), 0);
        String text = h.run(circle.with(asked).with(result), StreamOptions.defaults()).message()
                .text().toLowerCase();
        assertTrue(text.contains("red") && text.contains("circle") && text.contains("diameter"),
                text);
    }

    @Test
    void acceptsForeignHistoriesAndToolChoices() {
        AssistantMessage foreign = new AssistantMessage(List.of(new ThinkingContent("Foreign "
                + "thoughts", "reasoning_content", false), new TextContent("Let me check."),
                ToolCall.of("x".repeat(200) + "|item=" + "y".repeat(240), "get_weather",
                        Map.of("city", "Paris"))), "openai-completions", "other", "other-model",
                null, null, Usage.ZERO, StopReason.TOOL_USE, "tool_calls", null, null, 0);
        Context context = Context.ofUser("What is the weather in Paris?")
                .withTools(List.of(Fixtures.getWeather()))
                .with(foreign)
                .with(ToolResultMessage.of(foreign.toolCalls().get(0).id(), "get_weather",
                        "sunny, 21C"))
                .with(UserMessage.of("Continue."));
        assertEquals(StopReason.STOP, h.run(context, StreamOptions.defaults()).message()
                .stopReason());
        Context weather = Context.ofUser("What is the weather in Paris? Use the get_weather "
                + "tool.").withTools(List.of(Fixtures.getWeather(), Fixtures.empty("get_time")));
        AssistantMessage named = h.run(weather, StreamOptions.builder()
                .toolChoice(ToolChoice.function("get_time")).build()).message();
        assertEquals("get_time", named.toolCalls().get(0).name());
        AssistantMessage none = h.run(weather, StreamOptions.builder()
                .toolChoice(ToolChoice.NONE).build()).message();
        assertEquals(StopReason.STOP, none.stopReason());
        assertTrue(none.toolCalls().isEmpty());
    }

    @Test
    void answersEmptyInputs() {
        for (String text : List.of("", "   \n\t  ")) {
            AssistantMessage message = h.run(Context.ofUser(text), StreamOptions.defaults())
                    .message();
            assertEquals(TextRules.EMPTY_ANSWER, message.text());
        }
        // a user message without content goes as "" and is answered like one
        AssistantMessage blocks = h.run(new Context(null, List.of(new UserMessage(List.of(), 0)),
                List.of()), StreamOptions.defaults()).message();
        assertEquals(TextRules.EMPTY_ANSWER, blocks.text());
        assertTrue(last().body().contains("\"content\":\"\""), last().body());
        // with no message at all the engine refuses before anything is sent
        int sent = h.server.requests().size();
        AssistantMessage none = h.run(new Context(null, List.of(), List.of()),
                StreamOptions.defaults()).message();
        assertEquals(ErrorKind.INVALID_REQUEST, none.errorKind());
        assertTrue(none.errorMessage().contains("no message to send"), none.errorMessage());
        assertEquals(sent, h.server.requests().size());
    }

    private RecordedRequest last() {
        List<RecordedRequest> requests = h.server.requests();
        return requests.get(requests.size() - 1);
    }
}
