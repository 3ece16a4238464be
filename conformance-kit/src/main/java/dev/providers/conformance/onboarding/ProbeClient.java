package dev.providers.conformance.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The bounded HTTP client of {@code conformance init}: each probe takes at most
 * {@link #PER_PROBE} (less when the whole budget runs out), all together at most the budget;
 * bodies are read up to {@link #MAX_BODY} bytes; redirects are followed only to the same scheme,
 * host and port (at most {@link #MAX_REDIRECTS}); every probe is logged as one line that names
 * the method, the URL and the outcome, never a header value.
 *
 * <p>Thread-safety: not thread-safe; one probe at a time.
 */
final class ProbeClient implements AutoCloseable {

    /** The longest one probe may take. */
    static final Duration PER_PROBE = Duration.ofSeconds(5);

    /** The longest all probes together may take. */
    static final Duration BUDGET = Duration.ofSeconds(60);

    static final int MAX_BODY = 4 * 1024 * 1024;
    static final int MAX_REDIRECTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: the status (0 when none came), the body read, and the logged line. */
    record Answer(int status, String body, String line) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean unauthorized() {
            return status == 401 || status == 403;
        }

        /** Returns the body as JSON, or null when it is not JSON. */
        @Nullable JsonNode json() {
            if (!ok() || body.isBlank()) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    private final HttpClient http;
    private final ExecutorService reader;
    private final ExecutorService bodies;
    private final Clock clock;
    private final Instant deadline;
    private final List<String> log = new ArrayList<>();

    ProbeClient(Clock clock, Duration budget) {
        this.clock = clock;
        this.deadline = clock.instant().plus(budget);
        this.reader = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "conformance-init-probe");
            thread.setDaemon(true);
            return thread;
        });
        this.bodies = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "conformance-init-body");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().connectTimeout(PER_PROBE)
                .followRedirects(HttpClient.Redirect.NEVER).executor(reader).build();
    }

    /** Returns the lines logged so far, one per probe, in order. */
    List<String> log() {
        return List.copyOf(log);
    }

    /** Returns whether the budget has time left for another probe. */
    boolean hasTime() {
        return clock.instant().isBefore(deadline);
    }

    Answer get(URI uri, Map<String, String> headers) {
        return send("GET", uri, headers, null);
    }

    Answer post(URI uri, Map<String, String> headers, String json) {
        return send("POST", uri, headers, json);
    }

    private Answer send(String method, URI uri, Map<String, String> headers,
            @Nullable String json) {
        URI target = uri;
        for (int hop = 0; ; hop++) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return logged(0, "", method, uri, "not tried: the " + BUDGET.toSeconds()
                        + " s budget of all probes is spent");
            }
            Duration timeout = left.compareTo(PER_PROBE) < 0 ? left : PER_PROBE;
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout);
            headers.forEach(request::header);
            if (json != null) {
                request.header("Content-Type", "application/json").POST(
                        HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            } else {
                request.GET();
            }
            HttpResponse<InputStream> response;
            String body;
            try {
                Future<HttpResponse<InputStream>> sent = http.sendAsync(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                body = read(response.body(), timeout);
            } catch (TimeoutException e) {
                return logged(0, "", method, target, "no answer within "
                        + timeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                return logged(0, "", method, target, failure(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return logged(0, "", method, target, "interrupted");
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers().firstValue("Location").orElse(null);
                URI next = location == null ? null : target.resolve(location);
                if (next != null && sameOrigin(target, next) && hop < MAX_REDIRECTS) {
                    log.add(method + " " + target + " -> HTTP " + status + ", to " + next);
                    target = next;
                    continue;
                }
                return logged(status, "", method, target, "HTTP " + status + " redirect"
                        + (next == null ? "" : " to " + origin(next)) + " not followed");
            }
            return logged(status, body, method, target, "HTTP " + status);
        }
    }

    private Answer logged(int status, String body, String method, URI uri, String outcome) {
        String line = method + " " + uri + " -> " + outcome;
        log.add(line);
        return new Answer(status, body, line);
    }

    /** Replaces the last logged line, e.g. to say what the answer held. */
    void annotate(Answer answer, String note) {
        int last = log.lastIndexOf(answer.line());
        if (last >= 0) {
            log.set(last, answer.line() + ", " + note);
        }
    }

    private String read(InputStream in, Duration timeout) throws TimeoutException,
            InterruptedException, ExecutionException {
        // the body can stall after the headers; read it on another thread, within the time
        Future<byte[]> bytes = bodies.submit(() -> {
            try (in) {
                return in.readNBytes(MAX_BODY);
            }
        });
        try {
            return new String(bytes.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            bytes.cancel(true);
            try {
                in.close();
            } catch (IOException ignored) {
                // closing aborts the exchange; nothing else to do
            }
            throw e;
        }
    }

    private static String failure(@Nullable Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + PER_PROBE.toSeconds() + " s";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + PER_PROBE.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        String message = cause == null ? null : cause.getMessage();
        return cause == null ? "failed" : cause.getClass().getSimpleName()
                + (message == null ? "" : ": " + message);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme())
                && Objects.equals(a.getHost(), b.getHost()) && port(a) == port(b);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? ""
                : ":" + uri.getPort());
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        reader.shutdownNow();
        bodies.shutdownNow();
    }
}
