package dev.providers.conformance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.ToolChoice;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.Usage;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.spec.ThinkingLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every deviating profile against the real engine: with the profile's provider file the
 * deviation shows (an engine failure, or a wire feature the engine absorbs), and with the compat
 * fix the same request succeeds.
 */
class ProfilesEngineTest {

    private static final Context COUNT = Context.ofUser("Count from 1 to 3")
            .withSystemPrompt("You are a helpful assistant.");
    private static final StreamOptions THINKING = StreamOptions.builder()
            .reasoning(ThinkingLevel.MEDIUM).build();

    @TempDir Path dir;

    @Test
    void azureFilterChunksAreAbsorbed() {
        assertEquals("", Profile.AZURE.compatFix());
        try (Harness h = Harness.start(Profile.AZURE, false, dir)) {
            AssistantMessage message = h.run(COUNT, StreamOptions.defaults()).message();
            assertEquals(StopReason.STOP, message.stopReason());
            assertEquals("1, 2, 3", message.text());
            assertEquals(5, message.usage().output());
            assertTrue(message.responseId().startsWith("chatcmpl-"), message.responseId());
        }
    }

    @Test
    void openRouterReasoningAndInStreamOverflowAreAbsorbed() {
        try (Harness h = Harness.start(Profile.OPENROUTER, false, dir)) {
            AssistantMessage thought = h.run(COUNT, THINKING).message();
            assertEquals(StopReason.STOP, thought.stopReason());
            assertEquals("reasoning", assertInstanceOf(ThinkingContent.class,
                    thought.content().get(0)).signature());
            Harness.Result overflow = h.run(Context.ofUser(Fixtures.overflowFiller(
                    ServedModel.CONTEXT_WINDOW)), StreamOptions.defaults());
            assertEquals(ErrorKind.CONTEXT_OVERFLOW, overflow.message().errorKind());
            assertEquals(1, overflow.count(StreamEvent.Start.class), "HTTP 200, then the error");
            assertTrue(overflow.message().errorMessage().startsWith("This endpoint's maximum "
                    + "context length is 16384 tokens."), overflow.message().errorMessage());
        }
    }

    @Test
    void mistralNeedsNineCharacterIds() {
        Context foreign = foreignToolHistory();
        try (Harness h = Harness.start(Profile.MISTRAL, false, dir)) {
            Context parallel = Context.ofUser("Calculate 42 * 17 and 453 + 434 using the "
                    + "math_operation tool.").withTools(List.of(Fixtures.mathOperation()));
            AssistantMessage calls = h.run(parallel, StreamOptions.defaults()).message();
            assertEquals(2, calls.toolCalls().size(), "calls without index, keyed by id");
            assertTrue(calls.toolCalls().get(0).id().matches("[A-Za-z0-9]{9}"));
            Context answered = parallel.with(calls)
                    .with(ToolResultMessage.of(calls.toolCalls().get(0).id(), "math_operation",
                            "714"))
                    .with(ToolResultMessage.of(calls.toolCalls().get(1).id(), "math_operation",
                            "887"));
            assertEquals(StopReason.STOP, h.run(answered, StreamOptions.defaults()).message()
                    .stopReason(), "its own ids round-trip");
            AssistantMessage refused = h.run(foreign, StreamOptions.defaults()).message();
            assertEquals(ErrorKind.INVALID_REQUEST, refused.errorKind());
            assertTrue(refused.errorMessage().startsWith("400: Tool call id was "),
                    refused.errorMessage());
        }
        try (Harness fixed = Harness.start(Profile.MISTRAL, true, dir)) {
            assertEquals(StopReason.STOP, fixed.run(foreign, StreamOptions.defaults()).message()
                    .stopReason());
        }
    }

    @Test
    void groqUsageIsReadFromXGroq() {
        try (Harness h = Harness.start(Profile.GROQ, false, dir)) {
            Usage usage = h.run(COUNT, StreamOptions.defaults()).message().usage();
            assertEquals(5, usage.output());
            assertTrue(usage.input() > 0);
        }
    }

    @Test
    void deepSeekRefusesTheDeveloperRoleAndReasoninglessReplays() {
        Context replay = Context.ofUser("Hi")
                .with(AssistantMessage.of("demo-deepseek", "demo-chat",
                        new TextContent("Hello!")))
                .with(UserMessage.of("Count from 1 to 3"));
        try (Harness h = Harness.start(Profile.DEEPSEEK, false, dir)) {
            AssistantMessage developer = h.run(COUNT, StreamOptions.defaults()).message();
            assertEquals(ErrorKind.INVALID_REQUEST, developer.errorKind());
            assertTrue(developer.errorMessage().contains("unknown variant `developer`"),
                    developer.errorMessage());
            AssistantMessage missing = h.run(replay, THINKING).message();
            assertEquals(ErrorKind.INVALID_REQUEST, missing.errorKind());
            assertTrue(missing.errorMessage().startsWith("400: Missing `reasoning_content` "
                    + "field in the assistant message at message index 1."),
                    missing.errorMessage());
        }
        try (Harness fixed = Harness.start(Profile.DEEPSEEK, true, dir)) {
            assertEquals(StopReason.STOP, fixed.run(COUNT, StreamOptions.defaults()).message()
                    .stopReason());
            AssistantMessage thought = fixed.run(replay, THINKING).message();
            assertEquals(StopReason.STOP, thought.stopReason());
            assertEquals("1, 2, 3", thought.text());
        }
    }

