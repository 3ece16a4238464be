package dev.providers.spring.boot;

import dev.providers.engine.ProviderEngine;
import dev.providers.engine.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * One provider's health: whether its endpoint answers a models listing with its key, which
 * proves both reachability and the key ({@code 401}/{@code 403} is DOWN with {@code auth}).
 * A check runs in the background at most once per cache period; a probe is answered from the
 * last outcome, and waits at most the timeout for the first one (UNKNOWN until then).
 *
 * <p>Thread-safety: thread-safe; the last check and the one in progress are guarded by this
 * object's monitor.
 */
final class ProviderHealthIndicator implements HealthIndicator {

    /** The outcome of one check. */
    private record Outcome(Health health, Instant at) { }

    private final String providerId;
    private final ProviderEngine engine;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private @Nullable Outcome last;
    private @Nullable CompletableFuture<Outcome> running;

    ProviderHealthIndicator(String providerId, ProviderEngine engine, Duration timeout,
            Duration cacheFor, Clock clock) {
        this.providerId = providerId;
        this.engine = engine;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public Health health() {
        CompletableFuture<Outcome> check;
        Outcome known;
        synchronized (this) {
            known = last;
            boolean fresh = known != null && known.at().plus(cacheFor).isAfter(clock.instant());
            if (fresh) {
                return known.health();
            }
            if (running == null) {
                running = check();
            }
            check = running;
        }
        if (known != null) {
            return known.health(); // stale but known: the new check finishes in the background
        }
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS).health();
        } catch (TimeoutException e) {
            return Health.unknown().withDetail("provider", providerId)
                    .withDetail("check", "in progress for more than " + timeout.toMillis()
                            + " ms").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().withDetail("provider", providerId).build();
        } catch (ExecutionException e) {
            return Health.unknown().withDetail("provider", providerId)
                    .withDetail("check", String.valueOf(e.getCause())).build();
        }
    }

    /** Starts a check; its outcome replaces the last one when it ends. */
    private CompletableFuture<Outcome> check() {
        Instant started = clock.instant();
        CompletableFuture<List<String>> models;
        try {
            models = engine.models(providerId);
        } catch (RuntimeException e) {
            models = CompletableFuture.failedFuture(e); // the provider was removed meanwhile
        }
        return models.handle((served, failure) -> {
            Instant at = clock.instant();
            Health.Builder health = failure == null ? Health.up() : Health.down();
            health.withDetail("provider", providerId)
                    .withDetail("checkedAt", at.toString())
                    .withDetail("tookMs", Duration.between(started, at).toMillis());
            if (failure == null) {
                health.withDetail("models", served.size());
            } else {
                Throwable cause = failure instanceof CompletionException
                        && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof ProviderException problem) {
                    // the engine's messages are redacted of the provider's secrets
                    health.withDetail("error", problem.kind().name().toLowerCase(
                            java.util.Locale.ROOT)).withDetail("message", problem.getMessage());
                } else {
                    health.withDetail("error", "unavailable")
                            .withDetail("message", String.valueOf(cause.getMessage()));
                }
            }
            Outcome outcome = new Outcome(health.build(), at);
            synchronized (this) {
                last = outcome;
                running = null;
            }
            return outcome;
        });
    }
}
