package dev.providers.engine.internal.auth;

import dev.providers.engine.internal.errors.RetryPolicy;
import dev.providers.engine.spec.SecretRef;
import dev.providers.engine.spec.UnresolvedSecretException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A provider's {@code apiKeys}: requests take the keys in service in turn (round robin); a key
 * answered 401 or 403 is out of service for the rest of the process; a key answered 429 cools
 * down for the server's {@code Retry-After} (else the retry backoff, growing with each 429 of
 * that key) while the request goes at once to the next key in service. When none is left, the
 * request ends with the error it got (401/403) or waits like any retried request (429: every
 * key is cooling down, and the one free soonest is sent). Keys are named by their position,
 * #1 first, never by their value.
 *
 * <p>Keys are templates resolved per request; a key whose variables are not set is skipped.
 *
 * <p>Thread-safety: thread-safe; every method holds the pool's lock briefly.
 */
final class KeyPool implements CredentialSource {

    private final List<SecretRef> keys;
    private final Function<String, @Nullable String> environment;
    private final Clock clock;
    private final DoubleSupplier random;
    private final boolean[] dropped;
    private final Instant[] coolingUntil;
    private final int[] rateLimits;
    private int next;

    KeyPool(List<SecretRef> keys, Function<String, @Nullable String> environment, Clock clock,
            DoubleSupplier random) {
        this.keys = List.copyOf(keys);
        this.environment = environment;
        this.clock = clock;
        this.random = random;
        this.dropped = new boolean[keys.size()];
        this.coolingUntil = new Instant[keys.size()];
        this.rateLimits = new int[keys.size()];
    }

    @Override
    public synchronized CompletableFuture<Credential> acquire() {
        Instant now = clock.instant();
        Credential ready = pick(now, -1);
        if (ready != null) {
            return CompletableFuture.completedFuture(ready);
        }
        // every key in service is cooling down: send the one that is free soonest
        int soonest = -1;
        for (int i = 0; i < keys.size(); i++) {
            if (!dropped[i] && resolve(i) != null && (soonest < 0
                    || coolingUntil[i].isBefore(coolingUntil[soonest]))) {
                soonest = i;
            }
        }
        if (soonest >= 0) {
            return CompletableFuture.completedFuture(new Credential(resolve(soonest),
                    soonest + 1));
        }
        return CompletableFuture.failedFuture(Failures.auth(noKeyLeft()));
    }

    @Override
    public synchronized @Nullable CompletableFuture<Credential> refused(Credential used,
            int status, Map<String, String> headers, Consumer<String> deviations) {
        int index = used.keyNumber() - 1;
        if (index < 0 || index >= keys.size()) {
            return null;
        }
        Instant now = clock.instant();
        if (status == 401 || status == 403) {
            if (!dropped[index]) {
                dropped[index] = true;
                deviations.accept("api-key-failed: key #" + used.keyNumber() + " answered "
                        + status + ", dropped for this process");
            }
        } else if (status == 429) {
            Duration delay = RetryPolicy.serverDelay(headers, now);
            if (delay == null) {
                delay = RetryPolicy.backoff(rateLimits[index], random.getAsDouble());
            }
            rateLimits[index]++;
            Instant until = now.plus(delay);
            if (coolingUntil[index] == null || until.isAfter(coolingUntil[index])) {
                coolingUntil[index] = until;
            }
            deviations.accept("api-key-rate-limited: key #" + used.keyNumber() + " answered "
                    + "429, cooling down for " + RetryPolicy.seconds(delay) + " s");
        } else {
            return null;
        }
        Credential other = pick(now, index);
        return other == null ? null : CompletableFuture.completedFuture(other);
    }

    @Override
    public int maxResends() {
        return keys.size();
    }

    /** Returns the next key in service other than {@code except}, or null; holds the lock. */
    private @Nullable Credential pick(Instant now, int except) {
        for (int step = 0; step < keys.size(); step++) {
            int i = (next + step) % keys.size();
            if (i == except || dropped[i]
                    || (coolingUntil[i] != null && now.isBefore(coolingUntil[i]))) {
                continue;
            }
            String value = resolve(i);
            if (value != null) {
                next = (i + 1) % keys.size();
                return new Credential(value, i + 1);
            }
        }
        return null;
    }

    private @Nullable String resolve(int index) {
        try {
            String value = keys.get(index).resolve(name -> {
                String v = environment.apply(name);
                return v == null || v.isEmpty() ? null : v;
            });
            return value.isEmpty() ? null : value;
        } catch (UnresolvedSecretException e) {
            return null;
        }
    }

    private String noKeyLeft() {
        List<String> unset = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (dropped[i]) {
                out.add("#" + (i + 1));
            } else {
                unset.add("#" + (i + 1) + " " + keys.get(i).redacted());
            }
        }
        StringBuilder why = new StringBuilder("no API key of the provider can be used");
        if (!out.isEmpty()) {
            why.append(": keys ").append(String.join(", ", out)).append(" were refused (401/403)"
                    + " and are dropped for this process");
        }
        if (!unset.isEmpty()) {
            why.append(out.isEmpty() ? ": " : "; ").append("keys ").append(String.join(", ",
                    unset)).append(" reference environment variables that are not set");
        }
        return why.toString();
    }
}
