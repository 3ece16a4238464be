package dev.providers.opentelemetry.micrometer;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.Usage;
import dev.providers.engine.observe.StreamObservation;
import dev.providers.engine.observe.StreamStart;
import dev.providers.opentelemetry.internal.GenAi;
import dev.providers.opentelemetry.internal.StreamTiming;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One stream's metrics, recorded when its final message arrives.
 *
 * <p>Thread-safety: created on the thread starting the stream, then confined to the stream's
 * serial lane.
 */
final class StreamMeters implements StreamObservation {

    /** The tag value for "not applicable", so that every meter of a name has the same keys. */
    static final String NONE = "none";

    private static final Duration[] SECONDS_BUCKETS = GenAi.SECONDS_BUCKETS.stream()
            .map(seconds -> Duration.ofNanos(Math.round(seconds * 1e9)))
            .toArray(Duration[]::new);
    private static final double[] TOKEN_BUCKETS = GenAi.TOKEN_BUCKETS.stream()
            .mapToDouble(Long::doubleValue).toArray();

    private final Tags common;
    private final MeterRegistry registry;
    private final StreamTiming timing;
    private boolean responded;

    StreamMeters(StreamStart start, MeterRegistry registry, LongSupplier ticker) {
        this.registry = registry;
        URI baseUrl = start.resolved().baseUrl();
        String host = GenAi.serverAddress(baseUrl);
        common = Tags.of(GenAi.OPERATION_NAME, GenAi.OPERATION_CHAT,
                GenAi.PROVIDER_NAME, GenAi.providerName(start.provider()),
                GenAi.REQUEST_MODEL, start.model().model(),
                GenAi.SERVER_ADDRESS, host == null ? NONE : host,
                GenAi.SERVER_PORT, Integer.toString(GenAi.serverPort(baseUrl)));
        timing = StreamTiming.start(ticker);
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
        Tags tags = common.and(GenAi.RESPONSE_MODEL, responded ? GenAi.responseModel(message)
                : NONE);
        String errorType = GenAi.errorType(message);
        Timer.builder(GenAi.METRIC_OPERATION_DURATION).description("GenAI operation duration.")
                .tags(tags).tag(GenAi.ERROR_TYPE, errorType == null ? NONE : errorType)
                .serviceLevelObjectives(SECONDS_BUCKETS).register(registry)
                .record(nanos(seconds), TimeUnit.NANOSECONDS);
        if (firstChunk >= 0) {
            Timer.builder(GenAi.METRIC_TIME_TO_FIRST_CHUNK)
                    .description("Time to receive the first chunk of a streamed response.")
                    .tags(tags).serviceLevelObjectives(SECONDS_BUCKETS).register(registry)
                    .record(nanos(firstChunk), TimeUnit.NANOSECONDS);
        }
        Usage usage = message.usage();
        if (GenAi.reported(usage)) {
            tokens(tags, GenAi.TOKEN_INPUT).record(GenAi.inputTokens(usage));
            tokens(tags, GenAi.TOKEN_OUTPUT).record(usage.output());
        }
    }

    private DistributionSummary tokens(Tags tags, String type) {
        return DistributionSummary.builder(GenAi.METRIC_TOKEN_USAGE)
                .description("Number of input and output tokens used.").baseUnit("tokens")
                .tags(tags).tag(GenAi.TOKEN_TYPE, type).serviceLevelObjectives(TOKEN_BUCKETS)
                .register(registry);
    }

    private static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
