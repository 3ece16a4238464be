package dev.providers.conformance.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireExchange;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The wire view of {@code openai-responses}: Responses request bodies and their event streams
 * (docs/dialects/openai-responses.md), read the way the suite needs them, with the compat flags
 * deciding replay, the request's shape, stop sequences and the advisor's suggestions. Usage
 * always streams in this dialect (the final event carries it), so there is no switch for P09.
 *
 * <p>Thread-safety: stateless.
 */
public final class OpenAiResponsesView implements WireView {

    /** The dialect this view reads. */
    public static final String API = "openai-responses";

    private static final Pattern TOOL_CALL_IDS = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Creates the view; {@code WireViews} holds the one the kit uses. */
    public OpenAiResponsesView() { }

    @Override
    public String api() {
        return API;
    }

    @Override
    public SentRequest request(WireExchange exchange) {
        return ResponsesRequests.read(exchange);
    }

    @Override
    public ReceivedResponse response(WireExchange exchange) {
        return ResponsesEvents.read(SseFrames.of(exchange));
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
    public @Nullable String stopSequencesUnsupported(ResolvedModel model) {
        return model.compat().flag("supportsStopSequences") ? null : "the dialect " + API
                + " sends no stop sequences to this model (compat.supportsStopSequences is "
                + "false: OpenAI's Responses API has none)";
    }

    @Override
    public Pattern toolCallIds() {
        return TOOL_CALL_IDS;
    }

    /**
     * A thinking block goes back as the reasoning item its signature holds when the server can
     * take it (encrypted content, reasoning text, or a server that stores items); else it is
     * left out. Foreign thinking never gets here: it is text.
     */
    @Override
    public ThinkingReplay thinkingReplay(ResolvedModel model, @Nullable String signature) {
        JsonNode item = item(signature);
        if (item == null) {
            return new ThinkingReplay(ThinkingReplay.Kind.OMITTED, null);
        }
        EffectiveCompat compat = model.compat();
        boolean text = false;
        for (JsonNode part : item.path("content")) {
            text |= !part.path("text").asText("").isEmpty();
        }
        boolean replayable = !item.path("encrypted_content").asText("").isEmpty() || text
                || !compat.flag("supportsStore");
        return replayable ? new ThinkingReplay(ThinkingReplay.Kind.AS_THINKING,
                ResponsesRequests.REASONING) : new ThinkingReplay(ThinkingReplay.Kind.OMITTED,
                null);
    }

    @Override
    public List<String> requestShapeProblems(ResolvedModel model, WireExchange exchange) {
        return ResponsesShape.problems(model, ChatCompletionsRequests.body(exchange));
    }

    @Override
    public List<String> suggest(ResolvedModel model, StreamRecord record,
            AssistantMessage message) {
        return ResponsesAdvice.suggest(model, record, message);
    }

    private static @Nullable JsonNode item(@Nullable String signature) {
        if (signature == null || !signature.startsWith("{")) {
            return null;
        }
        try {
            JsonNode item = MAPPER.readTree(signature);
            return item != null && "reasoning".equals(item.path("type").asText()) ? item : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "OpenAiResponsesView";
    }
}
