package dev.providers.engine.internal.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.message.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** W14: statuses × body shapes give the right kind and an exact {@code <status>: <text>}. */
class HttpErrorsTest {

    private static final int[] W14_STATUSES = {400, 401, 403, 404, 408, 413, 422, 429, 500, 502,
        503};

    private static final String NGINX_502 = "<html>\r\n<head><title>502 Bad Gateway</title>"
            + "</head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
            + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private static final int MEGABYTE = 1 << 20;

    /** One body shape: its bytes, its Content-Type and the text the message must carry. */
    private record Shape(String name, byte[] body, String contentType, String expected) {
        static Shape of(String name, String body, String contentType, String expected) {
            return new Shape(name, body.getBytes(StandardCharsets.UTF_8), contentType, expected);
        }
    }

    private static List<Shape> shapes() {
        String megabyte = "a".repeat(MEGABYTE);
        return List.of(
                Shape.of("OpenAI object", "{\"error\":{\"message\":\"Incorrect API key provided:"
                        + " sk-abc***xyz.\",\"type\":\"invalid_request_error\",\"param\":null,"
                        + "\"code\":\"invalid_api_key\"}}", "application/json",
                        "Incorrect API key provided: sk-abc***xyz."),
                Shape.of("llama.cpp object", "{\"error\":{\"code\":400,\"message\":\"'messages'"
                        + " is required\",\"type\":\"invalid_request_error\"}}",
                        "application/json; charset=utf-8", "'messages' is required"),
                Shape.of("Spring Boot", "{\"timestamp\":\"2025-05-01T10:00:00.000+00:00\","
                        + "\"status\":500,\"error\":\"Internal Server Error\","
                        + "\"path\":\"/chat/completions\"}", "application/json",
                        "Internal Server Error"),
                Shape.of("plain text", "upstream connect error or disconnect/reset before"
                        + " headers. reset reason: connection failure\n", "text/plain",
                        "upstream connect error or disconnect/reset before headers. reset"
                        + " reason: connection failure"),
                Shape.of("HTML page", NGINX_502, "text/html", "502 Bad Gateway nginx"),
                Shape.of("empty", "", "application/json", "(no body)"),
                Shape.of("1 MB", megabyte, "text/plain",
                        "a".repeat(4000) + "… [truncated " + (MEGABYTE - 4000) + " chars]"),
                new Shape("invalid UTF-8", new byte[] {'b', 'a', 'd', ' ', (byte) 0xC3, '(', ' ',
                    (byte) 0xFF, (byte) 0xFE, ' ', 'e', 'n', 'd'}, "text/plain; charset=utf-8",
                        "bad \uFFFD( \uFFFD\uFFFD end"));
    }

    static Stream<Arguments> w14() {
        List<Arguments> cases = new ArrayList<>();
        for (int status : W14_STATUSES) {
            for (Shape shape : shapes()) {
                cases.add(Arguments.of(status, shape.name(), shape));
            }
        }
        return cases.stream();
    }

    private static final Map<Integer, ErrorKind> KINDS = Map.ofEntries(
            Map.entry(400, ErrorKind.INVALID_REQUEST), Map.entry(401, ErrorKind.AUTH),
            Map.entry(403, ErrorKind.AUTH), Map.entry(404, ErrorKind.NOT_FOUND),
            Map.entry(408, ErrorKind.TIMEOUT), Map.entry(413, ErrorKind.INVALID_REQUEST),
            Map.entry(422, ErrorKind.INVALID_REQUEST), Map.entry(429, ErrorKind.RATE_LIMIT),
            Map.entry(500, ErrorKind.SERVER), Map.entry(502, ErrorKind.SERVER),
            Map.entry(503, ErrorKind.SERVER));

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("w14")
    void w14StatusTimesBodyShape(int status, String name, Shape shape) {
        String message = HttpErrors.message(status, shape.body(), shape.contentType());

        assertEquals(status + ": " + shape.expected(), message);
        assertEquals(KINDS.get(status), HttpErrors.kindOf(status));
        int marker = message.indexOf("… [truncated ");
        int text = (marker < 0 ? message.length() : marker) - (status + ": ").length();
        assertTrue(text <= HttpErrors.MAX_BODY_CHARS, "at most 4000 characters of body");
    }

