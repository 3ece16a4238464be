package dev.providers.engine.internal.auth;

import dev.providers.engine.auth.LoginCallbacks;
import dev.providers.engine.auth.StoredCredential;
import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.spec.AuthSpec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One device authorization login (RFC 8628): asks for a device code, shows the user code and
 * the verification page, then polls the token endpoint every {@code interval} seconds (5 when
 * the server gives none), 5 s more after each {@code slow_down} (§3.5), until the user has
 * signed in, denied it, or the code's {@code expires_in} has passed on the engine's clock.
 * Polls are timers on the engine's scheduler; no thread waits.
 *
 * <p>Thread-safety: one login per instance; its steps run one after the other.
 */
final class DeviceLogin {

    static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration SLOW_DOWN = Duration.ofSeconds(5);
    /** A code valid longer than this is polled only this long. */
    private static final Duration MAX_WAIT = Duration.ofHours(1);

    private final AuthSpec.Device spec;
    private final OAuthClient client;
    private final TokenEndpoint endpoint;
    private final Function<String, @Nullable String> environment;
    private final Executor executor;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final Supplier<Redactor> redactor;
    private final CompletableFuture<StoredCredential> result = new CompletableFuture<>();
    private volatile Duration interval = DEFAULT_INTERVAL;
    private volatile Instant deadline = Instant.MAX;
    private volatile String deviceCode = "";

    DeviceLogin(AuthSpec.Device spec, OAuthClient client, TokenEndpoint endpoint,
            Function<String, @Nullable String> environment, Executor executor,
            ScheduledExecutorService timers, Clock clock, Supplier<Redactor> redactor) {
        this.spec = spec;
        this.client = client;
        this.endpoint = endpoint;
        this.environment = environment;
        this.executor = executor;
        this.timers = timers;
        this.clock = clock;
        this.redactor = redactor;
    }

    /** Starts the login; the future completes with the tokens, not yet stored. */
    CompletableFuture<StoredCredential> start(LoginCallbacks callbacks) {
        Map<String, String> form = new LinkedHashMap<>();
        try {
            client.identify(form, environment);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (spec.scope() != null) {
            form.put("scope", spec.scope());
        }
        endpoint.post(spec.deviceAuthorizationUrl(), form, Map.of(),
                "device authorization endpoint").whenCompleteAsync((reply, failure) -> {
                    try {
                        if (failure != null) {
                            result.completeExceptionally(Failures.cause(failure));
                            return;
                        }
                        begin(reply, callbacks);
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }, executor);
        return result;
    }

    /** Cancels the polling (the caller gave up). */
    void cancel() {
        result.completeExceptionally(Failures.auth("the login was cancelled"));
    }

    private void begin(TokenEndpoint.Reply reply, LoginCallbacks callbacks) {
        String code = reply.text("device_code");
        String userCode = reply.text("user_code");
        // Google's endpoint says verification_url; RFC 8628 says verification_uri
        String page = reply.text("verification_uri") != null ? reply.text("verification_uri")
                : reply.text("verification_url");
        if (reply.status() / 100 != 2 || reply.error() != null || code == null
                || userCode == null || page == null) {
            throw reply.status() / 100 != 2 || reply.error() != null
                    ? TokenEndpoint.refusal("device authorization endpoint",
                            spec.deviceAuthorizationUrl(), reply, redactor.get())
                    : Failures.auth("device authorization endpoint "
                            + spec.deviceAuthorizationUrl() + " answered without device_code, "
                            + "user_code or verification_uri");
        }
        deviceCode = code;
        Long seconds = reply.seconds("interval");
        if (seconds != null) {
            interval = Duration.ofSeconds(Math.max(0, Math.min(seconds, 300)));
        }
        Long expires = reply.seconds("expires_in");
        Duration valid = expires == null ? Duration.ofMinutes(15) : Duration.ofSeconds(expires);
        if (valid.compareTo(MAX_WAIT) > 0) {
            valid = MAX_WAIT;
        }
        deadline = clock.instant().plus(valid);
        String complete = reply.text("verification_uri_complete");
        callbacks.showDeviceCode(userCode, uri(page), complete == null ? null : uri(complete),
                valid);
        callbacks.progress("waiting for the sign-in (checking every " + interval.toSeconds()
                + " s)");
        schedule();
    }

    private static URI uri(String text) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw Failures.auth("the device authorization endpoint gave a verification page "
                    + "that is not a URL");
        }
    }

    private void schedule() {
        if (result.isDone()) {
            return;
        }
        try {
            timers.schedule(this::poll, interval.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(Failures.auth("the login was stopped: the engine is "
                    + "closing"));
        }
    }

    private void poll() {
        if (result.isDone()) {
            return;
        }
        if (!clock.instant().isBefore(deadline)) {
            result.completeExceptionally(Failures.auth("the code expired before the sign-in "
                    + "finished; run the login again"));
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT);
        form.put("device_code", deviceCode);
        try {
            client.identify(form, environment);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        endpoint.post(spec.tokenUrl(), form, Map.of(), "token endpoint").whenCompleteAsync(
                (reply, failure) -> {
                    try {
                        if (failure != null) {
                            result.completeExceptionally(Failures.cause(failure));
                        } else {
                            answer(reply);
                        }
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }, executor);
    }

    private void answer(TokenEndpoint.Reply reply) {
        String error = reply.error();
        if (error == null && reply.status() / 100 == 2) {
            Instant now = clock.instant();
            Token token = OAuthTokens.read(reply, spec.tokenUrl(), now, spec.ttl(), null,
                    redactor.get());
            result.complete(new StoredCredential(spec.type(), token.value(),
                    token.refreshToken(), token.expiresAt(), now));
            return;
        }
        if ("authorization_pending".equals(error)) {
            schedule();
        } else if ("slow_down".equals(error)) {
            interval = interval.plus(SLOW_DOWN);
            schedule();
        } else if ("access_denied".equals(error)) {
            result.completeExceptionally(Failures.auth("the sign-in was denied"));
        } else if ("expired_token".equals(error)) {
            result.completeExceptionally(Failures.auth("the code expired before the sign-in "
                    + "finished; run the login again"));
        } else {
            result.completeExceptionally(TokenEndpoint.refusal("token endpoint",
                    spec.tokenUrl(), reply, redactor.get()));
        }
    }
}
