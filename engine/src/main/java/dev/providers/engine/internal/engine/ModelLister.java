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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Lists the models an endpoint serves: {@code GET {baseUrl}/<the dialect's path>}, read by the
 * provider's dialect. The answer
 * is bounded like everything a server sends, and like every body that is not an event stream:
 * at most the engine's event size limit, complete within the idle timeout (the provider's, else
 * the engine's) from the moment it is asked for. A paginated list is followed page by page
 * while the dialect names a next one ({@link Dialect#nextModelsPage}), up to {@value #MAX_PAGES}
 * pages. Failures are {@link ProviderException}s with a
 * kind and a one-line message, redacted of the provider's secrets.
 */
public final class ModelLister {

    /** The most pages of one model list that are asked for. */
    static final int MAX_PAGES = 50;

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
            URI base = provider.baseUrl() != null ? provider.baseUrl()
                    : provider.models().get(0).baseUrl();
            Duration budget = provider.transport().idleTimeout() != null
                    ? provider.transport().idleTimeout() : transport.settings().idleTimeout();
            Listing listing = new Listing(provider, dialect, base,
                    preparer.baseHeaders(provider, Map.of(), dialect),
                    transport.settings().maxEventBytes(), budget, redactor);
            return page(listing, Map.of(), new ArrayList<>(), 1);
        } catch (UnresolvedSecretException e) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorKind.AUTH,
                    e.getMessage()));
        }
    }

    /** Asks for one page and, while the dialect names a next one, for the pages after it. */
    private CompletableFuture<List<String>> page(Listing listing, Map<String, String> query,
            List<String> ids, int number) {
        URI uri = preparer.endpoint(listing.base(), listing.provider(),
                listing.dialect().modelsPath(), query);
        return transport.get(uri, listing.headers(), listing.limit(), listing.budget())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(failure(failure, uri, listing.limit(),
                                listing.redactor()));
                    }
                    ids.addAll(parse(response, listing.dialect(), listing.redactor()));
                    Map<String, String> next = next(response, listing);
                    if (next.isEmpty() || next.equals(query)) {
                        return CompletableFuture.completedFuture(List.copyOf(ids));
                    }
                    if (number >= MAX_PAGES) {
                        throw new CompletionException(new ProviderException(ErrorKind.PROTOCOL,
                                "the models list has more than " + MAX_PAGES + " pages"));
                    }
                    return page(listing, next, ids, number + 1);
                }).thenCompose(Function.identity());
    }

    private static List<String> parse(SmallResponse response, Dialect dialect,
            Redactor redactor) {
        int status = response.status();
        if (status < 200 || status >= 300) {
            throw new CompletionException(new ProviderException(HttpErrors.kindOf(status),
                    redactor.redact(HttpErrors.message(status, response.body(),
                            response.contentType()))));
        }
        try {
            return dialect.parseModels(response.body());
        } catch (IOException | RuntimeException e) {
            throw new CompletionException(notAList(dialect, e, redactor));
        }
    }

    private static Map<String, String> next(SmallResponse response, Listing listing) {
        try {
            // in the dialect's order: a server may read its query parameters in order
            return Collections.unmodifiableMap(new LinkedHashMap<>(
                    listing.dialect().nextModelsPage(response.body())));
        } catch (IOException | RuntimeException e) {
            throw new CompletionException(notAList(listing.dialect(), e, listing.redactor()));
        }
    }

    private static ProviderException notAList(Dialect dialect, Exception e, Redactor redactor) {
        return new ProviderException(ErrorKind.PROTOCOL, redactor.redact("the models list is "
                + "not " + dialect.api() + "'s shape: "
                + HttpErrors.truncate(String.valueOf(e.getMessage()), 300)));
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

    /** What every page of one listing shares. */
    private record Listing(ProviderSpec provider, Dialect dialect, URI base,
            Map<String, String> headers, int limit, Duration budget, Redactor redactor) { }
}
