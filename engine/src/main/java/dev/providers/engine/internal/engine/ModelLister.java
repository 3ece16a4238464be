package dev.providers.engine.internal.engine;

import dev.providers.engine.ProviderException;
import dev.providers.engine.internal.auth.Credential;
import dev.providers.engine.internal.auth.CredentialSource;
import dev.providers.engine.internal.auth.Credentials;
import dev.providers.engine.internal.auth.Failures;
import dev.providers.engine.internal.errors.HttpErrors;
import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.internal.http.BodyTooLargeException;
import dev.providers.engine.internal.http.HttpTransport;
import dev.providers.engine.internal.http.LoopbackHint;
import dev.providers.engine.internal.http.SmallResponse;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.UnresolvedSecretException;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.Dialects;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Lists the models an endpoint serves: {@code GET {baseUrl}/<the dialect's path>}, read by the
 * provider's dialect, page after page while the dialect names a next page (at most
 * {@value #MAX_PAGES}). Each answer
 * is bounded like everything a server sends, and like every body that is not an event stream:
 * at most the engine's event size limit, complete within the idle timeout (the provider's, else
 * the engine's) from the moment it is asked for. Failures are {@link ProviderException}s with a
 * kind and a one-line message, redacted of the provider's secrets.
 */
public final class ModelLister {

    /** The most pages of one list that are asked for. */
    static final int MAX_PAGES = 100;

    private final HttpTransport transport;
    private final RequestPreparer preparer;
    private final Credentials credentials;

    public ModelLister(HttpTransport transport, RequestPreparer preparer,
            Credentials credentials) {
        this.transport = transport;
        this.preparer = preparer;
        this.credentials = credentials;
    }

    /**
     * Returns the served model ids, or fails with a {@link ProviderException}. A provider with
     * {@code apiKeys} or {@code auth} asks with its current credential, and once more with
     * another when the server refuses it.
     */
    public CompletableFuture<List<String>> list(ProviderSpec provider) {
        CredentialSource source = credentials.source(provider);
        if (source == null) {
            return list(provider, null);
        }
        CompletableFuture<Credential> credential;
        try {
            credential = source.acquire();
        } catch (RuntimeException e) {
            credential = CompletableFuture.failedFuture(e);
        }
        return credential.handle((used, failure) -> {
            if (failure != null) {
                throw new CompletionException(new ProviderException(ErrorKind.AUTH,
                        Failures.message(failure)));
            }
            return used;
        }).thenCompose(used -> attempt(provider, source, used, 0));
    }

    /** Lists with {@code used}; a refusal tries another credential, as a stream does. */
    private CompletableFuture<List<String>> attempt(ProviderSpec provider,
            CredentialSource source, Credential used, int resends) {
        return list(provider, used).exceptionallyCompose(failure -> {
            Throwable cause = Failures.cause(failure);
            if (!(cause instanceof Refused refused)) {
                return CompletableFuture.failedFuture(cause);
            }
            CompletableFuture<Credential> other = resends >= source.maxResends() ? null
                    : source.refused(used, refused.status, Map.of(), deviation -> { });
            if (other == null) {
                return CompletableFuture.failedFuture(refused.failure);
            }
            return other.handle((next, again) -> {
                if (again != null) {
                    throw new CompletionException(new ProviderException(ErrorKind.AUTH,
                            refused.failure.getMessage() + "; " + Failures.message(again)));
                }
                return next;
            }).thenCompose(next -> attempt(provider, source, next, resends + 1));
        });
    }

    /** A refused model list (401, 403, 429), kept apart so that another credential is tried. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final ProviderException failure;

        Refused(int status, ProviderException failure) {
            super(failure.getMessage(), null, false, false);
            this.status = status;
            this.failure = failure;
        }
    }

    private CompletableFuture<List<String>> list(ProviderSpec provider,
            @Nullable Credential credential) {
        Redactor redactor = preparer.redactor(provider, Map.of(), Map.of(),
                credential == null ? List.of() : List.of(credential.secret()));
        Dialect dialect;
        try {
            dialect = Dialects.require(provider.api());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new ProviderException(
                    ErrorKind.INVALID_REQUEST, e.getMessage()));
        }
        try {
            Map<String, String> headers = preparer.baseHeaders(provider, Map.of(), dialect,
                    credential == null ? null : credential.secret());
            return page(new Listing(provider, dialect, headers, redactor, credential != null),
                    Map.of());
        } catch (UnresolvedSecretException e) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorKind.AUTH,
                    e.getMessage()));
        }
    }

    /** Asks for one page of the list, then for the next one its dialect names, if any. */
    private CompletableFuture<List<String>> page(Listing listing, Map<String, String> query) {
        URI base = listing.provider.baseUrl() != null ? listing.provider.baseUrl()
                : listing.provider.models().get(0).baseUrl();
        URI uri = preparer.endpoint(base, listing.provider, listing.dialect.modelsPath(), query);
        int limit = transport.settings().maxEventBytes();
        Duration budget = listing.provider.transport().idleTimeout() != null
                ? listing.provider.transport().idleTimeout()
                : transport.settings().idleTimeout();
        return transport.get(uri, listing.headers, limit, budget).handle((response, failure) -> {
            if (failure != null) {
                throw new CompletionException(failure(failure, uri, limit, listing.redactor));
            }
            return parse(response, listing);
        }).thenCompose(next -> next.isEmpty() ? CompletableFuture.completedFuture(listing.ids)
                : page(listing, next));
    }

    /** Reads one page into the listing; returns the query of the next page, or an empty map. */
    private static Map<String, String> parse(SmallResponse response, Listing listing) {
        int status = response.status();
        if (status < 200 || status >= 300) {
            ProviderException failure = new ProviderException(HttpErrors.kindOf(status),
                    listing.redactor.redact(HttpErrors.message(status, response.body(),
                            response.contentType())));
            boolean refused = status == 401 || status == 403 || status == 429;
            throw new CompletionException(listing.pooled && refused
                    ? new Refused(status, failure) : failure);
        }
        Map<String, String> next;
        try {
            listing.ids.addAll(listing.dialect.parseModels(response.body()));
            next = listing.dialect.nextModelsPage(response.body());
        } catch (IOException | RuntimeException e) {
            throw new CompletionException(new ProviderException(ErrorKind.PROTOCOL,
                    listing.redactor.redact("the models list is not " + listing.dialect.api()
                            + "'s shape: " + HttpErrors.truncate(String.valueOf(e.getMessage()),
                            300))));
        }
        if (next.isEmpty() || !listing.asked.add(next)) {
            return Map.of(); // the last page, or one that points back at a page already read
        }
        if (listing.asked.size() > MAX_PAGES) {
            throw new CompletionException(new ProviderException(ErrorKind.PROTOCOL,
                    "the models list has more than " + MAX_PAGES + " pages; stopped"));
        }
        // in the dialect's order: a server may read its query parameters in order
        return Collections.unmodifiableMap(new LinkedHashMap<>(next));
    }

    /** One listing in progress: what every page needs, and the ids and pages so far. */
    private static final class Listing {
        final ProviderSpec provider;
        final Dialect dialect;
        final Map<String, String> headers;
        final Redactor redactor;
        /** Asked with a credential that another may replace when refused. */
        final boolean pooled;
        final List<String> ids = new ArrayList<>();
        final Set<Map<String, String>> asked = new HashSet<>();

        Listing(ProviderSpec provider, Dialect dialect, Map<String, String> headers,
                Redactor redactor, boolean pooled) {
            this.provider = provider;
            this.dialect = dialect;
            this.headers = headers;
            this.redactor = redactor;
            this.pooled = pooled;
        }
    }

    private static ProviderException failure(Throwable failure, URI uri, int limit,
            Redactor redactor) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String target = uri.getHost() + ":" + uri.getPort();
        ErrorKind kind;
        String message;
        if (cause instanceof ConnectException) {
            kind = ErrorKind.NETWORK;
            message = "cannot connect to " + target + " (" + cause.getMessage() + ")"
                    + LoopbackHint.forConnectFailure(uri);
        } else if (cause instanceof SocketTimeoutException) {
            kind = ErrorKind.TIMEOUT;
            message = "the models list from " + target + " did not arrive in full: "
                    + cause.getMessage();
        } else if (cause instanceof BodyTooLargeException) {
            kind = ErrorKind.PROTOCOL;
            message = "the models list from " + target + " is larger than " + limit
                    + " bytes (the engine's maxEventSize)";
        } else {
            kind = ErrorKind.NETWORK;
            message = cause.getClass().getSimpleName() + " talking to " + target + ": "
                    + cause.getMessage();
        }
        return new ProviderException(kind, redactor.redact(message));
    }
}
