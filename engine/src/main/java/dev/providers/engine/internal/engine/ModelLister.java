package dev.providers.engine.internal.engine;

import dev.providers.engine.ProviderException;
import dev.providers.engine.internal.errors.HttpErrors;
import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.internal.http.BodyTooLargeException;
import dev.providers.engine.internal.http.HttpTransport;
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

    public ModelLister(HttpTransport transport, RequestPreparer preparer) {
        this.transport = transport;
        this.preparer = preparer;
    }

    /** Returns the served model ids, or fails with a {@link ProviderException}. */
    public CompletableFuture<List<String>> list(ProviderSpec provider) {
        Redactor redactor = preparer.redactor(provider, Map.of(), Map.of());
        Dialect dialect;
        try {
            dialect = Dialects.require(provider.api());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new ProviderException(
                    ErrorKind.INVALID_REQUEST, e.getMessage()));
        }
        try {
            Map<String, String> headers = preparer.baseHeaders(provider, Map.of(), dialect);
            return page(new Listing(provider, dialect, headers, redactor), Map.of());
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
            throw new CompletionException(new ProviderException(HttpErrors.kindOf(status),
                    listing.redactor.redact(HttpErrors.message(status, response.body(),
                            response.contentType()))));
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
        final List<String> ids = new ArrayList<>();
        final Set<Map<String, String>> asked = new HashSet<>();

        Listing(ProviderSpec provider, Dialect dialect, Map<String, String> headers,
                Redactor redactor) {
            this.provider = provider;
            this.dialect = dialect;
            this.headers = headers;
            this.redactor = redactor;
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
            message = "cannot connect to " + target + " (" + cause.getMessage() + ")";
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
