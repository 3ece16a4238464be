package dev.providers.conformance.suite.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProtocolTier;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.ImageContent;
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
        ImageContent circle = Fixtures.redCircle();
        Context context = new Context(null, List.of(UserMessage.of(
                new TextContent("What do you see in this image?"), circle)), List.of());
        StreamRecord record = provider.stream(context, StreamOptions.defaults());
        AssistantMessage message = record.await();
        if (!message.stopReason().isNormal()) {
            throw new AssertionError("the model declares input: [text, image] but the image "
                    + "was rejected: " + Expect.describe(message) + "; if it cannot see, "
                    + "declare input: [text]");
        }
        Expect.hasText(record, message);
        provider.wire("how the image was sent").ifPresent(wire -> {
            List<SentRequest.Image> images = wire.request(record.last()).messages().get(0)
                    .images();
            assertTrue(images.stream().anyMatch(i -> "image/png".equals(i.mimeType())
                    && i.data().equals(circle.data())), "the image was not sent inline as "
                    + "image/png with its bytes: " + images.stream().map(i -> i.mimeType()
                    + " (" + i.data().length() + " characters)").toList());
        });
    }
}
