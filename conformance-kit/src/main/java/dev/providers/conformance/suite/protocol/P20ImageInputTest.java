package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ProtocolTier
@Requires(Capability.IMAGES)
@DisplayName("P20 image input accepted")
class P20ImageInputTest {

    @Test
    @DisplayName("P20 a model that declares image input accepts an image")
    void imageAccepted(ProviderUnderTest provider) {
        Context context = new Context(null, List.of(UserMessage.of(
                new TextContent("What do you see in this image?"), Fixtures.redCircle())),
                List.of());
        StreamRecord record = provider.stream(context, StreamOptions.defaults());
        AssistantMessage message = record.await();
        if (!message.stopReason().isNormal()) {
            throw new AssertionError("the model declares input: [text, image] but the image "
                    + "was rejected: " + Expect.describe(message) + "; if it cannot see, "
                    + "declare input: [text]");
        }
        Expect.hasText(record, message);
        boolean sent = false;
        for (JsonNode part : record.requestJson().at("/messages/0/content")) {
            sent |= "image_url".equals(part.path("type").asText()) && part.at("/image_url/url")
                    .asText().startsWith("data:image/png;base64,");
        }
        assertTrue(sent, "the image was not sent as an image_url data URL");
    }
}
