package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.StreamOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt estimate: characters / 4 rounded up, 4800 characters per image. */
class TokenEstimateTest {

    @TempDir
    Path dir;

    private static JsonNode json(String text) throws Exception {
        return WireJson.MAPPER.readTree(text);
    }

    @Test
    void countsTextContentAndRoundsUp() throws Exception {
        JsonNode messages = json("[{\"role\":\"system\",\"content\":\"12345678\"},"
                + "{\"role\":\"user\",\"content\":\"1\"}]");
        assertEquals(3, TokenEstimate.estimate(messages, null));
        assertEquals(0, TokenEstimate.estimate(json("[]"), null));
    }

    @Test
    void anImageCounts4800CharactersWhateverItsSize() throws Exception {
        JsonNode messages = json("[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"abcd\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
                + "\"data:image/png;base64,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}}]}]");
        assertEquals((4 + 4800) / 4, TokenEstimate.estimate(messages, null));
    }

    @Test
    void countsReasoningToolCallsAndToolDefinitions() throws Exception {
        JsonNode messages = json("[{\"role\":\"assistant\",\"content\":null,"
                + "\"reasoning_content\":\"abcd\",\"tool_calls\":[{\"id\":\"ignored-id\","
                + "\"type\":\"function\",\"function\":{\"name\":\"fn\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"ignored\",\"content\":\"ok\"}]");
        assertEquals(3, TokenEstimate.estimate(messages, null));
        JsonNode tools = json("[{\"a\":1}]");
        assertEquals(5, TokenEstimate.estimate(messages, tools));
    }

    @Test
    void theEncoderReportsTheEstimateOfWhatItSends() {
        EncodedRequest request = RequestEncoder.encode(
                TestModels.load(dir, "{}", TestModels.CHAT), CompatFlagCases.hello(),
                StreamOptions.defaults());
        // "You are a helpful assistant." (28) + "Hello" (5) = 33 characters
        assertEquals(9, request.estimatedPromptTokens());
        assertEquals(4096, request.maxTokensSent());
    }

    @Test
    void theEncoderCountsPlaceholdersAndImagesAsSent() {
        EncodedRequest textOnly = RequestEncoder.encode(
                TestModels.load(dir, "{}", TestModels.CHAT), ReplayCases.images(),
                StreamOptions.defaults());
        EncodedRequest vision = RequestEncoder.encode(
                TestModels.load(dir, "{}", TestModels.VISION), ReplayCases.images(),
                StreamOptions.defaults());
        assertEquals(true, vision.estimatedPromptTokens() > 6 * 4800 / 4);
        assertEquals(true, textOnly.estimatedPromptTokens() < 4800 / 4);
    }
}