    @ParameterizedTest
    @CsvSource({
        "400, INVALID_REQUEST", "401, AUTH", "403, AUTH", "404, NOT_FOUND", "405,"
                + " INVALID_REQUEST", "408, TIMEOUT", "409, INVALID_REQUEST",
        "413, INVALID_REQUEST", "422, INVALID_REQUEST", "429, RATE_LIMIT", "499, INVALID_REQUEST",
        "500, SERVER", "501, SERVER", "502, SERVER", "503, SERVER", "504, SERVER", "529, SERVER",
        "599, SERVER", "302, PROTOCOL", "100, PROTOCOL"})
    void kindOfStatus(int status, ErrorKind kind) {
        assertEquals(kind, HttpErrors.kindOf(status));
    }

    @Test
    void openRouterRawIsAppendedOnANewLine() {
        String body = "{\"error\":{\"message\":\"Provider returned error\",\"code\":400,"
                + "\"metadata\":{\"raw\":\"{\\\"error\\\":{\\\"message\\\":\\\"This model's"
                + " maximum context length is 8192 tokens.\\\"}}\",\"provider_name\":"
                + "\"Together\"}},\"user_id\":\"user_123\"}";

        String message = message(400, body, "application/json");

        assertEquals("400: Provider returned error\n{\"error\":{\"message\":\"This model's maximum"
                + " context length is 8192 tokens.\"}}", message);
        assertTrue(OverflowDetector.defaults().matchesMessage(message));
    }

    @Test
    void openRouterRawObjectIsSerialised() {
        String body = "{\"error\":{\"message\":\"Provider returned error\",\"code\":502,"
                + "\"metadata\":{\"raw\":{\"detail\":\"upstream down\"}}}}";
        assertEquals("502: Provider returned error\n{\"detail\":\"upstream down\"}",
                message(502, body, "application/json"));
    }

    @Test
    void llamaCppErrorBodiesFromThePeer() {
        assertEquals("401: Invalid API Key", message(401, "{\"error\":{\"message\":\"Invalid API"
                + " Key\",\"type\":\"authentication_error\",\"code\":401}}", null));
        assertEquals("404: File Not Found", message(404, "{\"error\":{\"message\":\"File Not"
                + " Found\",\"type\":\"not_found_error\",\"code\":404}}", null));
        String overflow = message(400, "{\"error\":{\"code\":400,\"message\":\"the request"
                + " exceeds the available context size, try increasing it\",\"type\":"
                + "\"exceed_context_size_error\",\"n_prompt_tokens\":5000,\"n_ctx\":4096}}",
                "application/json");
        assertEquals("400: the request exceeds the available context size, try increasing it",
                overflow);
        assertTrue(OverflowDetector.defaults().matchesMessage(overflow));
    }

    @Test
    void mockBodiesWithAStringErrorAndAMessage() {
        assertEquals("400: invalid_request: model is required", message(400,
                "{\"error\":\"invalid_request\",\"message\":\"model is required\"}", null));
        assertEquals("400: Bad Request", message(400,
                "{\"error\":\"Bad Request\",\"message\":\"Bad Request\"}", null));
    }

    @Test
    void springBootBodiesWithAndWithoutAMessage() {
        String withMessage = "{\"timestamp\":\"2025-05-01T10:00:00.000+00:00\",\"status\":500,"
                + "\"error\":\"Internal Server Error\",\"message\":\"Prompt length 5000 exceeds"
                + " max_tokens 4096\",\"path\":\"/chat/completions\"}";
        assertEquals("500: Internal Server Error: Prompt length 5000 exceeds max_tokens 4096",
                message(500, withMessage, "application/json"));
        String placeholder = "{\"timestamp\":\"2025-05-01T10:00:00.000+00:00\",\"status\":501,"
                + "\"error\":\"Not Implemented\",\"message\":\"No message available\","
                + "\"path\":\"/chat/completions\"}";
        assertEquals("501: Not Implemented", message(501, placeholder, "application/json"));
    }

