package dev.providers.opentelemetry.internal;

import dev.providers.engine.message.AssistantMessage;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.message.Usage;
import dev.providers.engine.spec.ProviderSpec;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry GenAI semantic conventions as this project emits them (semantic-conventions
 * v1.41, GenAI status "development"): attribute and metric names, the bucket boundaries the
 * conventions advise, and how the engine's values map onto them.
 *
 * <p>Thread-safety: stateless.
 */
public final class GenAi {

    /** The only operation the engine performs. */
    public static final String OPERATION_CHAT = "chat";

    public static final String OPERATION_NAME = "gen_ai.operation.name";
    public static final String PROVIDER_NAME = "gen_ai.provider.name";
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String RESPONSE_ID = "gen_ai.response.id";
    public static final String RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";
    public static final String RESPONSE_TIME_TO_FIRST_CHUNK =
            "gen_ai.response.time_to_first_chunk";
    public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
    public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    public static final String USAGE_CACHE_READ = "gen_ai.usage.cache_read.input_tokens";
    public static final String USAGE_CACHE_CREATION = "gen_ai.usage.cache_creation.input_tokens";
    public static final String USAGE_REASONING = "gen_ai.usage.reasoning.output_tokens";
    public static final String REQUEST_STREAM = "gen_ai.request.stream";
    public static final String REQUEST_TEMPERATURE = "gen_ai.request.temperature";
    public static final String REQUEST_TOP_P = "gen_ai.request.top_p";
    public static final String REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";
    public static final String REQUEST_FREQUENCY_PENALTY = "gen_ai.request.frequency_penalty";
    public static final String REQUEST_PRESENCE_PENALTY = "gen_ai.request.presence_penalty";
    public static final String REQUEST_SEED = "gen_ai.request.seed";
    public static final String REQUEST_STOP_SEQUENCES = "gen_ai.request.stop_sequences";
    public static final String CONVERSATION_ID = "gen_ai.conversation.id";
    public static final String INPUT_MESSAGES = "gen_ai.input.messages";
    public static final String OUTPUT_MESSAGES = "gen_ai.output.messages";
    public static final String SYSTEM_INSTRUCTIONS = "gen_ai.system_instructions";
    public static final String TOKEN_TYPE = "gen_ai.token.type";
    public static final String ERROR_TYPE = "error.type";
    public static final String SERVER_ADDRESS = "server.address";
    public static final String SERVER_PORT = "server.port";

    public static final String TOKEN_INPUT = "input";
    public static final String TOKEN_OUTPUT = "output";

    public static final String METRIC_TOKEN_USAGE = "gen_ai.client.token.usage";
    public static final String METRIC_OPERATION_DURATION = "gen_ai.client.operation.duration";
    public static final String METRIC_TIME_TO_FIRST_CHUNK =
            "gen_ai.client.operation.time_to_first_chunk";

    /** The token-usage buckets the conventions advise. */
    public static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L,
            4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L, 16777216L, 67108864L);
    /** The duration buckets the conventions advise, in seconds. */
    public static final List<Double> SECONDS_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16,
            0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

    /**
     * The conventions' well-known provider names for the built-in catalog's ids that differ
     * from them; other ids are used as they are (a custom value, which the conventions allow).
     */
    private static final Map<String, String> WELL_KNOWN = Map.of(
            "mistral", "mistral_ai",
            "xai", "x_ai",
            "azure-openai", "azure.ai.openai");

    private GenAi() { }

    /** Returns {@code gen_ai.provider.name}: the well-known name, else the provider's id. */
    public static String providerName(ProviderSpec provider) {
        return WELL_KNOWN.getOrDefault(provider.id(), provider.id());
    }

    /** Returns the host of a base URL, or null when it has none. */
    public static @Nullable String serverAddress(URI baseUrl) {
        return baseUrl.getHost();
    }

    /** Returns the port of a base URL, its scheme's default when it names none. */
    public static int serverPort(URI baseUrl) {
        if (baseUrl.getPort() >= 0) {
            return baseUrl.getPort();
        }
        return "https".equalsIgnoreCase(baseUrl.getScheme()) ? 443 : 80;
    }

    /**
     * Returns {@code error.type}: the error kind in lower snake case ({@code timeout},
     * {@code rate_limit}, {@code aborted}, …), or null when the stream ended normally.
     */
    public static @Nullable String errorType(AssistantMessage message) {
        ErrorKind kind = message.errorKind();
        return kind == null ? null : kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns {@code gen_ai.response.finish_reasons}: the server's own finish reason when it
     * sent one, else the stop reason in lower snake case; empty for a failure without one.
     */
    public static List<String> finishReasons(AssistantMessage message) {
        if (message.rawStopReason() != null) {
            return List.of(message.rawStopReason());
        }
        if (!message.stopReason().isNormal()) {
            return List.of();
        }
        return List.of(message.stopReason().name().toLowerCase(Locale.ROOT));
    }

    /**
     * Returns the model that answered: the one the server named, else the one asked for (the
     * engine keeps a response model only when it differs from the request's).
     */
    public static String responseModel(AssistantMessage message) {
        return message.responseModel() != null ? message.responseModel() : message.model();
    }

    /**
     * Returns {@code gen_ai.usage.input_tokens}: every prompt token, cached ones included, as
     * the conventions ask (the engine's {@code input} excludes cache reads and writes).
     */
    public static long inputTokens(Usage usage) {
        return usage.input() + usage.cacheRead() + usage.cacheWrite();
    }

    /** Returns whether the server reported usage at all (no usage is not zero usage). */
    public static boolean reported(Usage usage) {
        return usage.totalTokens() > 0;
    }
}
