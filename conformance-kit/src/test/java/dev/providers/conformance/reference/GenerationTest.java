package dev.providers.conformance.reference;

import static dev.providers.conformance.reference.Requests.body;
import static dev.providers.conformance.reference.Requests.parse;
import static dev.providers.conformance.reference.Requests.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pieces, limits, stop sequences, thinking and token counts. */
class GenerationTest {

    @Test
    void cutsTextIntoWordPieces() {
        assertEquals(List.of("1", ",", " 2", ",", " 3"), Tokens.pieces("1, 2, 3"));
        assertEquals(List.of("{\"", "city", "\":\"", "Paris", "\"}"),
                Tokens.pieces("{\"city\":\"Paris\"}"));
        String mixed = "Hello 🙈 world!\n\nこんにちは ";
        assertEquals(mixed, String.join("", Tokens.pieces(mixed)));
    }

    @Test
    void stopsAtTheLimitWithLength() throws ApiError {
        Output out = output(body(user("Count from 1 to 3")).put("max_completion_tokens", 2));
        assertEquals("1,", out.text());
        assertEquals("length", out.finishReason());
        assertEquals(2, out.usage().completion());
    }

    @Test
    void cutsAtTheFirstStopSequence() throws ApiError {
        ObjectNode body = body(user("Count from 1 to 3"));
        body.putArray("stop").add(", 3").add(" 2");
        Output out = output(body);
        assertEquals("1,", out.text());
        assertEquals("stop", out.finishReason());
    }

    @Test
    void thinksOnlyWhenAskedAndCountsReasoning() throws ApiError {
        Output plain = output(body(user("Count from 1 to 3")));
        assertTrue(plain.reasoning().isEmpty());
        Output thinking = output(body(user("Count from 1 to 3")).put("reasoning_effort",
                "medium"));
        assertTrue(thinking.reasoning().size() > 3);
        assertEquals(thinking.reasoning().size() + 5, thinking.usage().completion());
        assertEquals(thinking.reasoning().size(), thinking.usage().reasoning());
        Output none = output(body(user("Count from 1 to 3")).put("reasoning_effort", "none"));
        assertTrue(none.reasoning().isEmpty());
    }

    @Test
    void putsReasoningInThinkTagsForThatProfile() throws ApiError {
        ObjectNode body = body(user("Count from 1 to 3")).put("reasoning_effort", "low");
        ChatRequest request = parse(body, Profile.THINK_TAGS);
        Output out = Generation.of(request, Brain.reply(request), Profile.THINK_TAGS,
                new Ids(new byte[0], 1, false), 10, 0);
        assertTrue(out.text().startsWith("<think>"), out.text());
        assertTrue(out.text().endsWith("</think>\n\n1, 2, 3"), out.text());
        assertTrue(out.reasoning().isEmpty());
    }

    @Test
    void numbersToolCallsDeterministically() {
        Ids ids = new Ids("same body".getBytes(), 1, false);
        Ids again = new Ids("same body".getBytes(), 2, false);
        assertTrue(ids.toolCall(0).matches("call_[A-Za-z0-9]{24}"), ids.toolCall(0));
        assertEquals(ids.toolCall(0), again.toolCall(0));
        assertTrue(!ids.toolCall(0).equals(ids.toolCall(1)));
        assertTrue(!ids.completion("chatcmpl-").equals(again.completion("chatcmpl-")));
        assertTrue(new Ids("x".getBytes(), 1, true).toolCall(0).matches("[A-Za-z0-9]{9}"));
    }

    @Test
    void countsPromptsAndCachesPrefixes() throws ApiError {
        String system = Fixtures.longSystemPrompt();
        ChatRequest first = parse(body(Requests.system(system), user("What is 2 + 2? Reply "
                + "with just the number.")));
        PromptCache cache = new PromptCache();
        assertEquals(0, cache.cachedTokens(first));
        ChatRequest second = parse(body(Requests.system(system), user("What is 2 + 2? Reply "
                + "with just the number."), Requests.message("assistant", "4"),
                user("What is 3 + 3? Reply with just the number.")));
        int cached = cache.cachedTokens(second);
        assertTrue(cached >= PromptCache.MIN_TOKENS && cached % PromptCache.BLOCK == 0,
                "cached " + cached);
        assertTrue(cached < Tokens.prompt(second));
    }

    private static Output output(ObjectNode body) throws ApiError {
        ChatRequest request = parse(body);
        return Generation.of(request, Brain.reply(request), Profile.OPENAI,
                new Ids(new byte[0], 1, false), Tokens.prompt(request), 0);
    }
}
