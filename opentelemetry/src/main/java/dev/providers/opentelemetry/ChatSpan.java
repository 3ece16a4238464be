package dev.providers.opentelemetry;

import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.StopReason;
import dev.providers.engine.message.Usage;
import dev.providers.engine.observe.StreamObservation;
import dev.providers.engine.observe.StreamStart;
import dev.providers.opentelemetry.internal.GenAi;
import dev.providers.opentelemetry.internal.StreamTiming;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.net.URI;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One stream's {@code chat {model}} span and its metrics: the span starts with the request's
 * attributes when the stream starts, and ends with the response's when its final message
 * arrives, when the metrics are recorded too.
 *
 * <p>Thread-safety: created on the thread starting the stream, then confined to the stream's
 * serial lane.
 */
final class ChatSpan implements StreamObservation {

    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey(
            GenAi.OPERATION_NAME);
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey(
            GenAi.PROVIDER_NAME);
    private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey(
            GenAi.REQUEST_MODEL);
    private static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey(
            GenAi.RESPONSE_MODEL);
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey(
            GenAi.SERVER_ADDRESS);
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey(
            GenAi.SERVER_PORT);
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey(
            GenAi.ERROR_TYPE);
    private static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey(
            GenAi.TOKEN_TYPE);

    private final Span span;
    private final Attributes common;
    private final DoubleHistogram duration;
    private final LongHistogram tokenUsage;
    private final DoubleHistogram timeToFirstChunk;
    private final boolean captureContent;
    private final StreamTiming timing;
    private boolean responded;

    ChatSpan(StreamStart start, Tracer tracer, DoubleHistogram duration,
            LongHistogram tokenUsage, DoubleHistogram timeToFirstChunk, boolean captureContent,
            LongSupplier ticker) {
        this.duration = duration;
        this.tokenUsage = tokenUsage;
        this.timeToFirstChunk = timeToFirstChunk;
        this.captureContent = captureContent;
        AttributesBuilder attributes = Attributes.builder()
                .put(OPERATION, GenAi.OPERATION_CHAT)
                .put(PROVIDER, GenAi.providerName(start.provider()))
                .put(REQUEST_MODEL, start.model().model());
        URI baseUrl = start.resolved().baseUrl();
        String host = GenAi.serverAddress(baseUrl);
        if (host != null) {
            attributes.put(SERVER_ADDRESS, host).put(SERVER_PORT, GenAi.serverPort(baseUrl));
        }
        common = attributes.build();
        SpanBuilder builder = tracer.spanBuilder(GenAi.OPERATION_CHAT + " "
                + start.model().model()).setSpanKind(SpanKind.CLIENT).setAllAttributes(common)
                .setAttribute(GenAi.REQUEST_STREAM, true);
        request(builder, start.options());
        if (captureContent) {
            if (start.context().systemPrompt() != null) {
                builder.setAttribute(GenAi.SYSTEM_INSTRUCTIONS,
                        ContentJson.systemInstructions(start.context().systemPrompt()));
            }
            builder.setAttribute(GenAi.INPUT_MESSAGES, ContentJson.inputMessages(
                    start.context()));
        }
        // the parent is the span current on this thread: the one that starts the stream
        span = builder.startSpan();
        timing = StreamTiming.start(ticker);
    }

    /** Puts the request's sampling settings that were set on the span. */
    private static void request(SpanBuilder span, StreamOptions options) {
        if (options.temperature() != null) {
            span.setAttribute(GenAi.REQUEST_TEMPERATURE, options.temperature());
        }
        if (options.topP() != null) {
            span.setAttribute(GenAi.REQUEST_TOP_P, options.topP());
        }
        if (options.maxTokens() != null) {
            span.setAttribute(GenAi.REQUEST_MAX_TOKENS, (long) options.maxTokens());
        }
        if (options.frequencyPenalty() != null) {
            span.setAttribute(GenAi.REQUEST_FREQUENCY_PENALTY, options.frequencyPenalty());
        }
        if (options.presencePenalty() != null) {
            span.setAttribute(GenAi.REQUEST_PRESENCE_PENALTY, options.presencePenalty());
        }
        if (options.seed() != null) {
            span.setAttribute(GenAi.REQUEST_SEED, options.seed());
        }
        if (!options.stop().isEmpty()) {
            span.setAttribute(AttributeKey.stringArrayKey(GenAi.REQUEST_STOP_SEQUENCES),
                    options.stop());
        }
        if (options.sessionId() != null) {
            span.setAttribute(GenAi.CONVERSATION_ID, options.sessionId());
        }
    }

    @Override
    public void onEvent(StreamEvent event) {
        if (event instanceof StreamEvent.Start) {
            responded = true;
        }
        timing.onEvent(event);
    }

    @Override
    public void onEnd(AssistantMessage message) {
        double seconds = timing.secondsSinceStart();
        double firstChunk = timing.secondsToFirstChunk();
        AttributesBuilder metric = common.toBuilder();
        if (responded) {
            metric.put(RESPONSE_MODEL, GenAi.responseModel(message));
            span.setAttribute(RESPONSE_MODEL, GenAi.responseModel(message));
        }
        if (message.responseId() != null) {
            span.setAttribute(GenAi.RESPONSE_ID, message.responseId());
        }
        List<String> reasons = GenAi.finishReasons(message);
        if (!reasons.isEmpty()) {
            span.setAttribute(AttributeKey.stringArrayKey(GenAi.RESPONSE_FINISH_REASONS),
                    reasons);
        }
        if (firstChunk >= 0) {
            span.setAttribute(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK, firstChunk);
        }
        Usage usage = message.usage();
        boolean reported = GenAi.reported(usage);
        if (reported) {
            span.setAttribute(GenAi.USAGE_INPUT_TOKENS, GenAi.inputTokens(usage));
            span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, usage.output());
            if (usage.cacheRead() > 0) {
                span.setAttribute(GenAi.USAGE_CACHE_READ, usage.cacheRead());
            }
            if (usage.cacheWrite() > 0) {
                span.setAttribute(GenAi.USAGE_CACHE_CREATION, usage.cacheWrite());
            }
            if (usage.reasoning() > 0) {
                span.setAttribute(GenAi.USAGE_REASONING, usage.reasoning());
            }
        }
        if (captureContent && responded) {
            span.setAttribute(GenAi.OUTPUT_MESSAGES, ContentJson.outputMessages(message));
        }
        String errorType = GenAi.errorType(message);
        if (errorType != null) {
            span.setAttribute(ERROR_TYPE, errorType);
            metric.put(ERROR_TYPE, errorType);
        }
        if (message.stopReason() == StopReason.ERROR) {
            // the engine's error messages are redacted of the provider's secrets
            span.setStatus(StatusCode.ERROR, String.valueOf(message.errorMessage()));
        }
        span.end();

        Attributes attributes = metric.build();
        duration.record(seconds, attributes);
        if (firstChunk >= 0) {
            timeToFirstChunk.record(firstChunk, attributes);
        }
        if (reported) {
            Attributes tokens = attributes.toBuilder().remove(ERROR_TYPE).build();
            tokenUsage.record(GenAi.inputTokens(usage), tokens.toBuilder()
                    .put(TOKEN_TYPE, GenAi.TOKEN_INPUT).build());
            tokenUsage.record(usage.output(), tokens.toBuilder()
                    .put(TOKEN_TYPE, GenAi.TOKEN_OUTPUT).build());
        }
    }
}