    @Test
    void otherJsonShapes() {
        assertEquals("400: API key not valid. Please pass a valid API key.", message(400,
                "[{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid"
                + " API key.\",\"status\":\"INVALID_ARGUMENT\"}}]", "application/json"));
        assertEquals("404: Not Found", message(404, "{\"detail\":\"Not Found\"}", null));
        assertEquals("400: model not loaded", message(400, "{\"message\":\"model not loaded\"}",
                null));
        assertEquals("422: {\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"field"
                + " required\"}]}", message(422, "{\"detail\":[{\"loc\":[\"body\",\"messages\"],"
                + "\"msg\":\"field required\"}]}", null), "unknown shapes stay raw");
        assertEquals("500: {\"error\":{\"message\":\"\",\"type\":\"server_error\"}}",
                message(500, "{\"error\":{\"message\":\"\",\"type\":\"server_error\"}}", null),
                "an empty message falls back to the raw body");
        assertEquals("500: {\"error\": {\"message\": \"cut", message(500,
                "{\"error\": {\"message\": \"cut", "application/json"), "malformed JSON");
        assertEquals("500: [1, 2]", message(500, "[1, 2]", null));
    }

    @Test
    void jsonWithInvalidUtf8IsDecodedWithReplacement() {
        byte[] prefix = "{\"error\":{\"message\":\"bad ".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = " byte\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 1 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xFF;
        System.arraycopy(suffix, 0, body, prefix.length + 1, suffix.length);

        assertEquals("400: bad \uFFFD byte", HttpErrors.message(400, body, "application/json"));
    }

    @Test
    void aMegabyteJsonMessageIsTruncated() {
        String body = "{\"error\":{\"message\":\"" + "b".repeat(MEGABYTE) + "\"}}";
        assertEquals("500: " + "b".repeat(4000) + "… [truncated " + (MEGABYTE - 4000) + " chars]",
                message(500, body, "application/json"));
    }

    @Test
    void truncationBoundaries() {
        assertEquals("400: " + "c".repeat(4000), message(400, "c".repeat(4000), null));
        assertEquals("400: " + "c".repeat(4000) + "… [truncated 1 chars]",
                message(400, "c".repeat(4001), null));
        String pair = "c".repeat(3999) + "\uD83D\uDE00" + "c".repeat(10);
        assertEquals("400: " + "c".repeat(3999) + "… [truncated 12 chars]",
                message(400, pair, null), "a surrogate pair is never split");
    }

    @Test
    void blankBodiesReadAsNoBody() {
        assertEquals("413: (no body)", message(413, " \r\n\t ", "text/plain"));
        assertEquals("400: (no body)", HttpErrors.message(400, new byte[0], null));
        assertEquals("400: (no body)", message(400, "<html><body>  </body></html>", "text/html"));
    }

    @Test
    void plainTextIsTrimmedAndKeepsItsLines() {
        assertEquals("502: upstream failed\nretry later", message(502,
                "\n  upstream failed\r\nretry later  \n", "text/plain"));
        assertEquals("400: a < b and c > d", message(400, "a < b and c > d", null));
    }

    @Test
    void controlCharactersAreRemoved() {
        assertEquals("500: [31mred[0m\nnext\ttab", message(500,
                "\u001B[31mred\u001B[0m\rnext\ttab\u0000\u0007", "text/plain"));
    }

    @Test
    void charsetComesFromTheContentType() {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("400: café", HttpErrors.message(400, latin1,
                "text/plain; charset=ISO-8859-1"));
        assertEquals("400: café", HttpErrors.message(400, latin1,
                "text/plain;charset=\"iso-8859-1\""));
        byte[] utf8 = "café".getBytes(StandardCharsets.UTF_8);
        assertEquals("400: café", HttpErrors.message(400, utf8, "text/plain; charset=bogus-42"));
        assertEquals("400: café", HttpErrors.message(400, utf8, "text/plain; charset=\"\""));
        byte[] bom = "\uFEFF{\"error\":{\"message\":\"with BOM\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("400: with BOM", HttpErrors.message(400, bom, "application/json"));
    }

