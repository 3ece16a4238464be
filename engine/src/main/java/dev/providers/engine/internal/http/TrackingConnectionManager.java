package dev.providers.engine.internal.http;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.nio.AsyncClientConnectionManager;
import org.apache.hc.client5.http.nio.AsyncConnectionEndpoint;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ConnectionInitiator;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * A connection manager that remembers which endpoint each exchange leased, so that a cancelled
 * stream can close its connection at once. Cancelling HttpClient's future alone does not abort
 * a stream on a connection reused from the pool: it keeps streaming until the server ends it.
 *
 * <p>Two maps, one per direction, keep both lookups O(1): {@link #abort} knows the exchange,
 * {@link #release} only the endpoint (a new endpoint object per lease, compared by identity).
 *
 * <p>Thread-safety: as the delegate; the lease maps are concurrent.
 */
final class TrackingConnectionManager implements AsyncClientConnectionManager {

    private final AsyncClientConnectionManager delegate;
    private final Map<String, AsyncConnectionEndpoint> leased = new ConcurrentHashMap<>();
    private final Map<AsyncConnectionEndpoint, String> holders = new ConcurrentHashMap<>();

    TrackingConnectionManager(AsyncClientConnectionManager delegate) {
        this.delegate = delegate;
    }

    /** Closes the connection the exchange holds, if it holds one; returns whether it did. */
    boolean abort(@Nullable String exchangeId) {
        if (exchangeId == null) {
            return false;
        }
        AsyncConnectionEndpoint endpoint = leased.remove(exchangeId);
        if (endpoint == null) {
            return false;
        }
        holders.remove(endpoint, exchangeId);
        endpoint.close(CloseMode.IMMEDIATE);
        return true;
    }

    @Override
    public Future<AsyncConnectionEndpoint> lease(String id, HttpRoute route, Object state,
            Timeout requestTimeout, FutureCallback<AsyncConnectionEndpoint> callback) {
        return delegate.lease(id, route, state, requestTimeout,
                new FutureCallback<AsyncConnectionEndpoint>() {
                    @Override
                    public void completed(AsyncConnectionEndpoint endpoint) {
                        leased.put(id, endpoint);
                        holders.put(endpoint, id);
                        if (callback != null) {
                            callback.completed(endpoint);
                        }
                    }

                    @Override
                    public void failed(Exception e) {
                        if (callback != null) {
                            callback.failed(e);
                        }
                    }

                    @Override
                    public void cancelled() {
                        if (callback != null) {
                            callback.cancelled();
                        }
                    }
                });
    }

    @Override
    public void release(AsyncConnectionEndpoint endpoint, Object newState,
            TimeValue validDuration) {
        String exchangeId = holders.remove(endpoint);
        if (exchangeId != null) {
            leased.remove(exchangeId, endpoint);
        }
        delegate.release(endpoint, newState, validDuration);
    }

    @Override
    public Future<AsyncConnectionEndpoint> connect(AsyncConnectionEndpoint endpoint,
            ConnectionInitiator initiator, Timeout connectTimeout, Object attachment,
            HttpContext context, FutureCallback<AsyncConnectionEndpoint> callback) {
        return delegate.connect(endpoint, initiator, connectTimeout, attachment, context,
                callback);
    }

    @Override
    public void upgrade(AsyncConnectionEndpoint endpoint, Object attachment,
            HttpContext context) {
        delegate.upgrade(endpoint, attachment, context);
    }

    @Override
    public void upgrade(AsyncConnectionEndpoint endpoint, Object attachment, HttpContext context,
            FutureCallback<AsyncConnectionEndpoint> callback) {
        delegate.upgrade(endpoint, attachment, context, callback);
    }

    @Override
    public void close(CloseMode mode) {
        delegate.close(mode);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
