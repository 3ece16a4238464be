package dev.providers.conformance.api;

import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.registry.ResolvedModel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the kit reads one dialect's wire: the request the engine sent and the response the server
 * streamed, as dialect-neutral values, plus the few rules of the dialect a test needs to judge
 * them. The suite reads the wire only through a view, so that its tests run unchanged for every
 * dialect that has one; a dialect without a view (a user's own) still runs every event-level
 * test, and the wire-specific ones are skipped with the reason.
 *
 * <p>One view serves one {@code api} id (see {@link WireViews}); adding a dialect to the kit is
 * one class that implements this interface. Experimental, like the engine's dialect SPI.
 *
 * <p>Thread-safety: implementations must be stateless or thread-safe.
 */
public interface WireView {

    /** Returns the {@code api} id of the dialect this view reads ({@code openai-completions}). */
    String api();

    /**
     * Reads the request body of one exchange.
     *
     * @throws AssertionError if the body is not a request of this dialect, saying why
     */
    SentRequest request(WireExchange exchange);

    /**
     * Reads the response of one exchange as the server sent it; what cannot be read (a line
     * that is not JSON, a frame of an unknown type) is kept in the framing notes, never thrown.
     */
    ReceivedResponse response(WireExchange exchange);

    /** Returns whether the engine asks the server for usage in streams of this model. */
    boolean expectsUsage(ResolvedModel model);

    /**
     * Returns the compat flags that stop the engine from asking for usage (P09), or an empty map
     * when the dialect always gets usage and there is nothing to switch off.
     */
    default Map<String, Object> usageOffCompat() {
        return Map.of();
    }

    /**
     * Returns the boolean compat flag that makes the engine refuse a prompt too long for the
     * model's context window before sending it (P12), or null when the dialect has none.
     */
    default @Nullable String contextPrecheckFlag() {
        return null;
    }

    /**
     * Returns why the engine sends no stop sequences to this model (P03b is then skipped with
     * this reason), or null when it sends them; by default it does.
     */
    default @Nullable String stopSequencesUnsupported(ResolvedModel model) {
        return null;
    }

    /** Returns the tool-call ids this dialect's servers accept; foreign ids become such ids. */
    Pattern toolCallIds();

    /**
     * Returns how a thinking block of this model is sent back when its turn is replayed, by the
     * model's compat flags; {@code signature} is the signature the block arrived with, or null.
     */
    ThinkingReplay thinkingReplay(ResolvedModel model, @Nullable String signature);

    /**
     * Returns what is wrong with a request's shape by this dialect's rules and the model's
     * compat flags (P18): fields the flags imply, fields they forbid. Empty when it is right.
     */
    List<String> requestShapeProblems(ResolvedModel model, WireExchange exchange);

    /**
     * Returns the error kind the engine must report for an HTTP error answer of this dialect,
     * {@code message} being the engine's {@code <status>: <text>}; the default goes by the
     * status alone (docs/dialects/openai-completions.md §8.1), for dialects whose servers say
     * nothing more in the body.
     */
    default ErrorKind errorKind(int status, String message) {
        return switch (status) {
            case 401, 403 -> ErrorKind.AUTH;
            case 404 -> ErrorKind.MODEL_NOT_FOUND;
            case 408 -> ErrorKind.TIMEOUT;
            case 429 -> ErrorKind.RATE_LIMIT;
            default -> status >= 500 ? ErrorKind.SERVER : ErrorKind.INVALID_REQUEST;
        };
    }

    /**
     * Returns the compat settings, as YAML lines, that would make the engine absorb what this
     * stream shows (the advisor's rules for this dialect); empty when none is known.
     */
    default List<String> suggest(ResolvedModel model, StreamRecord record,
            AssistantMessage message) {
        return List.of();
    }

    /**
     * Where a replayed thinking block goes.
     *
     * @param kind how it is sent
     * @param field the wire field or block type it goes in for {@link Kind#AS_THINKING}, or
     *     null when any will do
     */
    record ThinkingReplay(Kind kind, @Nullable String field) {

        /** The ways a thinking block can be replayed. */
        public enum Kind {
            /** As thinking, in the dialect's own field or block. */
            AS_THINKING,
            /** Folded into the turn's text. */
            AS_TEXT,
            /** Not sent at all. */
            OMITTED
        }

        /** Rejects a missing kind. */
        public ThinkingReplay {
            Objects.requireNonNull(kind, "kind");
        }
    }
}
