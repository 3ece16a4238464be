package dev.providers.engine.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.engine.ProviderException;
import dev.providers.engine.internal.errors.HttpErrors;
import dev.providers.engine.internal.http.HttpTransport;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.UnresolvedSecretException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;

/** Lists the models an endpoint serves: {@code GET {baseUrl}/models}, OpenAI's shape. */
public final class ModelLister {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpTransport transport;
    private final RequestPreparer preparer;

    public ModelLister(HttpTransport transport, RequestPreparer preparer) {
        this.transport = transport;
        this.preparer = preparer;
    }

    /** Returns the served model ids, or fails with a {@link ProviderException}. */
    public CompletableFuture<List<String>> list(ProviderSpec provider) {
        URI uri;
        try {
            URI base = provider.baseUrl() != null ? provider.baseUrl()
                    : provider.models().get(0).baseUrl();
            uri = preparer.endpoint(base, provider, "models");
            return transport.get(uri, preparer.baseHeaders(provider, java.util.Map.of()),
                    Duration.ofSeconds(30)).handle((response, failure) -> {
                        if (failure != null) {
                            throw new CompletionException(network(failure, uri));
                        }
                        return parse(response);
                    });
        } catch (UnresolvedSecretException e) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorKind.AUTH,
                    e.getMessage()));
        }
    }

    private static List<String> parse(SimpleHttpResponse response) {
        byte[] body = response.getBodyBytes() == null ? new byte[0] : response.getBodyBytes();
        int status = response.getCode();
        if (status < 200 || status >= 300) {
            String type = response.getContentType() == null ? null
                    : response.getContentType().toString();
            throw new CompletionException(new ProviderException(HttpErrors.kindOf(status),
                    HttpErrors.message(status, body, type)));
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            JsonNode data = root.path("data");
            if (!data.isArray()) {
                throw new IOException("no 'data' array");
            }
            List<String> ids = new ArrayList<>();
            data.forEach(model -> ids.add(model.path("id").asText()));
            return ids;
        } catch (IOException e) {
            throw new CompletionException(new ProviderException(ErrorKind.PROTOCOL,
                    "the models list is not OpenAI's JSON shape: " + e.getMessage()));
        }
    }

    private static ProviderException network(Throwable failure, URI uri) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String target = uri.getHost() + ":" + uri.getPort();
        if (cause instanceof ConnectException) {
            return new ProviderException(ErrorKind.NETWORK, "cannot connect to " + target
                    + " (" + cause.getMessage() + ")");
        }
        return new ProviderException(cause instanceof java.net.SocketTimeoutException
                ? ErrorKind.TIMEOUT : ErrorKind.NETWORK, cause.getClass().getSimpleName()
                + " talking to " + target + ": " + cause.getMessage());
    }
}
