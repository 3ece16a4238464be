package dev.providers.conformance.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.engine.spec.EffectiveCompat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The advisor's rules for errors that name {@code reasoning_content}: a server that misses the
 * field needs it sent; one that refuses it needs the thinking replayed elsewhere or not at all.
 */
class ChatCompletionsAdviceTest {

    /** Groq's rejection of the field, as its 400 body words it. */
    private static final String GROQ = "400: 'messages.1' : for 'role:assistant' the following "
            + "must be satisfied[('messages.1.reasoning_content' : property 'reasoning_content' "
            + "is unsupported)]";
    /** A pydantic server that forbids unknown fields (Mistral's 422). */
    private static final String MISTRAL = "422: {\"detail\":[{\"type\":\"extra_forbidden\","
            + "\"loc\":[\"body\",\"messages\",1,\"assistant\",\"reasoning_content\"],"
            + "\"msg\":\"Extra inputs are not permitted\",\"input\":\"\"}]}";
    /** The same, with only pydantic's message left in the text. */
    private static final String EXTRA_INPUTS = "400: messages.1.reasoning_content: Extra inputs "
            + "are not permitted";
    /** DeepSeek's 400 when a replayed thinking turn lacks the field. */
    private static final String DEEPSEEK = "400: Missing `reasoning_content` field in the "
            + "assistant message at message index 1. For more information, please refer to "
            + "https://api-docs.deepseek.com/guides/thinking_mode#tool-calls";

    private static List<String> advice(Map<String, Object> compat, String error) {
        EffectiveCompat flags = Models.openAi(compat, true).compat();
        List<String> out = new ArrayList<>();
        ChatCompletionsAdvice.fromError(flags, error.toLowerCase(Locale.ROOT), out);
        return out;
    }

    @Test
    void aRefusedFieldMovesTheReplayToReasoning() {
        assertEquals(List.of("reasoningReplayField: reasoning"), advice(Map.of(), GROQ));
    }

    @Test
    void aServerThatForbidsExtraFieldsGetsNoReplayField() {
        assertEquals(List.of("reasoningReplayField: omit"), advice(Map.of(), MISTRAL));
        assertEquals(List.of("reasoningReplayField: omit"), advice(Map.of(), EXTRA_INPUTS));
    }

    @Test
    void aRefusedFieldThatTheFlagAddsAlsoTurnsTheFlagOff() {
        assertEquals(List.of("reasoningReplayField: reasoning",
                "requiresReasoningContentOnAssistantMessages: false"), advice(Map.of(
                        "requiresReasoningContentOnAssistantMessages", true), GROQ));
    }

    @Test
    void aReplayFieldAlreadyMovedIsNotSuggestedAgain() {
        assertEquals(List.of(), advice(Map.of("reasoningReplayField", "reasoning",
                "requiresReasoningContentOnAssistantMessages", false), GROQ).stream()
                .filter(s -> s.startsWith("reasoningReplayField")).toList());
        assertEquals(List.of(), advice(Map.of("reasoningReplayField", "omit"), MISTRAL).stream()
                .filter(s -> s.startsWith("reasoningReplayField")).toList());
    }

    @Test
    void aMissingFieldIsStillSentOnEveryTurn() {
        assertEquals(List.of("requiresReasoningContentOnAssistantMessages: true"),
                advice(Map.of(), DEEPSEEK));
        assertEquals(List.of(), advice(Map.of("requiresReasoningContentOnAssistantMessages",
                true), DEEPSEEK));
    }
}
