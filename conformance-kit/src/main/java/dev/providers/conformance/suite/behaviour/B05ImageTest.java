package dev.providers.conformance.suite.behaviour;

import dev.providers.conformance.api.Attempts;
import dev.providers.conformance.api.BehaviourTier;
import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
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

@BehaviourTier
@Requires(Capability.IMAGES)
@DisplayName("B05 image")
class B05ImageTest {

    static final String DESCRIBE = "What do you see in this image? Please describe the shape "
            + "(circle, rectangle, square, triangle, ...) and color (red, blue, green, ...). "
            + "You MUST reply in English.";

    @Test
    @DisplayName("B05 the model sees a red circle")
    void redCircle(ProviderUnderTest provider) throws Exception {
        Attempts.run(provider, attempt -> {
            StreamRecord record = provider.stream(new Context(null, List.of(UserMessage.of(
                    new TextContent(DESCRIBE), Fixtures.redCircle())), List.of()),
                    StreamOptions.defaults());
            AssistantMessage message = Expect.answeredWithText(provider, record);
            mentionsRedCircle(message);
        });
    }

    /** Requires a text block that names the colour and the shape (no vacuous pass). */
    static void mentionsRedCircle(AssistantMessage message) {
        String text = message.text().toLowerCase(java.util.Locale.ROOT);
        if (!text.contains("red") || !text.contains("circle")) {
            throw new AssertionError("the text does not say 'red' and 'circle': "
                    + message.text());
        }
    }
}
