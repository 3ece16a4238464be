package dev.providers.conformance.suite.behaviour;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.api.Attempts;
import dev.providers.conformance.api.BehaviourTier;
import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Expect;
import dev.providers.conformance.api.Fixtures;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Context;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.ThinkingContent;
import dev.providers.engine.message.ToolCall;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@BehaviourTier
@Requires(Capability.TOOLS)
@DisplayName("B03 multi-turn tools")
class B03MultiTurnToolsTest {

    private static final int MAX_TURNS = 5;

    @Test
    @DisplayName("B03 42 * 17 and 453 + 434 over several turns of tool calls")
    void multiTurn(ProviderUnderTest provider) throws Exception {
        Attempts.run(provider, attempt -> {
            Context context = new Context("You are a helpful assistant that can use tools to "
                    + "answer questions.", List.of(UserMessage.of("Think about this briefly, "
                    + "then calculate 42 * 17 and 453 + 434 using the math_operation tool.")),
                    List.of(Fixtures.MATH_OPERATION));
            StringBuilder text = new StringBuilder();
            boolean thoughtOrCalled = false;
            for (int turn = 1; turn <= MAX_TURNS; turn++) {
                AssistantMessage message = Expect.answered(provider,
                        provider.stream(context, StreamOptions.defaults()));
                text.append(message.text()).append('\n');
                context = context.with(message);
                thoughtOrCalled |= !message.toolCalls().isEmpty() || message.content().stream()
                        .anyMatch(ThinkingContent.class::isInstance);
                for (ToolCall call : message.toolCalls()) {
                    context = context.with(ToolResultMessage.of(call.id(), call.name(),
                            compute(call)));
                }
                if (message.stopReason() == StopReason.STOP) {
                    break;
                }
            }
            assertTrue(thoughtOrCalled, "neither thinking nor a tool call in any turn");
            assertTrue(text.toString().contains("714"), "the text lacks 714 (42 * 17): " + text);
            assertTrue(text.toString().contains("887"), "the text lacks 887 (453 + 434): "
                    + text);
        });
    }

    /** Runs math_operation: add and multiply; anything else gives 0, as the catalogue says. */
    static String compute(ToolCall call) {
        double a = number(call.arguments().get("a"));
        double b = number(call.arguments().get("b"));
        double result = switch (String.valueOf(call.arguments().get("operation"))) {
            case "add" -> a + b;
            case "multiply" -> a * b;
            default -> 0;
        };
        return result == Math.rint(result) ? Long.toString((long) result)
                : Double.toString(result);
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
