package dev.providers.engine.internal.openai;

import static dev.providers.engine.internal.openai.Fixtures.call;
import static dev.providers.engine.internal.openai.Fixtures.foreign;
import static dev.providers.engine.internal.openai.Fixtures.own;
import static dev.providers.engine.internal.openai.Fixtures.text;
import static dev.providers.engine.internal.openai.Fixtures.thinking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.ModelRef;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.UserMessage;
import dev.providers.engine.registry.ProviderRegistry;
import dev.providers.engine.registry.ResolvedModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 20: other models' thinking is replayed as text a blank line apart from the answer,
 * and the model's own thinking goes under the field {@code reasoningReplayField} names, so that
 * servers that reject {@code reasoning_content} (Groq, Cerebras) or every reasoning field
 * (Mistral) get a request they accept.
 */
class ThinkingReplayTest {

    private static final Path SHIPPED = Path.of("..", "providers.d");

    @TempDir
    Path dir;

    private static Context turn(AssistantMessage assistant) {
        return new Context(null, List.of(UserMessage.of("Hi"), assistant,
                UserMessage.of("And?")), List.of());
    }

    private JsonNode assistant(String compat, String model, AssistantMessage turn) {
        return assistant(TestModels.load(dir, compat, model), turn);
    }

    private static JsonNode assistant(ResolvedModel model, AssistantMessage turn) {
        return RequestEncoder.encode(model, turn(turn), StreamOptions.defaults()).body()
                .get("messages").get(1);
    }

    @Test
    void foreignThinkingIsABlankLineApartFromTheAnswerByteForByte() {
        // before the fix: "content":"foreign thoughthello"
        byte[] body = RequestEncoder.encode(TestModels.load(dir, "{}", TestModels.CHAT),
                turn(foreign(thinking("foreign thought", "reasoning_content"), text("hello"))),
                StreamOptions.defaults()).bytes();
        assertEquals("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"foreign thought\\n\\nhello\"},"
                + "{\"role\":\"user\",\"content\":\"And?\"}],\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"max_tokens\":4096}",
                new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void thinkingBetweenTextsIsSeparatedOnBothSides() {
        JsonNode sent = assistant("{}", TestModels.CHAT, foreign(text("First."),
                thinking("Now the tool.", null), call("tst000001", "get_time", Map.of()),
                thinking("  ", null), new ThinkingContent("opaque", "sig", true),
                thinking("And again.", "reasoning"), text("Done.")));
        assertEquals("First.\n\nNow the tool.\n\nAnd again.\n\nDone.",
                sent.get("content").textValue());
        assertEquals("tst000001", sent.at("/tool_calls/0/id").asText());
    }

    @Test
    void foreignTextsWithoutThinkingStayJoinedAsTheWireJoinsThem() {
        JsonNode sent = assistant("{}", TestModels.CHAT, foreign(text("Hello "), text("world.")));
        assertEquals("Hello world.", sent.get("content").textValue());
    }

    @Test
    void foreignThinkingAloneIsTheWholeText() {
        JsonNode sent = assistant("{}", TestModels.CHAT, foreign(thinking("Just a thought.",
                "reasoning"), call("tst000001", "get_time", Map.of())));
        assertEquals("Just a thought.", sent.get("content").textValue());
    }

    @Test
    void autoReplaysUnderTheFieldTheThinkingCameIn() {
        assertEquals(List.of("role", "content", "reasoning"), fields(assistant("{}",
                TestModels.THINKER, own("thinker", thinking("t", "reasoning"), text("a")))));
        assertEquals(List.of("role", "content", "reasoning_content"), fields(assistant("{}",
                TestModels.THINKER, own("thinker", thinking("t", null), text("a")))));
    }

    @Test
    void aNamedFieldCarriesAllOwnThinking() {
        // what Groq and Cerebras need: reasoning_content is a 400 there
        for (String signature : new String[] {null, "reasoning_content", "reasoning_text"}) {
            JsonNode sent = assistant("{reasoningReplayField: reasoning}", TestModels.THINKER,
                    own("thinker", thinking("t1", signature), thinking("t2", signature),
                            text("a")));
            assertEquals(List.of("role", "content", "reasoning"), fields(sent));
            assertEquals("t1\nt2", sent.get("reasoning").textValue());
        }
    }

    @Test
    void omitSendsNoReasoningFieldButKeepsTheTurn() {
        JsonNode sent = assistant("{reasoningReplayField: omit}", TestModels.THINKER,
                own("thinker", thinking("t", "reasoning_content"),
                        call("tst000001", "get_time", Map.of())));
        assertEquals(List.of("role", "content", "tool_calls"), fields(sent));
    }

    @Test
    void thinkingAsTextWinsOverTheField() {
        JsonNode sent = assistant("{requiresThinkingAsText: true, reasoningReplayField: omit}",
                TestModels.THINKER, own("thinker", thinking("t", "reasoning"), text("a")));
        assertEquals("[{\"type\":\"text\",\"text\":\"t\"},{\"type\":\"text\",\"text\":\"a\"}]",
                WireJson.text(sent.get("content")));
    }

    @Test
    void requiresReasoningContentStillAddsItsEmptyField() {
        JsonNode sent = assistant("{reasoningReplayField: reasoning, "
                + "requiresReasoningContentOnAssistantMessages: true}", TestModels.THINKER,
                own("thinker", thinking("t", null), text("a")));
        assertEquals("t", sent.get("reasoning").textValue());
        assertEquals("", sent.get("reasoning_content").textValue());
    }

    @Test
    void theGroqCatalogEntryNeverSendsReasoningContent() {
        ProviderRegistry shipped = ProviderLoader.create().load(SHIPPED).requireValid();
        ResolvedModel model = shipped.model(ModelRef.of("groq", "openai/gpt-oss-120b"));
        assertEquals("reasoning", model.compat().string("reasoningReplayField"));
        // unsigned thinking went under reasoning_content before: Groq's 400
        JsonNode sent = assistant(model, AssistantMessage.of("groq", "openai/gpt-oss-120b",
                thinking("t", null), text("a")));
        assertFalse(sent.has("reasoning_content"), sent.toString());
        assertEquals("t", sent.get("reasoning").textValue());
    }

    @Test
    void theMistralCatalogEntrySendsNoReasoningField() {
        ProviderRegistry shipped = ProviderLoader.create().load(SHIPPED).requireValid();
        ResolvedModel model = shipped.model(ModelRef.of("mistral", "mistral-small-2506"));
        assertEquals("omit", model.compat().string("reasoningReplayField"));
        JsonNode sent = assistant(model, AssistantMessage.of("mistral", "mistral-small-2506",
                thinking("t", null), text("a")));
        assertEquals(List.of("role", "content"), fields(sent));
    }

    @Test
    void everyOtherCatalogEntryKeepsTheDefault() {
        ProviderRegistry shipped = ProviderLoader.create().load(SHIPPED).requireValid();
        shipped.providers().forEach(provider -> provider.models().forEach(spec -> {
            ResolvedModel model = shipped.model(ModelRef.of(provider.id(), spec.id()));
            if (!model.api().equals(RequestEncoder.API)) {
                return; // the flag belongs to chat completions
            }
            String field = model.compat().string("reasoningReplayField");
            boolean special = provider.id().equals("groq") || provider.id().equals("mistral");
            assertTrue(special || "auto".equals(field), provider.id() + ": " + field);
        }));
    }

    private static List<String> fields(JsonNode message) {
        List<String> names = new ArrayList<>();
        message.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
