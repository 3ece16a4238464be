package dev.providers.conformance.suite.behaviour;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Attempts;
import dev.providers.conformance.api.BehaviourTier;
import dev.providers.conformance.api.ConfigKeys;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@BehaviourTier
@DisplayName("B11 cross-provider handoff")
class B11HandoffTest {

    private static final String SYSTEM = "You are a helpful assistant. Use the provided tool "
            + "to complete the task.";

    @Test
    @DisplayName("B11 each endpoint continues a conversation the other one started")
    void handoff(ProviderUnderTest provider) throws Exception {
        ProviderUnderTest other = provider.handoff().orElse(null);
        Assumptions.assumeTrue(other != null, "needs a second endpoint: set "
                + ConfigKeys.HANDOFF_MODEL + " (CLI --handoff-model PROVIDER/MODEL)");
        Attempts.run(provider, attempt -> {
            List<Message> mine = transcript(provider);
            List<Message> theirs = transcript(other);
            confirm(provider, theirs);
            confirm(other, mine);
        });
    }

    /** Doubles 21 with the tool and answers the call with 42; returns the conversation. */
    private static List<Message> transcript(ProviderUnderTest endpoint) {
        Context context = new Context(SYSTEM, List.of(UserMessage.of("Please double the "
                + "number 21 using the double_number tool.")), List.of(Fixtures.DOUBLE_NUMBER));
        AssistantMessage call = Expect.answered(endpoint,
                endpoint.stream(context, StreamOptions.defaults()));
        List<Message> messages = new ArrayList<>(context.messages());
        messages.add(call);
        for (ToolCall each : call.toolCalls()) {
            messages.add(ToolResultMessage.of(each.id(), each.name(), "42"));
        }
        return messages;
    }

    private static void confirm(ProviderUnderTest target, List<Message> foreign) {
        Context context = new Context(SYSTEM, foreign, List.of(Fixtures.DOUBLE_NUMBER))
                .with(UserMessage.of("Great, thanks for all that help! Now just say 'Hello, "
                        + "handoff successful!' to confirm you received everything."));
        AssistantMessage answer = Expect.answered(target,
                target.stream(context, StreamOptions.defaults()));
        assertTrue(answer.text().toLowerCase(Locale.ROOT).contains("handoff successful"),
                target.ref() + " did not confirm the handoff: " + answer.text());
    }
}
