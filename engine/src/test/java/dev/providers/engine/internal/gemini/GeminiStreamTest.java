package dev.providers.engine.internal.gemini;

import static dev.providers.engine.internal.gemini.GeminiWire.decode;
import static dev.providers.engine.internal.gemini.GeminiWire.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stream rules of docs/dialects/google-generative-ai.md §4, each with the exact bytes a
 * server sends: every body is decoded whole and one byte per read, and its events checked
 * against the grammar.
 */
class GeminiStreamTest {

    private static final String META = "\"modelVersion\":\"gemini-2.5-flash\","
            + "\"responseId\":\"resp-7\"";

    private static String text(String text) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],"
                + "\"role\":\"model\"},\"index\":0}]," + META + "}";
    }

    private static String finish(String reason, String usage) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"" + reason + "\",\"index\":0}],\"usageMetadata\":"
                + usage + "," + META + "}";
    }

    private static final String USAGE = "{\"promptTokenCount\":12,\"candidatesTokenCount\":4,"
            + "\"totalTokenCount\":16}";

    @Test
    void textDeltasMakeOneTextBlockAndStopEndsTheAnswer() {
        GeminiWire.Result r = decode(sse(text("Hel"), text("lo, "), text("world"),
                finish("STOP", USAGE)));
        assertEquals(List.of("text_start 0", "text_delta 0 Hel", "text_delta 0 lo, ",
                "text_delta 0 world", "text_end 0 Hello, world", "done STOP STOP"),
                r.rendered());
        assertEquals("resp-7", r.message().responseId());
        assertEquals(List.of(), r.deviations());
    }

    @Test
    void usageMetadataRepeatsAndTheLastOneWins() {
        String early = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],"
                + "\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":"
                + "100,\"candidatesTokenCount\":1,\"totalTokenCount\":101}," + META + "}";
        String last = finish("STOP", "{\"promptTokenCount\":100,\"candidatesTokenCount\":7,"
                + "\"totalTokenCount\":157,\"cachedContentTokenCount\":60,"
                + "\"thoughtsTokenCount\":50,\"promptTokensDetails\":[{\"modality\":\"TEXT\","
                + "\"tokenCount\":100}]}");
        Usage usage = decode(sse(early, last)).message().usage();
        // input excludes the cached prompt; output includes the thoughts
        assertEquals(40, usage.input());
        assertEquals(60, usage.cacheRead());
        assertEquals(57, usage.output());
        assertEquals(50, usage.reasoning());
        assertEquals(157, usage.totalTokens());
    }

    @Test
    void usageOnlyOnTheLastChunkIsRead() {
        GeminiWire.Result r = decode(sse(text("a"), text("b"), finish("STOP", USAGE)));
        assertEquals(12, r.message().usage().input());
        assertEquals(4, r.message().usage().output());
    }

    @Test
    void aWireTotalThatDisagreesIsRecordedOnce() {
        String bad = "{\"promptTokenCount\":12,\"candidatesTokenCount\":4,\"totalTokenCount\":99}";
        GeminiWire.Result r = decode(sse(finish("STOP", bad)));
        assertEquals(List.of("usage-total-mismatch: wire totalTokenCount 99 != computed 16"),
                r.deviations());
        assertEquals(16, r.message().usage().totalTokens());
    }

    @Test
    void thoughtPartsAreThinkingAndKeepTheirSignature() {
        String thought1 = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Let me \","
                + "\"thought\":true}],\"role\":\"model\"},\"index\":0}]," + META + "}";
        String thought2 = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"count.\","
                + "\"thought\":true,\"thoughtSignature\":\"c2lnLTE=\"}],\"role\":\"model\"},"
                + "\"index\":0}]," + META + "}";
        GeminiWire.Result r = decode(sse(thought1, thought2, text("1, 2, 3"),
                finish("STOP", USAGE)));
        assertEquals(List.of("thinking_start 0", "thinking_delta 0 Let me ",
                "thinking_delta 0 count.", "text_start 1", "text_delta 1 1, 2, 3",
                "thinking_end 0 c2lnLTE= Let me count.", "text_end 1 1, 2, 3",
                "done STOP STOP"), r.rendered());
        assertEquals(new ThinkingContent("Let me count.", "c2lnLTE=", false),
                r.message().content().get(0));
    }

    @Test
    void aSignatureOnTextIsNotThinkingAndAddsNoBlock() {
        String signed = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\","
                + "\"thoughtSignature\":\"dGV4dC1zaWc=\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":" + USAGE + ","
                + META + "}";
        GeminiWire.Result r = decode(sse(text("Hello"), signed));
        assertEquals(List.of("text_start 0", "text_delta 0 Hello", "text_end 0 Hello",
                "done STOP STOP"), r.rendered());
    }

    @Test
    void textAfterThinkingAfterTextOpensNewBlocksInOrder() {
        String thought = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hmm\","
                + "\"thought\":true}],\"role\":\"model\"},\"index\":0}]," + META + "}";
        GeminiWire.Result r = decode(sse(text("a"), thought, text("b"), finish("STOP", USAGE)));
        assertEquals(List.of("text_start 0", "text_delta 0 a", "thinking_start 1",
                "thinking_delta 1 hmm", "text_start 2", "text_delta 2 b", "text_end 0 a",
                "thinking_end 1 null hmm", "text_end 2 b", "done STOP STOP"), r.rendered());
    }

    @Test
    void functionCallsArriveWholeSeveralPerChunkAndStopMeansToolUse() {
        String calls = "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":"
                + "\"get_weather\",\"args\":{\"city\":\"Paris\"},\"id\":\"fc-1\"},"
                + "\"thoughtSignature\":\"Q2FsbFNpZw==\"},{\"functionCall\":{\"name\":"
                + "\"get_time\",\"args\":{},\"id\":\"fc-2\"}}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":" + USAGE + ","
                + META + "}";
        GeminiWire.Result r = decode(sse(calls));
        assertEquals(List.of("toolcall_start 0 fc-1 get_weather",
                "toolcall_delta 0 {\"city\":\"Paris\"}",
                "toolcall_end 0 {city=Paris} Q2FsbFNpZw==",
                "toolcall_start 1 fc-2 get_time", "toolcall_delta 1 {}",
                "toolcall_end 1 {} null", "done TOOL_USE STOP"), r.rendered());
        // STOP with calls is Gemini's normal way to call tools, not a deviation
        assertEquals(List.of(), r.deviations());
        assertEquals(new ToolCall("fc-1", "get_weather", Map.of("city", "Paris"),
                "Q2FsbFNpZw=="), r.message().toolCalls().get(0));
    }

    @Test
    void callsWithoutIdsGetUniqueSynthesisedIdsRecordedAsDeviations() {
        String call = "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":"
                + "\"math\",\"args\":{\"a\":1}}},{\"functionCall\":{\"name\":\"math\","
                + "\"args\":{\"a\":2}}}],\"role\":\"model\"},\"index\":0}]," + META + "}";
        GeminiWire.Result r = decode(sse(call, finish("STOP", USAGE)));
        assertEquals(List.of("call_resp-7_0", "call_resp-7_1"), r.message().toolCalls()
                .stream().map(ToolCall::id).toList());
        assertEquals(List.of("synthesized-tool-call-id: the server sent no id for function "
                + "call 'math'; using call_resp-7_0", "synthesized-tool-call-id: the server "
                + "sent no id for function call 'math'; using call_resp-7_1"), r.deviations());
        assertEquals(StopReason.TOOL_USE, r.message().stopReason());
    }

    @Test
    void withoutAResponseIdSynthesisedIdsComeFromTheFreshIdSource() {
        String call = "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":"
                + "\"math\",\"args\":{}}}],\"role\":\"model\"},\"finishReason\":\"STOP\","
                + "\"index\":0}]}";
        GeminiWire.Result r = decode(sse(call));
        assertEquals("call_fresh1", r.message().toolCalls().get(0).id());
    }

    @Test
    void maxTokensIsALengthStop() {
        GeminiWire.Result r = decode(sse(text("Hel"), finish("MAX_TOKENS", USAGE)));
        assertEquals(StopReason.LENGTH, r.message().stopReason());
        assertEquals("MAX_TOKENS", r.message().rawStopReason());
    }

    @Test
    void filterReasonsAreContentFilterErrorsThatKeepWhatArrived() {
        for (String reason : List.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
                "SPII", "IMAGE_SAFETY")) {
            GeminiWire.Result r = decode(sse(text("Partial"), finish(reason, USAGE)));
            assertEquals(List.of("text_start 0", "text_delta 0 Partial", "text_end 0 Partial",
                    "error CONTENT_FILTER " + reason + " the answer was blocked (finishReason "
                    + reason + ")"), r.rendered(), reason);
            assertEquals(16, r.message().usage().totalTokens(), "usage is kept");
        }
    }

    @Test
    void malformedAndUnexpectedCallsAreProtocolErrorsWithTheFinishMessage() {
        String malformed = "{\"candidates\":[{\"content\":{\"parts\":[]},\"finishReason\":"
                + "\"MALFORMED_FUNCTION_CALL\",\"finishMessage\":\"Malformed function call: "
                + "print(get_weather(city=Paris\",\"index\":0}],\"usageMetadata\":" + USAGE
                + "," + META + "}";
        GeminiWire.Result r = decode(sse(malformed));
        assertEquals(List.of("error PROTOCOL MALFORMED_FUNCTION_CALL the model produced a "
                + "malformed function call (finishReason MALFORMED_FUNCTION_CALL): Malformed "
                + "function call: print(get_weather(city=Paris"), r.rendered());
        GeminiWire.Result unexpected = decode(sse(finish("UNEXPECTED_TOOL_CALL", USAGE)));
        assertEquals(ErrorKind.PROTOCOL, unexpected.message().errorKind());
    }

    @Test
    void otherLanguageAndUnknownReasonsAreProtocolErrors() {
        for (String reason : List.of("OTHER", "LANGUAGE", "FINISH_REASON_UNSPECIFIED",
                "SOMETHING_NEW")) {
            GeminiWire.Result r = decode(sse(text("x"), finish(reason, USAGE)));
            assertEquals(ErrorKind.PROTOCOL, r.message().errorKind(), reason);
            assertEquals(reason, r.message().rawStopReason());
        }
    }

    @Test
    void aBlockedPromptIsAContentFilterError() {
        String blocked = "{\"promptFeedback\":{\"blockReason\":\"SAFETY\",\"safetyRatings\":[{"
                + "\"category\":\"HARM_CATEGORY_DANGEROUS_CONTENT\",\"probability\":\"HIGH\"}]},"
                + "\"usageMetadata\":{\"promptTokenCount\":9,\"totalTokenCount\":9}," + META
                + "}";
        GeminiWire.Result r = decode(sse(blocked));
        assertEquals(List.of("error CONTENT_FILTER SAFETY the prompt was blocked "
                + "(promptFeedback.blockReason SAFETY)"), r.rendered());
        assertEquals(9, r.message().usage().input());
    }

    @Test
    void theEndOfTheBodyWithoutAFinishReasonIsAProtocolError() {
        GeminiWire.Result r = decode(sse(text("Hello"), text(" there")));
        assertEquals(List.of("text_start 0", "text_delta 0 Hello", "text_delta 0  there",
                "text_end 0 Hello there", "error PROTOCOL null the stream ended without a "
                + "finishReason"), r.rendered());
        assertEquals("Hello there", r.message().text(), "what arrived is kept");
    }

    @Test
    void anErrorObjectInTheStreamEndsItWithItsKind() {
        String error = "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please "
                + "try again later.\",\"status\":\"UNAVAILABLE\"}}";
        GeminiWire.Result r = decode(sse(text("Hi"), error));
        assertEquals(List.of("text_start 0", "text_delta 0 Hi", "text_end 0 Hi",
                "error SERVER null UNAVAILABLE: The model is overloaded. Please try again "
                + "later."), r.rendered());
    }

    @Test
    void anErrorInsideAOneElementArrayIsReadAndRecorded() {
        String error = "[{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted "
                + "(e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}}]";
        GeminiWire.Result r = decode(sse(error));
        assertEquals(ErrorKind.RATE_LIMIT, r.message().errorKind());
        assertEquals("RESOURCE_EXHAUSTED: Resource has been exhausted (e.g. check quota).",
                r.message().errorMessage());
        assertEquals(List.of("error-array: an error object inside a one-element array"),
                r.deviations());
    }

    @Test
    void errorKindsFollowTheCanonicalStatusTheKeyAndTheOverflowText() {
        Map<String, ErrorKind> cases = Map.of(
                "{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":"
                        + "\"NOT_FOUND\"}", ErrorKind.NOT_FOUND,
                "{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                        + "\"status\":\"INVALID_ARGUMENT\"}", ErrorKind.AUTH,
                "{\"code\":403,\"message\":\"Permission denied\",\"status\":"
                        + "\"PERMISSION_DENIED\"}", ErrorKind.AUTH,
                "{\"code\":404,\"message\":\"models/x is not found\",\"status\":\"NOT_FOUND\"}",
                ErrorKind.MODEL_NOT_FOUND,
                "{\"code\":400,\"message\":\"The input token count (1200000) exceeds the "
                        + "maximum number of tokens allowed (1048576).\",\"status\":"
                        + "\"INVALID_ARGUMENT\"}", ErrorKind.CONTEXT_OVERFLOW,
                "{\"code\":400,\"message\":\"Invalid value\",\"status\":\"INVALID_ARGUMENT\"}",
                ErrorKind.INVALID_REQUEST,
                "{\"code\":500,\"message\":\"An internal error has occurred.\",\"status\":"
                        + "\"INTERNAL\"}", ErrorKind.SERVER,
                "{\"code\":504,\"message\":\"Deadline expired\",\"status\":"
                        + "\"DEADLINE_EXCEEDED\"}", ErrorKind.TIMEOUT);
        cases.forEach((error, kind) -> assertEquals(kind, decode(sse("{\"error\":" + error
                + "}")).message().errorKind(), error));
    }

    @Test
    void unknownFieldsAndPartTypesAreSkippedAndRecordedOnce() {
        String odd = "{\"candidates\":[{\"content\":{\"parts\":[{\"executableCode\":{"
                + "\"language\":\"PYTHON\",\"code\":\"print(1)\"}},{\"text\":\"ok\"}],"
                + "\"role\":\"model\"},\"index\":0,\"newCandidateField\":1}],\"newTop\":true,"
                + META + "}";
        GeminiWire.Result r = decode(sse(odd, odd, finish("STOP", USAGE)));
        assertEquals("okok", r.message().text());
        assertEquals(List.of("unknown-field: newTop (skipped)",
                "unknown-field: candidates[].newCandidateField (skipped)",
                "unknown-part: executableCode (skipped)"), r.deviations());
    }

    @Test
    void invalidJsonIsAProtocolErrorNamingThePayload() {
        GeminiWire.Result r = decode(sse(text("a"), "{\"candidates\": [oops"));
        assertEquals(ErrorKind.PROTOCOL, r.message().errorKind());
        assertTrue(r.message().errorMessage().startsWith("invalid JSON in the stream ("),
                r.message().errorMessage());
        assertTrue(r.message().errorMessage().endsWith("{\"candidates\": [oops"));
    }

    @Test
    void aJsonArrayAnswerWithoutSseIsReadWhole() {
        GeminiWire.Result r = GeminiWire.decodeJson("[" + text("Hello") + ",\r\n"
                + finish("STOP", USAGE) + "]");
        assertEquals(List.of("text_start 0", "text_delta 0 Hello", "text_end 0 Hello",
                "done STOP STOP"), r.rendered());
        assertEquals(List.of("response-array: responses inside a JSON array"), r.deviations());
    }

    @Test
    void candidatesBeyondTheFirstAreSkipped() {
        String two = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"one\"}]},"
                + "\"index\":0},{\"content\":{\"parts\":[{\"text\":\"two\"}]},\"index\":1}],"
                + META + "}";
        GeminiWire.Result r = decode(sse(two, finish("STOP", USAGE)));
        assertEquals("one", r.message().text());
        assertEquals(List.of("extra-candidate: candidates beyond the first, skipped"),
                r.deviations());
    }
}
