package dev.providers.conformance.wire;

import dev.providers.conformance.api.ReceivedResponse;
import dev.providers.conformance.api.SentRequest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireExchange;
import dev.providers.conformance.api.WireView;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.conformance.api.ReceivedResponse.Frame;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The wire view of {@code google-generative-ai}: Gemini's {@code GenerateContentRequest} and its
 * {@code alt=sse} responses (docs/dialects/google-generative-ai.md), read the way the suite needs
 * them. Gemini always streams usage, so there is no usage switch for P09; the model's own
 * thinking replays as {@code thought} parts.
 *
 * <p>Thread-safety: stateless.
 */
public final class GeminiView implements WireView {

    /** The dialect this view reads. */
    public static final String API = "google-generative-ai";

    private static final Pattern TOOL_CALL_IDS = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    /** Creates the view; {@code WireViews} holds the one the kit uses. */
    public GeminiView() { }

    @Override
    public String api() {
        return API;
    }

    @Override
    public SentRequest request(WireExchange exchange) {
        return GeminiRequests.read(exchange);
    }

    @Override
    public ReceivedResponse response(WireExchange exchange) {
        String type = contentType(exchange);
        if (type != null && !type.startsWith("text/event-stream")
                && !type.startsWith("application/json")) {
            // Google's front end answers unknown paths with an HTML page: nothing to read in it
            return new ReceivedResponse(List.of(new Frame(null, exchange.responseText())),
                    Set.of("a " + type + " body"), List.of(), List.of(), Set.of(), List.of(),
                    null, null, null, null);
        }
        return GeminiResponses.read(SseFrames.of(exchange));
    }

    private static @Nullable String contentType(WireExchange exchange) {
        for (Map.Entry<String, String> header : exchange.responseHeaders()) {
            if (header.getKey().equalsIgnoreCase("content-type")) {
                return header.getValue().toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
            }
        }
        return null;
    }

    /** Returns true: Gemini sends {@code usageMetadata} on every answer, unasked. */
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

    /** Returns: the model's own thinking replays as {@code thought} parts. */
    @Override
    public ThinkingReplay thinkingReplay(ResolvedModel model, @Nullable String signature) {
        return new ThinkingReplay(ThinkingReplay.Kind.AS_THINKING, GeminiRequests.THOUGHT);
    }

    /** Returns the status's kind, except Google's 400 for a key that is not valid: AUTH. */
    @Override
    public ErrorKind errorKind(int status, String message) {
        return status == 400 && message.contains("API key not valid") ? ErrorKind.AUTH
                : WireView.super.errorKind(status, message);
    }

    @Override
    public List<String> requestShapeProblems(ResolvedModel model, WireExchange exchange) {
        return GeminiShape.problems(model, exchange);
    }

    @Override
    public List<String> suggest(ResolvedModel model, StreamRecord record,
            AssistantMessage message) {
        return GeminiAdvice.suggest(model, record, message);
    }

    @Override
    public String toString() {
        return "GeminiView";
    }
}