    @Test
    void ollamaTruncatesSilentlyUntilThePrecheckIsOn() {
        Context overflow = Context.ofUser(Fixtures.overflowFiller(ServedModel.CONTEXT_WINDOW));
        try (Harness h = Harness.start(Profile.OLLAMA, false, dir)) {
            assertEquals("reasoning", assertInstanceOf(ThinkingContent.class, h.run(COUNT,
                    THINKING).message().content().get(0)).signature());
            AssistantMessage truncated = h.run(overflow, StreamOptions.defaults()).message();
            assertNull(truncated.errorKind(), "HTTP 200: nothing says the prompt was cut");
            assertTrue(truncated.usage().input() + truncated.usage().cacheRead()
                    <= ServedModel.CONTEXT_WINDOW, truncated.usage().toString());
        }
        try (Harness fixed = Harness.start(Profile.OLLAMA, true, dir)) {
            Harness.Result result = fixed.run(overflow, StreamOptions.defaults());
            assertEquals(ErrorKind.CONTEXT_OVERFLOW, result.message().errorKind());
            assertTrue(fixed.server.requests().isEmpty(), "refused before sending");
        }
    }

    @Test
    void llamaCppQuirksAreAbsorbed() throws Exception {
        try (Harness h = Harness.start(Profile.LLAMACPP, false, dir)) {
            assertEquals("1, 2, 3", h.run(COUNT, StreamOptions.defaults()).message().text());
            Context weather = Context.ofUser("What is the weather in Paris? Use the get_weather "
                    + "tool.").withTools(List.of(Fixtures.getWeather(),
                            Fixtures.empty("get_time")));
            AssistantMessage named = h.run(weather, StreamOptions.builder()
                    .toolChoice(ToolChoice.function("get_time")).build()).message();
            assertEquals("get_weather", named.toolCalls().get(0).name(),
                    "the named choice was treated as auto");
        }
        String yaml = Profile.LLAMACPP.providerYaml(URI.create("http://x/v1"), "k");
        assertTrue(yaml.contains("id: demo-llamacpp"));
        try (ReferenceServer server = ReferenceServer.start(Profile.LLAMACPP, Harness.KEY,
                Duration.ZERO)) {
            Files.createDirectory(dir.resolve("any"));
            try (Harness any = Harness.withYaml(server, server.providerYaml()
                    + "  - id: whatever-model\n", dir.resolve("any"))) {
                AssistantMessage message = any.engine.complete(ModelRef.of("demo-llamacpp",
                        "whatever-model"), COUNT, StreamOptions.defaults()).get();
                assertEquals(StopReason.STOP, message.stopReason(), "any model is accepted");
                assertEquals("demo-chat", message.responseModel());
            }
        }
    }

    @Test
    void localAiNeedsTheMissingFinishReasonAccepted() {
        try (Harness h = Harness.start(Profile.LOCALAI, false, dir)) {
            AssistantMessage message = h.run(COUNT, StreamOptions.defaults()).message();
            assertEquals(ErrorKind.PROTOCOL, message.errorKind());
            assertTrue(message.errorMessage().contains("without finish_reason"));
        }
        try (Harness fixed = Harness.start(Profile.LOCALAI, true, dir)) {
            AssistantMessage message = fixed.run(COUNT, StreamOptions.defaults()).message();
            assertEquals(StopReason.STOP, message.stopReason());
            assertEquals("1, 2, 3", message.text());
            assertEquals(5, message.usage().output(), "the last chunk's usage wins");
        }
    }

    @Test
    void requestFieldRefusalsAreFixedByTheirFlags() {
        assertRefusedThenFixed(Profile.NO_DEVELOPER_ROLE, "developer");
        assertRefusedThenFixed(Profile.NO_MAX_COMPLETION_TOKENS,
                "Unrecognized request argument supplied: max_completion_tokens");
        assertRefusedThenFixed(Profile.NO_STREAM_OPTIONS,
                "Unrecognized request argument supplied: stream_options");
        assertRefusedThenFixed(Profile.NO_STORE, "Unrecognized request argument supplied: store");
    }

    @Test
    void thinkTagsNeedTheTagFlag() {
        try (Harness h = Harness.start(Profile.THINK_TAGS, false, dir)) {
            AssistantMessage message = h.run(COUNT, THINKING).message();
            assertTrue(message.text().startsWith("<think>"), message.text());
            assertTrue(message.content().stream().noneMatch(ThinkingContent.class::isInstance));
        }
        try (Harness fixed = Harness.start(Profile.THINK_TAGS, true, dir)) {
            AssistantMessage message = fixed.run(COUNT, THINKING).message();
            ThinkingContent thought = assertInstanceOf(ThinkingContent.class,
                    message.content().get(0));
            assertFalse(thought.thinking().contains("<think>"));
            assertEquals("1, 2, 3", message.text().strip());
        }
    }

