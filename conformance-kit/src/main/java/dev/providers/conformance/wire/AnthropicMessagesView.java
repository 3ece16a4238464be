package dev.providers.conformance.wire;

import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireExchange;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.registry.ResolvedModel;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The wire view of {@code anthropic-messages}: Messages request bodies and their event streams
 * (docs/dialects/anthropic-messages.md), read the way the suite needs them, with the compat
 * flags deciding replay, the request's shape and the advisor's suggestions. A Messages stream
 * always carries usage: there is no switch to turn it off, so P09 is skipped with that reason.
 *
 * <p>Thread-safety: stateless.
 */
public final class AnthropicMessagesView implements WireView {

    /** The dialect this view reads. */
    public static final String API = "anthropic-messages";

    private static final Pattern TOOL_CALL_IDS = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /** Creates the view; {@code WireViews} holds the one the kit uses. */
    public AnthropicMessagesView() { }

    @Override
    public String api() {
        return API;
    }

    @Override
    public SentRequest request(WireExchange exchange) {
        return MessagesRequests.read(exchange);
    }

    @Override
    public ReceivedResponse response(WireExchange exchange) {
        return MessagesEvents.read(SseFrames.of(exchange));
    }

    @Override
    public boolean expectsUsage(ResolvedModel model) {
        return true;
    }

    @Override
    public String contextPrecheckFlag() {
        return "contextPrecheck";
    }

    @Override
    public Pattern toolCallIds() {
        return TOOL_CALL_IDS;
    }

    /**
     * Signed thinking replays as a {@code thinking} block; unsigned thinking as text, or as an
     * unsigned {@code thinking} block where {@code requiresThinkingSignature} is false.
     */
    @Override
    public ThinkingReplay thinkingReplay(ResolvedModel model, @Nullable String signature) {
        boolean signed = signature != null && !signature.isBlank();
        if (!signed && model.compat().flag("requiresThinkingSignature")) {
            return new ThinkingReplay(ThinkingReplay.Kind.AS_TEXT, null);
        }
        return new ThinkingReplay(ThinkingReplay.Kind.AS_THINKING, "thinking");
    }

    @Override
    public List<String> requestShapeProblems(ResolvedModel model, WireExchange exchange) {
        return MessagesShape.problems(model, exchange);
    }

    @Override
    public List<String> suggest(ResolvedModel model, StreamRecord record,
            AssistantMessage message) {
        return MessagesAdvice.suggest(model, record, message);
    }

    @Override
    public String toString() {
        return "AnthropicMessagesView";
    }
}
