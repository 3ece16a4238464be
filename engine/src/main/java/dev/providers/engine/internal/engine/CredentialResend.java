package dev.providers.engine.internal.engine;

import dev.providers.engine.internal.auth.Credential;
import dev.providers.engine.internal.auth.CredentialSource;
import dev.providers.engine.internal.http.CredentialRetry;
import dev.providers.engine.internal.http.PreparedRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One stream's answer to a refused credential: asks the provider's {@link CredentialSource}
 * for another (a fresh token after a 401, the next key after a 401, 403 or 429) and rebuilds
 * the request with it, at most {@link CredentialSource#maxResends()} times per stream.
 *
 * <p>Thread-safety: called by one stream's exchange, one refusal at a time.
 */
final class CredentialResend implements CredentialRetry {

    private final CredentialSource source;
    private final Consumer<String> deviations;
    private final Function<Credential, PreparedRequest> rebuild;
    private volatile Credential used;
    private volatile int resends;

    CredentialResend(CredentialSource source, Credential used, Consumer<String> deviations,
            Function<Credential, PreparedRequest> rebuild) {
        this.source = source;
        this.used = used;
        this.deviations = deviations;
        this.rebuild = rebuild;
    }

    @Override
    public @Nullable CompletableFuture<PreparedRequest> refused(int status,
            Map<String, String> headers) {
        if (resends >= source.maxResends()) {
            return null;
        }
        CompletableFuture<Credential> next = source.refused(used, status, headers, deviations);
        if (next == null) {
            return null;
        }
        resends++;
        return next.thenApply(credential -> {
            used = credential;
            return rebuild.apply(credential);
        });
    }
}