    @Test
    void htmlPagesAreReducedToTheirVisibleText() {
        String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Error</title><style>body { color: red; }</style>"
                + "<script>var secret = 1;</script></head><body><header>Gateway</header>"
                + "<!-- a comment --><h1>Service&nbsp;Unavailable</h1><p>Try &quot;again&quot;"
                + " &amp; again &#8212; or &#x2014; later. &bogus; &lt;b&gt;</p>"
                + "<script type=\"text/javascript\">track();</script></body></html>";
        assertEquals("503: Gateway Service Unavailable Try \"again\" & again — or — later."
                + " &bogus; <b>", message(503, page, null));
    }

    @Test
    void anHtmlPageWithoutBodyTextFallsBackToItsTitle() {
        assertEquals("403: Access denied", message(403,
                "<html><head><title>Access denied</title></head><body></body></html>", null));
        assertEquals("500: Oops", message(500, "<h1>Oops</h1>", "text/html; charset=utf-8"));
    }

    @Test
    void longHtmlPagesAreKeptShort() {
        String page = "<html><body><p>" + "word ".repeat(400) + "</p></body></html>";
        String message = message(502, page, "text/html");
        String text = "word ".repeat(400).strip();
        assertEquals("502: " + text.substring(0, 500) + "… [truncated " + (text.length() - 500)
                + " chars]", message);
    }

    @Test
    void unclosedMarkupEndsTheText() {
        assertEquals("502: before", message(502, "<html><body>before<script>never closed",
                null));
        assertEquals("502: before", message(502, "<html><body>before<!-- never closed", null));
        assertEquals("502: before", message(502, "<html><body>before<div class=", null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // what servers answer for a model they do not serve: each names it
        "404: The model `gpt-nope` does not exist or you do not have access to it.|gpt-nope"
                + "|MODEL_NOT_FOUND",
        "404: model \"qwen9:1b\" not found, try pulling it first|qwen9:1b|MODEL_NOT_FOUND",
        "404: models/Gemini-9 is not found for API version v1beta|gemini-9|MODEL_NOT_FOUND",
        "404: not found (code model_not_found)|x|MODEL_NOT_FOUND",
        // what servers answer for a path that does not exist
        "404: File Not Found|llama|NOT_FOUND",
        "404: 404 page not found|qwen3:8b|NOT_FOUND",
        "404: Not Found|m|NOT_FOUND",
        "404: Invalid URL (POST /v1/chat/completionsx)|gpt-4o|NOT_FOUND",
        // a page quoting a URL that holds the model (Gemini's) names a path, not the model
        "404: Error 404 (Not Found)!!1 404. That’s an error. The requested URL /v1/models/"
                + "gemini-9:streamGenerateContent was not found on this server.|gemini-9"
                + "|NOT_FOUND",
        "404: Cannot POST \"/api/models/gemini-9:generateContent\"|gemini-9|NOT_FOUND",
        "404: no route https://h/v1/models/gemini-9:generateContent|gemini-9|NOT_FOUND",
        // ... while the same text elsewhere in the message still names it
        "404: /v1/models/gemini-9:x: model gemini-9 is not served|gemini-9|MODEL_NOT_FOUND",
        "404: model /models/q.gguf not loaded|/models/q.gguf|MODEL_NOT_FOUND"})
    void a404IsAMissingModelOnlyWhenItNamesTheModel(String message, String model,
            ErrorKind kind) {
        assertEquals(kind, HttpErrors.notFoundKind(message, model));
    }

    @Test
    void aWrongPathSaysWhichPathWithoutTheQuery() {
        assertEquals("404: Not Found (nothing at /v1/chat/completions/chat/completions; check the "
                + "provider's baseUrl)", HttpErrors.withPath("404: Not Found", java.net.URI
                        .create("http://h:1/v1/chat/completions/chat/completions?key=secret")));
    }

    private static String message(int status, String body, String contentType) {
        return HttpErrors.message(status, body.getBytes(StandardCharsets.UTF_8), contentType);
    }
}
