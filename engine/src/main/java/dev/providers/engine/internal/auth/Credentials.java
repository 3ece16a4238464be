package dev.providers.engine.internal.auth;

import dev.providers.engine.auth.CredentialStore;
import dev.providers.engine.auth.LoginCallbacks;
import dev.providers.engine.auth.StoredCredential;
import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.spec.AuthSpec;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's credentials: one {@link CredentialSource} per provider that needs one (a key
 * pool for {@code apiKeys}, a token cache for {@code auth}), kept for as long as the provider's
 * credential settings stay the same across reloads; the secrets obtained at run time per
 * provider; the login flows; and the auth threads (at most {@value #THREADS}) on which helpers,
 * stores and logins run, never on an I/O thread.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Credentials implements AutoCloseable {

    /** The most auth threads: helpers and logins that run at once beyond this wait. */
    static final int THREADS = 4;
    /** How long a login waits for the browser's redirect. */
    static final Duration REDIRECT_TIMEOUT = Duration.ofMinutes(5);

    private final Function<String, @Nullable String> environment;
    private final CredentialStore store;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final DoubleSupplier random;
    private final BiFunction<ProviderSpec, List<String>, Redactor> redactors;
    private final ExecutorService executor;
    private final TokenEndpoint endpoint;
    private final Map<String, Entry> sources = new ConcurrentHashMap<>();
    private final Map<String, KnownSecrets> known = new ConcurrentHashMap<>();

    /** A provider's source, with the settings it was made from. */
    private record Entry(Settings settings, CredentialSource source) { }

    /** What a source depends on; equal settings after a reload keep the source and its token. */
    private record Settings(List<SecretRef> apiKeys, @Nullable AuthSpec auth) { }

    /**
     * Creates the credentials of an engine; {@code redactors} builds the redactor of a
     * provider's secrets from its file and the given run-time secrets.
     */
    public Credentials(Function<String, @Nullable String> environment, CredentialStore store,
            Clock clock, ScheduledExecutorService timers, DoubleSupplier random,
            BiFunction<ProviderSpec, List<String>, Redactor> redactors) {
        this.environment = environment;
        this.store = store;
        this.clock = clock;
        this.timers = timers;
        this.random = random;
        this.redactors = redactors;
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "providers-auth-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        this.endpoint = new TokenEndpoint(executor);
    }

    /**
     * Returns where a provider's requests get their credential, or null when they carry its
     * {@code apiKey} (or nothing) as before: no {@code apiKeys}, no {@code auth}, or
     * {@code authHeader} false.
     */
    public @Nullable CredentialSource source(ProviderSpec provider) {
        if (!provider.authHeader() || (provider.apiKeys().isEmpty() && provider.auth() == null)) {
            return null;
        }
        Settings settings = new Settings(provider.apiKeys(), provider.auth());
        Entry entry = sources.compute(provider.id(), (id, old) -> old != null
                && old.settings().equals(settings) ? old
                : new Entry(settings, create(provider)));
        return entry.source();
    }

    /** Returns the secrets obtained at run time for a provider. */
    public KnownSecrets known(String providerId) {
        return known.computeIfAbsent(providerId, id -> new KnownSecrets());
    }

    /** Returns the redactor of a provider's secrets, from its file and obtained since. */
    public Redactor redactor(ProviderSpec provider) {
        return redactors.apply(provider, known(provider.id()).values());
    }

    /** Returns the credential store. */
    public CredentialStore store() {
        return store;
    }

    /**
     * Signs the user in for a provider with its auth type's flow and stores the result; the
     * provider's cached token is forgotten, so the next request reads the new login.
     */
    public CompletableFuture<StoredCredential> login(ProviderSpec provider,
            LoginCallbacks callbacks) {
        AuthSpec auth = provider.auth();
        if (auth == null || !auth.needsLogin()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("provider "
                    + provider.id() + " " + (auth == null ? "has no auth block"
                            : "uses auth type " + auth.type()) + ": there is nothing to log "
                    + "in to (only oauth2-device, oauth2-authorization-code and prompt)"));
        }
        Supplier<Redactor> redactor = () -> redactor(provider);
        CompletableFuture<StoredCredential> signedIn;
        if (auth instanceof AuthSpec.Device device) {
            signedIn = new DeviceLogin(device, Objects.requireNonNull(OAuthClient.of(
                    provider.id(), auth)), endpoint, environment, executor, timers, clock,
                    redactor).start(callbacks);
        } else if (auth instanceof AuthSpec.AuthorizationCode code) {
            signedIn = new BrowserLogin(code, Objects.requireNonNull(OAuthClient.of(
                    provider.id(), auth)), endpoint, environment, executor, clock,
                    REDIRECT_TIMEOUT, redactor).start(callbacks);
        } else {
            signedIn = CompletableFuture.supplyAsync(() -> prompt(provider,
                    (AuthSpec.Prompt) auth, callbacks), executor);
        }
        return signedIn.thenApplyAsync(credential -> {
            KnownSecrets secrets = known(provider.id());
            secrets.add(credential.accessToken());
            if (credential.refreshToken() != null) {
                secrets.add(credential.refreshToken());
            }
            try {
                store.save(provider.id(), credential);
            } catch (IOException e) {
                throw new CompletionException(Failures.auth("signed in, but the login could not "
                        + "be stored in " + store.location() + ": " + e.getMessage()));
            }
            forget(provider.id());
            return credential;
        }, executor);
    }

    /**
     * Deletes a provider's stored login and forgets its cached token; returns whether a login
     * was stored.
     *
     * @throws IOException if the store cannot be written
     */
    public boolean logout(String providerId) throws IOException {
        boolean deleted = store.delete(providerId);
        forget(providerId);
        return deleted;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void forget(String providerId) {
        Entry entry = sources.get(providerId);
        if (entry != null && entry.source() instanceof TokenCache cache) {
            cache.forget();
        }
    }

    private StoredCredential prompt(ProviderSpec provider, AuthSpec.Prompt auth,
            LoginCallbacks callbacks) {
        String text = auth.prompt() != null ? auth.prompt()
                : "Paste the token for " + provider.name();
        String answer = callbacks.ask(text);
        String token = answer == null ? "" : answer.strip();
        if (token.isEmpty()) {
            throw new CompletionException(Failures.auth("no token was given; nothing was "
                    + "stored"));
        }
        for (int i = 0; i < token.length(); i++) {
            if (Character.isWhitespace(token.charAt(i)) || Character.isISOControl(
                    token.charAt(i))) {
                throw new CompletionException(Failures.auth("the token contains whitespace or "
                        + "control characters, so it cannot be sent in a header; nothing was "
                        + "stored"));
            }
        }
        return new StoredCredential(auth.type(), token, null, null, clock.instant());
    }

    private CredentialSource create(ProviderSpec provider) {
        if (!provider.apiKeys().isEmpty()) {
            return new KeyPool(provider.apiKeys(), environment, clock, random);
        }
        AuthSpec auth = Objects.requireNonNull(provider.auth());
        KnownSecrets secrets = known(provider.id());
        Supplier<Redactor> redactor = () -> redactor(provider);
        TokenFetcher fetcher;
        if (auth instanceof AuthSpec.Command command) {
            fetcher = new CommandFetcher(command, provider.id(), environment, executor, clock,
                    secrets, redactor, CommandFetcher.TIMEOUT);
        } else if (auth instanceof AuthSpec.ClientCredentials client) {
            fetcher = new ClientCredentialsFetcher(client, provider.id(), environment,
                    endpoint, clock, secrets, redactor, executor);
        } else {
            fetcher = new StoredLoginFetcher(auth, provider.id(), store, endpoint, environment,
                    executor, clock, secrets, redactor);
        }
        String hint = auth.needsLogin() ? "the server refused the stored token of provider "
                + provider.id() + " — " + StoredLoginFetcher.loginHint(provider.id())
                : "the server refused the token of provider " + provider.id();
        return new TokenCache(fetcher, clock, secrets, hint);
    }
}
