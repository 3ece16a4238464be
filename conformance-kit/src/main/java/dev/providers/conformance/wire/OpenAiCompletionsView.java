package dev.providers.conformance.wire;

import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireExchange;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The wire view of {@code openai-completions}: chat-completions bodies and their SSE chunks
 * (docs/dialects/openai-completions.md), read the way the suite needs them, with the compat
 * flags deciding usage, replay, the request's shape and the advisor's suggestions.
 *
 * <p>Thread-safety: stateless.
 */
public final class OpenAiCompletionsView implements WireView {

    /** The dialect this view reads. */
    public static final String API = "openai-completions";

    private static final Pattern TOOL_CALL_IDS = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final String DEFAULT_REPLAY_FIELD = "reasoning_content";

    /** Creates the view; {@code WireViews} holds the one the kit uses. */
    public OpenAiCompletionsView() { }

    @Override
    public String api() {
        return API;
    }

    @Override
    public SentRequest request(WireExchange exchange) {
        return ChatCompletionsRequests.read(exchange);
    }

    @Override
    public ReceivedResponse response(WireExchange exchange) {
        return ChatCompletionsChunks.read(SseFrames.of(exchange));
    }

    @Override
    public boolean expectsUsage(ResolvedModel model) {
        return model.compat().flag("supportsUsageInStreaming");
    }

    @Override
    public Map<String, Object> usageOffCompat() {
        return Map.of("supportsUsageInStreaming", false);
    }

    @Override
    public String contextPrecheckFlag() {
        return "contextPrecheck";
    }

    @Override
    public Pattern toolCallIds() {
        return TOOL_CALL_IDS;
    }

    @Override
    public ThinkingReplay thinkingReplay(ResolvedModel model, @Nullable String signature) {
        EffectiveCompat compat = model.compat();
        if (compat.flag("requiresThinkingAsText")) {
            return new ThinkingReplay(ThinkingReplay.Kind.AS_TEXT, null);
        }
        String field = compat.string("reasoningReplayField");
        if ("omit".equals(field)) {
            return new ThinkingReplay(ThinkingReplay.Kind.OMITTED, null);
        }
        if (field == null || field.equals("auto")) {
            // the engine replays under the field the thinking came in, else the common one
            field = signature != null && ChatCompletionsChunks.REASONING_FIELDS.contains(
                    signature) ? signature : DEFAULT_REPLAY_FIELD;
        }
        return new ThinkingReplay(ThinkingReplay.Kind.AS_THINKING, field);
    }

    @Override
    public List<String> requestShapeProblems(ResolvedModel model, WireExchange exchange) {
        return ChatCompletionsShape.problems(model, ChatCompletionsRequests.body(exchange));
    }

    @Override
    public List<String> suggest(ResolvedModel model, StreamRecord record,
            AssistantMessage message) {
        return ChatCompletionsAdvice.suggest(model, record, message);
    }

    @Override
    public String toString() {
        return "OpenAiCompletionsView";
    }
}
