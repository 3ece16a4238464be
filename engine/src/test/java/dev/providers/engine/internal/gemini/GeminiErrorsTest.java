package dev.providers.engine.internal.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.providers.engine.message.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Google's error bodies as the decoder's hooks read them before the engine's status rules. */
class GeminiErrorsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private final GeminiDecoder decoder = new GeminiDecoder(message -> false);

    @Test
    void retryInfoDelaysAreProtobufDurations() {
        assertEquals(Duration.ofSeconds(17), GeminiErrors.duration("17s"));
        assertEquals(Duration.ofMillis(500), GeminiErrors.duration("0.5s"));
        assertEquals(Duration.ofNanos(1_123_456_789), GeminiErrors.duration("1.123456789s"));
        assertNull(GeminiErrors.duration("17"));
        assertNull(GeminiErrors.duration("-1s"));
        assertNull(GeminiErrors.duration("1234567890s"), "beyond nine digits is not a delay");
    }

    @Test
    void theDelayIsReadFromAnObjectOrAnArrayBody() {
        String object = "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":"
                + "[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":"
                + "\"3s\"}]}}";
        assertEquals(Duration.ofSeconds(3), decoder.retryDelay(429, bytes(object)));
        assertEquals(Duration.ofSeconds(3), decoder.retryDelay(429, bytes("[" + object + "]")));
        assertNull(decoder.retryDelay(429, bytes("{\"error\":{\"code\":429}}")));
        assertNull(decoder.retryDelay(429, bytes("<html>busy</html>")));
    }

    @Test
    void onlyTheKeyGoogleRejectsWithA400ChangesTheKind() {
        assertEquals(ErrorKind.AUTH, decoder.errorKind(400, "400: x", bytes("{\"error\":{"
                + "\"code\":400,\"message\":\"x\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{"
                + "\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":"
                + "\"API_KEY_INVALID\"}]}}")));
        assertNull(decoder.errorKind(400, "400: Bad", bytes("{\"error\":{\"code\":400,"
                + "\"message\":\"Bad\",\"status\":\"INVALID_ARGUMENT\"}}")),
                "every other error goes by its status");
        assertNull(decoder.errorKind(502, "502: (no body)", new byte[0]));
    }

    @Test
    void a404IsAnUnknownModelOnlyWhenGooglesErrorNamesOne() {
        assertEquals(ErrorKind.MODEL_NOT_FOUND, decoder.errorKind(404, "404: x", bytes("[{"
                + "\"error\":{\"code\":404,\"message\":\"models/xyz is not found for API "
                + "version v1beta, or is not supported for generateContent.\",\"status\":"
                + "\"NOT_FOUND\"}}]")));
        // a gateway's own 404 in Google's shape, an HTML page, a proxy's text: the status
        // rules decide, which name the path that was missed
        assertNull(decoder.errorKind(404, "404: Method not found.", bytes("{\"error\":{"
                + "\"code\":404,\"message\":\"Method not found.\",\"status\":"
                + "\"NOT_FOUND\"}}")));
        assertNull(decoder.errorKind(404, "404: x", bytes("<html><title>Error 404 (Not Found)"
                + "</title><p>The requested URL <code>/v1/models/xyz:generateContent</code> was "
                + "not found on this server.</html>")));
        assertNull(decoder.errorKind(404, "404: 404 page not found",
                bytes("404 page not found")));
        // a model named in another error than NOT_FOUND is not a missing model
        assertNull(decoder.errorKind(404, "404: x", bytes("{\"error\":{\"code\":400,"
                + "\"message\":\"models/xyz needs a prompt\",\"status\":"
                + "\"INVALID_ARGUMENT\"}}")));
    }
}
