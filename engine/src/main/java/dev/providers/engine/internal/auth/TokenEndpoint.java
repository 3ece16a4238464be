package dev.providers.engine.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.engine.internal.errors.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Form posts to OAuth 2 endpoints (token, device authorization) with the JDK's HTTP client:
 * {@code application/x-www-form-urlencoded} in, a JSON object out. Bounded: connecting takes at
 * most 10 s, the whole exchange 30 s, the answer at most 256 KiB; redirects are not followed (a
 * token endpoint that redirects is misconfigured, and a redirect could carry the secret
 * elsewhere). The JVM's proxy and trust settings apply.
 *
 * <p>Failures are {@code AUTH} {@link dev.providers.engine.ProviderException}s that name the
 * endpoint and what went wrong; an error answer's {@code error} and {@code error_description}
 * are shown redacted.
 *
 * <p>Thread-safety: thread-safe; one client per engine, its work on the auth executor.
 */
final class TokenEndpoint {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_BODY = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: its status and its JSON object (null when the body is not one). */
    record Reply(int status, @Nullable JsonNode json) {

        /** Returns a text field, or null. */
        @Nullable String text(String field) {
            JsonNode value = json == null ? null : json.get(field);
            return value != null && value.isTextual() && !value.asText().isEmpty()
                    ? value.asText() : null;
        }

        /** Returns a field that is a number of seconds (a number or a numeric string), or null. */
        @Nullable Long seconds(String field) {
            JsonNode value = json == null ? null : json.get(field);
            if (value == null) {
                return null;
            }
            if (value.isNumber()) {
                return Math.max(0, value.asLong());
            }
            String text = value.asText().strip();
            return text.matches("[0-9]{1,12}") ? Long.parseLong(text) : null;
        }

        /** Returns the OAuth error code ({@code error}), or null. */
        @Nullable String error() {
            return text("error");
        }
    }

    private final Executor executor;
    /** Built on first use: engines without OAuth providers never start its selector thread. */
    private @Nullable HttpClient client;

    TokenEndpoint(Executor executor) {
        this.executor = executor;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor);
            ProxySelector proxies = ProxySelector.getDefault();
            if (proxies != null) {
                builder.proxy(proxies);
            }
            client = builder.build();
        }
        return client;
    }

    /**
     * Posts a form and returns the answer, whatever its status; fails only when no answer came
     * (with an {@code AUTH} failure that says why, {@code what} naming the endpoint's role).
     */
    CompletableFuture<Reply> post(URI url, Map<String, String> form, Map<String, String> headers,
            String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = client().sendAsync(request.build(), info -> new LimitedBody(MAX_BODY));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(Failures.auth(what + " " + url + " cannot be "
                    + "used: " + e.getMessage()));
        }
        return sent.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(Failures.auth(what + " " + url + " "
                                + describe(Failures.cause(failure))));
                    }
                    return new Reply(response.statusCode(), parse(response.body()));
                });
    }

    /** Returns the failure of an error answer: the endpoint, the status and the OAuth error. */
    static RuntimeException refusal(String what, URI url, Reply reply, Redactor redactor) {
        String error = reply.error();
        String description = reply.text("error_description");
        StringBuilder message = new StringBuilder(what).append(' ').append(url)
                .append(" answered ").append(reply.status());
        if (error != null) {
            message.append(' ').append(clip(redactor.redact(error)));
        }
        if (description != null) {
            message.append(": ").append(clip(redactor.redact(description)));
        }
        if (error == null && reply.json() == null) {
            message.append(" with a body that is not a JSON object");
        }
        return Failures.auth(message.toString());
    }

    /** Encodes a form as {@code application/x-www-form-urlencoded}, in order. */
    static String encode(Map<String, String> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    /** Flattens and cuts an already redacted text (a cut through a secret hides its start). */
    private static String clip(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}]", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    private static @Nullable JsonNode parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() ? root : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "did not accept a connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (failure instanceof HttpTimeoutException || failure instanceof TimeoutException) {
            return "did not answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (failure instanceof ConnectException) {
            return "could not be reached (connection refused)";
        }
        if (failure instanceof BodyTooLarge) {
            return "sent an answer larger than " + MAX_BODY / 1024 + " KiB";
        }
        return "could not be reached: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")");
    }

    /** The answer was larger than the limit. */
    static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("the answer is too large");
        }
    }

    /** Collects a body up to a limit; beyond it the exchange fails and its connection closes. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private Flow.@Nullable Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (bytes.size() + item.remaining() > limit) {
                    Flow.Subscription s = subscription;
                    if (s != null) {
                        s.cancel();
                    }
                    result.completeExceptionally(new BodyTooLarge());
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
