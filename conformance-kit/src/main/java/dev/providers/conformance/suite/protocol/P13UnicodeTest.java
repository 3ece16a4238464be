package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireExchange;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ProtocolTier
@Requires(Capability.TOOLS)
@DisplayName("P13 unicode passthrough")
class P13UnicodeTest {

    /** The three tool outputs of the catalogue and the question asked about each. */
    enum Case {
        MIXED_SCRIPTS("emoji, umlauts, CJK, math and curly quotes",
                "Result: 🙈 👍 ❤️ 🤔 🚀 — Grüße aus München, こんにちは, 你好, ∑∫∂√, “quoted” "
                        + "‘text’.",
                "Summarize the tool result briefly.", "🙈"),
        JSON_LIKE("JSON-like text with an emoji inside a string",
                "{\"comments\": [{\"author\": \"ana\", \"text\": \"Great work 👍\"}, "
                        + "{\"author\": \"bo\", \"text\": \"Ship it\"}]}",
                "How many comments are there?", "👍"),
        LONE_SURROGATE("an unpaired high surrogate",
                "The tool returned: partial emoji \uD83D here, and a whole one 🚀.",
                "What did the tool return?", "🚀");

        private final String label;
        final String output;
        final String question;
        final String pairToKeep;

        Case(String label, String output, String question, String pairToKeep) {
            this.label = label;
            this.output = output;
            this.question = question;
            this.pairToKeep = pairToKeep;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A JSON escape of a high surrogate not followed by the escape of a low one. */
    private static final Pattern LONE_ESCAPE = Pattern.compile(
            "\\\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\\\u[dD][c-fC-F])"
                    + "|(?<![\\\\]u[dD][89abAB][0-9a-fA-F]{2})\\\\u[dD][c-fC-F][0-9a-fA-F]{2}");

    @ParameterizedTest(name = "P13 {0} reaches the server intact")
    @EnumSource(Case.class)
    void unicode(Case input, ProviderUnderTest provider) {
        Context context = new Context("You are a helpful assistant.", List.of(
                UserMessage.of("Use the test tool"),
                AssistantMessage.of(provider.ref().provider(), provider.ref().model(),
                        ToolCall.of("tst000001", "test_tool", Map.of())),
                ToolResultMessage.of("tst000001", "test_tool", input.output),
                UserMessage.of(input.question)), List.of(Fixtures.TEST_TOOL));
        StreamRecord record = provider.stream(context, StreamOptions.defaults());
        AssistantMessage message = Expect.answered(provider, record);
        assertFalse(message.content().isEmpty(), "the answer is empty");
        if (input == Case.JSON_LIKE) {
            Expect.hasText(record, message);
        }

        provider.wire("the tool result as the server received it").ifPresent(
                wire -> check(input, record.last(), wire));
    }

    /** Checks the body: valid UTF-8, the tool result's text intact but for lone surrogates. */
    private static void check(Case input, WireExchange exchange, WireView wire) {
        byte[] body = exchange.requestBody();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            fail("the request body is not valid UTF-8: " + e);
        }
        String raw = new String(body, StandardCharsets.UTF_8);
        List<SentRequest.ToolResult> results = wire.request(exchange).toolResults();
        assertFalse(results.isEmpty(), "the tool result was not sent");
        String content = results.get(results.size() - 1).text();
        assertTrue(content.contains(input.pairToKeep), "a valid surrogate pair was damaged: "
                + content);
        assertFalse(content.contains("\uFFFD"), "a character was replaced by U+FFFD: "
                + content);
        assertFalse(hasLoneSurrogate(content), "a lone surrogate was sent: " + content);
        assertFalse(LONE_ESCAPE.matcher(raw).find(), "a lone surrogate was sent as an escape");
        if (input == Case.LONE_SURROGATE) {
            String expected = input.output.replace("\uD83D ", " ");
            assertTrue(content.contains(expected), "only the lone surrogate may go; sent: "
                    + content);
        } else {
            assertTrue(content.contains(input.output), "the tool output changed on its way: "
                    + content);
        }
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
