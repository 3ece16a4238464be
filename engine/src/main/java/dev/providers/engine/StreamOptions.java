package dev.providers.engine;

import dev.providers.engine.event.WireObserver;
import dev.providers.engine.spec.ThinkingLevel;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Per-request settings. Everything is optional: an unset value leaves the field out of the
 * request (the server's default) or uses the engine's default.
 *
 * <p>Thread-safety: immutable; build with {@link #builder()}, modify with {@link #toBuilder()}.
 */
public final class StreamOptions {

    private static final StreamOptions DEFAULTS = builder().build();

    private final @Nullable Double temperature;
    private final @Nullable Double topP;
    private final @Nullable Integer maxTokens;
    private final List<String> stop;
    private final @Nullable ThinkingLevel reasoning;
    private final Map<ThinkingLevel, Integer> thinkingBudgets;
    private final @Nullable ToolChoice toolChoice;
    private final @Nullable ResponseFormat responseFormat;
    private final @Nullable Double frequencyPenalty;
    private final @Nullable Double presencePenalty;
    private final @Nullable Long seed;
    private final Map<String, @Nullable String> headers;
    private final Map<String, @Nullable Object> extraBody;
    private final @Nullable Duration headersTimeout;
    private final @Nullable Duration idleTimeout;
    private final @Nullable Duration totalTimeout;
    private final @Nullable Integer maxRetries;
    private final @Nullable String sessionId;
    private final CacheRetention cacheRetention;
    private final @Nullable WireObserver wireObserver;

    private StreamOptions(Builder b) {
        temperature = b.temperature;
        topP = b.topP;
        maxTokens = b.maxTokens;
        stop = List.copyOf(b.stop);
        reasoning = b.reasoning;
        thinkingBudgets = Collections.unmodifiableMap(new EnumMap<>(b.thinkingBudgets));
        toolChoice = b.toolChoice;
        responseFormat = b.responseFormat;
        frequencyPenalty = b.frequencyPenalty;
        presencePenalty = b.presencePenalty;
        seed = b.seed;
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        extraBody = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraBody));
        headersTimeout = b.headersTimeout;
        idleTimeout = b.idleTimeout;
        totalTimeout = b.totalTimeout;
        maxRetries = b.maxRetries;
        sessionId = b.sessionId;
        cacheRetention = b.cacheRetention;
        wireObserver = b.wireObserver;
    }

    /** Returns the options with nothing set. */
    public static StreamOptions defaults() {
        return DEFAULTS;
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.temperature = temperature;
        b.topP = topP;
        b.maxTokens = maxTokens;
        b.stop = stop;
        b.reasoning = reasoning;
        b.thinkingBudgets.putAll(thinkingBudgets);
        b.toolChoice = toolChoice;
        b.responseFormat = responseFormat;
        b.frequencyPenalty = frequencyPenalty;
        b.presencePenalty = presencePenalty;
        b.seed = seed;
        b.headers.putAll(headers);
        b.extraBody.putAll(extraBody);
        b.headersTimeout = headersTimeout;
        b.idleTimeout = idleTimeout;
        b.totalTimeout = totalTimeout;
        b.maxRetries = maxRetries;
        b.sessionId = sessionId;
        b.cacheRetention = cacheRetention;
        b.wireObserver = wireObserver;
        return b;
    }

    /** Returns the sampling temperature, or null for the server's default. */
    public @Nullable Double temperature() {
        return temperature;
    }

    /** Returns nucleus sampling's top-p, or null. */
    public @Nullable Double topP() {
        return topP;
    }

    /** Returns the output limit, or null for the model's {@code maxTokens} (clamped). */
    public @Nullable Integer maxTokens() {
        return maxTokens;
    }

    /** Returns the stop sequences. */
    public List<String> stop() {
        return stop;
    }

    /** Returns the thinking level, or null to request nothing about thinking. */
    public @Nullable ThinkingLevel reasoning() {
        return reasoning;
    }

    /** Returns token budgets per thinking level, overriding the defaults. */
    public Map<ThinkingLevel, Integer> thinkingBudgets() {
        return thinkingBudgets;
    }

    /** Returns the tool choice, or null to leave it to the server. */
    public @Nullable ToolChoice toolChoice() {
        return toolChoice;
    }

    /** Returns the response format, or null. */
    public @Nullable ResponseFormat responseFormat() {
        return responseFormat;
    }

    /** Returns the frequency penalty, or null. */
    public @Nullable Double frequencyPenalty() {
        return frequencyPenalty;
    }

    /** Returns the presence penalty, or null. */
    public @Nullable Double presencePenalty() {
        return presencePenalty;
    }

    /** Returns the sampling seed, or null. */
    public @Nullable Long seed() {
        return seed;
    }

    /** Returns extra headers; a null value removes a header the provider file sets. */
    public Map<String, @Nullable String> headers() {
        return headers;
    }

    /** Returns extra top-level body fields, merged last (they override everything). */
    public Map<String, @Nullable Object> extraBody() {
        return extraBody;
    }

    /** Returns how long to wait for the response head, or null for the engine's default. */
    public @Nullable Duration headersTimeout() {
        return headersTimeout;
    }

    /** Returns the longest gap between chunks, or null for the engine's default. */
    public @Nullable Duration idleTimeout() {
        return idleTimeout;
    }

    /** Returns the limit for the whole request, or null for the engine's default. */
    public @Nullable Duration totalTimeout() {
        return totalTimeout;
    }

    /** Returns how many times to retry before the stream starts, or null for the provider's. */
    public @Nullable Integer maxRetries() {
        return maxRetries;
    }

    /** Returns the session id for prompt caching and session affinity, or null. */
    public @Nullable String sessionId() {
        return sessionId;
    }

    /** Returns the prompt-cache retention to ask for. */
    public CacheRetention cacheRetention() {
        return cacheRetention;
    }

    /** Returns the observer of this request's wire traffic, or null. */
    public @Nullable WireObserver wireObserver() {
        return wireObserver;
    }

    /** Builds {@link StreamOptions}; setters check their values. */
    public static final class Builder {
        private @Nullable Double temperature;
        private @Nullable Double topP;
        private @Nullable Integer maxTokens;
        private List<String> stop = List.of();
        private @Nullable ThinkingLevel reasoning;
        private final Map<ThinkingLevel, Integer> thinkingBudgets =
                new EnumMap<>(ThinkingLevel.class);
        private @Nullable ToolChoice toolChoice;
        private @Nullable ResponseFormat responseFormat;
        private @Nullable Double frequencyPenalty;
        private @Nullable Double presencePenalty;
        private @Nullable Long seed;
        private final Map<String, @Nullable String> headers = new LinkedHashMap<>();
        private final Map<String, @Nullable Object> extraBody = new LinkedHashMap<>();
        private @Nullable Duration headersTimeout;
        private @Nullable Duration idleTimeout;
        private @Nullable Duration totalTimeout;
        private @Nullable Integer maxRetries;
        private @Nullable String sessionId;
        private CacheRetention cacheRetention = CacheRetention.SHORT;
        private @Nullable WireObserver wireObserver;

        private Builder() { }

        /** Sets the sampling temperature (0..2). */
        public Builder temperature(double value) {
            if (!(value >= 0 && value <= 2)) {
                throw new IllegalArgumentException("temperature must be in 0..2, was " + value);
            }
            temperature = value;
            return this;
        }

        /** Sets top-p (0..1). */
        public Builder topP(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("topP must be in 0..1, was " + value);
            }
            topP = value;
            return this;
        }

        /** Sets the output limit in tokens (at least 1). */
        public Builder maxTokens(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxTokens must be >= 1, was " + value);
            }
            maxTokens = value;
            return this;
        }

        /** Sets the stop sequences. */
        public Builder stop(List<String> sequences) {
            stop = List.copyOf(sequences);
            return this;
        }

        /** Sets the thinking level (clamped to what the model supports). */
        public Builder reasoning(ThinkingLevel level) {
            reasoning = Objects.requireNonNull(level, "level");
            return this;
        }

        /** Sets the token budget of a thinking level (for servers that take budgets). */
        public Builder thinkingBudget(ThinkingLevel level, int tokens) {
            if (tokens < 0) {
                throw new IllegalArgumentException("a thinking budget must be >= 0, was " + tokens);
            }
            thinkingBudgets.put(level, tokens);
            return this;
        }

        /** Sets whether and which tool must be called. */
        public Builder toolChoice(ToolChoice choice) {
            toolChoice = Objects.requireNonNull(choice, "choice");
            return this;
        }

        /** Sets the response format. */
        public Builder responseFormat(ResponseFormat format) {
            responseFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Sets the frequency penalty (-2..2). */
        public Builder frequencyPenalty(double value) {
            frequencyPenalty = penalty("frequencyPenalty", value);
            return this;
        }

        /** Sets the presence penalty (-2..2). */
        public Builder presencePenalty(double value) {
            presencePenalty = penalty("presencePenalty", value);
            return this;
        }

        /** Sets the sampling seed. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Sets a header for this request; null removes a header the provider file sets. */
        public Builder header(String name, @Nullable String value) {
            if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
                throw new IllegalArgumentException("header " + name + " must not contain CR or LF");
            }
            headers.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** Sets a top-level body field, merged last; null removes a field. */
        public Builder extraBody(String field, @Nullable Object value) {
            extraBody.put(Objects.requireNonNull(field, "field"), value);
            return this;
        }

        /** Sets how long to wait for the response head. */
        public Builder headersTimeout(Duration value) {
            headersTimeout = positive("headersTimeout", value);
            return this;
        }

        /** Sets the longest allowed gap between chunks. */
        public Builder idleTimeout(Duration value) {
            idleTimeout = positive("idleTimeout", value);
            return this;
        }

        /** Sets the limit for the whole request. */
        public Builder totalTimeout(Duration value) {
            totalTimeout = positive("totalTimeout", value);
            return this;
        }

        /** Sets how many times to retry before the stream starts (0 for none). */
        public Builder maxRetries(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0, was " + value);
            }
            maxRetries = value;
            return this;
        }

        /** Sets the session id used for prompt caching and session affinity headers. */
        public Builder sessionId(String value) {
            Objects.requireNonNull(value, "value");
            for (int i = 0; i < value.length(); i++) {
                if (Character.isISOControl(value.charAt(i))) {
                    // it may become a header value: a line break would inject headers
                    throw new IllegalArgumentException("the session id must not contain control "
                            + "characters (position " + i + ")");
                }
            }
            sessionId = value;
            return this;
        }

        /** Sets the prompt-cache retention (default SHORT). */
        public Builder cacheRetention(CacheRetention value) {
            cacheRetention = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Sets an observer of this request's wire traffic (requests and raw response bytes). */
        public Builder wireObserver(WireObserver observer) {
            wireObserver = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** Returns the options. */
        public StreamOptions build() {
            return new StreamOptions(this);
        }

        private static double penalty(String name, double value) {
            if (!(value >= -2 && value <= 2)) {
                throw new IllegalArgumentException(name + " must be in -2..2, was " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