    @Test
    void xaiReasoningTokensNeedTheAccountingFlag() {
        try (Harness h = Harness.start(Profile.XAI, false, dir)) {
            Harness.Result result = h.run(COUNT, THINKING);
            assertEquals(5, result.message().usage().output(), "reasoning left out of output");
            assertTrue(result.deviations().stream().anyMatch(d -> d.startsWith(
                    "usage-total-mismatch")), result.deviations().toString());
        }
        try (Harness fixed = Harness.start(Profile.XAI, true, dir)) {
            Harness.Result result = fixed.run(COUNT, THINKING);
            Usage usage = result.message().usage();
            assertTrue(usage.reasoning() > 0 && usage.output() == usage.reasoning() + 5,
                    usage.toString());
            assertTrue(result.deviations().isEmpty(), result.deviations().toString());
        }
    }

    @Test
    void everyProfilesOverflowIsRecognised() throws Exception {
        Context overflow = Context.ofUser(Fixtures.overflowFiller(ServedModel.CONTEXT_WINDOW));
        for (Profile profile : Profile.values()) {
            if (profile == Profile.OLLAMA) {
                continue; // silent truncation: nothing to recognise, by design
            }
            Path sub = Files.createDirectories(dir.resolve("overflow-" + profile.id()));
            try (Harness h = Harness.start(profile, true, sub)) {
                AssistantMessage message = h.run(overflow, StreamOptions.defaults()).message();
                assertEquals(ErrorKind.CONTEXT_OVERFLOW, message.errorKind(), profile.id() + ": "
                        + message.errorMessage());
            }
        }
    }

    @Test
    void everyProfileAnswersTheBasicScenarioOnceFixed() throws Exception {
        for (Profile profile : Profile.values()) {
            if (profile == Profile.GEMINI_SAFETY || profile == Profile.GEMINI_MALFORMED_CALLS) {
                continue; // no compat flag fixes a filter or malformed calls, by design
            }
            Path sub = Files.createDirectories(dir.resolve("basic-" + profile.id()));
            try (Harness h = Harness.start(profile, true, sub)) {
                AssistantMessage hello = h.run(Context.ofUser("Reply with exactly: 'Hello test "
                        + "successful'").withSystemPrompt("You are a helpful assistant. Be "
                        + "concise."), StreamOptions.defaults()).message();
                assertEquals("Hello test successful", hello.text(), profile.id());
                Context weather = Context.ofUser("What is the weather in Paris? Use the "
                        + "get_weather tool.").withTools(List.of(Fixtures.getWeather()));
                AssistantMessage call = h.run(weather, StreamOptions.builder()
                        .toolChoice(ToolChoice.REQUIRED).build()).message();
                assertEquals(StopReason.TOOL_USE, call.stopReason(), profile.id());
                assertEquals(Map.of("city", "Paris"), call.toolCalls().get(0).arguments());
                ToolCall made = call.toolCalls().get(0);
                AssistantMessage answer = h.run(weather.with(call).with(ToolResultMessage.of(
                        made.id(), made.name(), "sunny, 21C")), StreamOptions.defaults())
                        .message();
                assertEquals("The weather in Paris: sunny, 21C.", answer.text(), profile.id());
                AssistantMessage thought = h.run(COUNT, THINKING).message();
                assertTrue(thought.content().get(0) instanceof ThinkingContent, profile.id());
                assertEquals("1, 2, 3", thought.text().strip(), profile.id());
            }
        }
    }

    private void assertRefusedThenFixed(Profile profile, String expected) {
        Path sub = dir.resolve(profile.id());
        try {
            Files.createDirectories(sub.resolve("fixed"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Harness h = Harness.start(profile, false, sub)) {
            AssistantMessage message = h.run(COUNT, StreamOptions.defaults()).message();
            assertEquals(ErrorKind.INVALID_REQUEST, message.errorKind(), profile.id());
            assertTrue(message.errorMessage().contains(expected), message.errorMessage());
        }
        try (Harness fixed = Harness.start(profile, true, sub.resolve("fixed"))) {
            AssistantMessage message = fixed.run(COUNT, StreamOptions.defaults()).message();
            assertEquals(StopReason.STOP, message.stopReason(), profile.id() + ": "
                    + message.errorMessage());
            assertEquals("1, 2, 3", message.text());
        }
    }

    /** A weather call from another provider whose id is 450 characters, then its result. */
    private static Context foreignToolHistory() {
        ToolCall call = ToolCall.of("x".repeat(200) + "|item=" + "y".repeat(244), "get_weather",
                Map.of("city", "Paris"));
        AssistantMessage other = new AssistantMessage(List.of(call), "openai-completions",
                "other", "other-model", null, null, Usage.ZERO, StopReason.TOOL_USE,
                "tool_calls", null, null, 0);
        return Context.ofUser("What is the weather in Paris?")
                .withTools(List.of(Fixtures.getWeather()))
                .with(other)
                .with(ToolResultMessage.of(call.id(), "get_weather", "sunny, 21C"))
                .with(UserMessage.of("Continue."));
    }
}
