package dev.providers.engine.internal.http;

import dev.providers.engine.event.WireObserver;
import dev.providers.engine.internal.errors.HttpErrors;
import dev.providers.engine.internal.errors.RetryPolicy;
import dev.providers.engine.internal.stream.MessageAssembler;
import dev.providers.engine.internal.stream.ResponseDecoder;
import dev.providers.engine.message.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * One request on the wire, from the first attempt to the terminal event: sends it, retries
 * failures that happen before the stream starts, feeds the stream to the decoder on the I/O
 * thread, enforces the timeouts, and cancels.
 *
 * <p>Cancelling ends the stream with {@code aborted} at once (on the cancelling thread) and
 * closes the connection immediately, also one reused from the pool.
 *
 * <p>Decoding: a read is decoded on the I/O thread where it arrives, unless it is large (a fast
 * stream; at least {@value #OFFLOAD_AT} bytes) or earlier reads still wait in the lane. Then a
 * copy goes to the lane ({@link DecodeLane}, created for the stream's first large read), so
 * that a fast stream's JSON decoding runs on a second core beside the I/O thread, while the
 * small reads of a normal stream keep their latency. Either way reads are decoded one at a time
 * and in order, independently of the listener, and the end of the body or a mid-stream failure
 * is applied after the reads queued before it.
 *
 * <p>Thread-safety: I/O callbacks arrive on one reactor thread per attempt; timers on the timer
 * thread; {@link #cancel()} on any thread; decoding on the I/O thread or in the lane, never
 * both at once (the I/O thread decodes only while the lane is idle). State changes hold
 * {@code lock}; the per-chunk path takes no lock of its own.
 */
public final class StreamExchange {

    /** The most of an error body that is read. */
    static final int MAX_ERROR_BODY = 64 * 1024;
    /** The most of a non-streaming JSON answer that is read. */
    static final int MAX_JSON_BODY = 16 * 1024 * 1024;
    /** Reads of at least this many bytes are decoded in the lane (about a dozen events). */
    static final int OFFLOAD_AT = 4 * 1024;

    private final HttpTransport transport;
    private final PreparedRequest request;
    private final MessageAssembler assembler;
    private final ResponseDecoder decoder;
    private final Executor callbacks;
    /** Decodes large reads off the I/O thread; created (by the I/O thread) when first needed. */
    private @Nullable DecodeLane lane;
    private final DoubleSupplier random;
    private final @Nullable WireNotifier wire;
    private final Object lock = new Object();
    private int retries;
    private @Nullable Attempt current;
    private @Nullable ScheduledFuture<?> retryTimer;
    private @Nullable ScheduledFuture<?> totalTimer;
    private volatile boolean cancelled;

    /** Creates the exchange; {@code callbacks} runs observer calls and large reads' decoding. */
    public StreamExchange(HttpTransport transport, PreparedRequest request,
            MessageAssembler assembler, DoubleSupplier random, @Nullable WireObserver observer,
            Executor callbacks) {
        this.transport = transport;
        this.callbacks = callbacks;
        this.request = request;
        this.assembler = assembler;
        this.random = random;
        this.wire = observer == null ? null : new WireNotifier(observer, callbacks);
        this.decoder = new ResponseDecoder(assembler, this::alive);
    }

    /** Sends the first attempt. */
    public void start() {
        HttpHost host = HttpHost.create(request.uri());
        transport.connectTimeout(host, Timeout.of(request.connectTimeout()));
        if (!request.totalTimeout().isZero()) {
            totalTimer = schedule(request.totalTimeout(), () -> timeout("the request took "
                    + "longer than " + seconds(request.totalTimeout())));
        }
        send();
    }

    /** Ends the stream as aborted now and closes its connection. */
    public void cancel() {
        Attempt attempt;
        synchronized (lock) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            attempt = current;
            current = null;
            cancel(retryTimer);
            cancel(totalTimer);
        }
        assembler.abort();
        if (attempt != null) {
            attempt.abort("cancelled");
        }
    }

    private void send() {
        Attempt attempt;
        synchronized (lock) {
            if (cancelled || assembler.isTerminated()) {
                return;
            }
            attempt = new Attempt(retries);
            current = attempt;
        }
        if (wire != null) {
            wire.request(attempt.number, request);
        }
        attempt.headTimer = schedule(request.headersTimeout(), () -> attempt.headTimeout());
        // failures before a response reach the consumer; the callback covers the rest
        attempt.future = transport.execute(producer(), attempt, attempt.context,
                new FutureCallback<Void>() {
                    @Override
                    public void completed(Void result) { }

                    @Override
                    public void failed(Exception e) {
                        attempt.failed(e);
                    }

                    @Override
                    public void cancelled() { }
                });
    }

    private AsyncRequestProducer producer() {
        AsyncRequestBuilder builder = AsyncRequestBuilder.post(request.uri())
                .setEntity(request.body(), ContentType.APPLICATION_JSON);
        for (Map.Entry<String, String> header : request.headers()) {
            builder.addHeader(header.getKey(), header.getValue());
        }
        return builder.build();
    }

    /** Decodes one read of the event stream here or in the lane; see the class comment. */
    private void feed(ByteBuffer src) {
        int length = src.remaining();
        if (length < OFFLOAD_AT && (lane == null || lane.isIdle())) {
            decoder.feed(src);
            return;
        }
        ReadCopies copies = transport.copies();
        byte[] copy = copies.take(length);
        src.get(copy, 0, length);
        if (lane == null) {
            lane = new DecodeLane(callbacks);
        }
        lane.execute(() -> {
            try {
                decoder.feed(ByteBuffer.wrap(copy, 0, length));
            } catch (RuntimeException e) {
                // on the I/O thread HttpClient would fail the exchange; do what it would
                Attempt attempt;
                synchronized (lock) {
                    attempt = current;
                }
                if (attempt != null) {
                    attempt.abort("decoding failed: " + e);
                }
                assembler.fail(ErrorKind.NETWORK, "the connection failed mid-stream: "
                        + describe(e), false);
            } finally {
                copies.give(copy);
            }
        });
    }

    /** Runs {@code step} after the reads still waiting in the lane, or now if none wait. */
    private void afterQueuedReads(Runnable step) {
        DecodeLane queue = lane;
        if (queue == null || queue.isIdle()) {
            step.run();
        } else {
            queue.execute(step);
        }
    }

    private boolean isCurrent(Attempt attempt) {
        synchronized (lock) {
            return attempt == current && !cancelled;
        }
    }

    /** Retries a failure that happened before the stream started, or ends the stream with it. */
    private void retryOrFail(Attempt failed, @Nullable Integer status,
            Map<String, String> headers, ErrorKind kind, String message) {
        RetryPolicy.Decision decision = request.retry().decide(retries, status, headers,
                Instant.now(), random);
        synchronized (lock) {
            if (failed != current || cancelled) {
                return;
            }
            current = null;
            if (decision instanceof RetryPolicy.Retry retry) {
                retries++;
                retryTimer = schedule(retry.delay(), this::send);
                return;
            }
        }
        String given = ((RetryPolicy.GiveUp) decision).message();
        assembler.fail(kind, given == null ? message : given + " " + message, false);
        cancel(totalTimer);
    }

    private void timeout(String message) {
        Attempt attempt;
        synchronized (lock) {
            if (cancelled) {
                return;
            }
            attempt = current;
            current = null;
            cancel(retryTimer);
        }
        assembler.fail(ErrorKind.TIMEOUT, message, false);
        if (attempt != null) {
            attempt.abort("timed out: " + message);
        }
    }

    private void finished() {
        synchronized (lock) {
            current = null;
        }
        cancel(totalTimer);
    }

    private void alive() {
        Attempt attempt = current;
        if (attempt != null) {
            attempt.lastActivity = System.nanoTime();
        }
    }

    private @Nullable ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        if (delay.isZero() || delay.isNegative()) {
            return null;
        }
        return transport.timers().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void cancel(@Nullable Future<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private String describe(Exception e) {
        String target = request.uri().getHost() + ":" + request.uri().getPort();
        if (e instanceof UnknownHostException) {
            return "cannot resolve host " + request.uri().getHost();
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + target + " (" + e.getMessage() + ")";
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getClass().getSimpleName() + " talking to " + target + ": " + text;
    }

    private enum Phase { WAITING, STREAMING, JSON, ERROR_BODY, FINISHED }

    /** One attempt: an HttpClient response consumer. */
    private final class Attempt implements AsyncResponseConsumer<Void> {
        final int number;
        final HttpClientContext context = HttpClientContext.create();
        volatile @Nullable Future<Void> future;
        volatile @Nullable ScheduledFuture<?> headTimer;
        volatile @Nullable ScheduledFuture<?> idleTimer;
        volatile long lastActivity = System.nanoTime();
        volatile boolean aborted;
        private volatile Phase phase = Phase.WAITING;
        private int status;
        private @Nullable String contentType;
        /** The response headers by lower-case name, kept only for errors (retry decisions). */
        private Map<String, String> headers = Map.of();
        private @Nullable ByteArrayOutputStream body;
        private @Nullable FutureCallback<Void> done;

        Attempt(int number) {
            this.number = number;
        }

        @Override
        public void consumeResponse(HttpResponse response, @Nullable EntityDetails entity,
                HttpContext ctx, FutureCallback<Void> resultCallback)
                throws HttpException, IOException {
            if (!isCurrent(this)) {
                throw new IOException("request cancelled");
            }
            StreamExchange.cancel(headTimer);
            headTimer = null; // let the cancelled task go: this attempt lives as long as the stream
            done = resultCallback;
            status = response.getCode();
            if (status < 200 || status >= 300) {
                headers = new HashMap<>();
                for (Header header : response.getHeaders()) {
                    headers.put(header.getName().toLowerCase(Locale.ROOT), header.getValue());
                }
            }
            contentType = entity == null ? null : entity.getContentType();
            if (wire != null) {
                List<Map.Entry<String, String>> list = new java.util.ArrayList<>();
                for (Header header : response.getHeaders()) {
                    list.add(Map.entry(header.getName(), header.getValue()));
                }
                wire.response(number, status, list);
            }
            if (status >= 200 && status < 300) {
                assembler.start();
                boolean json = contentType != null
                        && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
                phase = json ? Phase.JSON : Phase.STREAMING;
                if (json) {
                    body = new ByteArrayOutputStream();
                } else {
                    lastActivity = System.nanoTime();
                    idleTimer = schedule(request.idleTimeout(), this::idleCheck);
                }
            } else {
                phase = Phase.ERROR_BODY;
                body = new ByteArrayOutputStream();
            }
            if (entity == null) {
                streamEnd(List.of());
            }
        }

        @Override
        public void informationResponse(HttpResponse response, HttpContext ctx) {
            // 1xx: nothing to do
        }

        @Override
        public void updateCapacity(CapacityChannel channel) throws IOException {
            // decoding is synchronous and cheap: never hold the reactor back
            channel.update(Integer.MAX_VALUE);
        }

        @Override
        public void consume(ByteBuffer src) throws IOException {
            if (aborted || cancelled) {
                // failing here makes HttpClient close the connection instead of draining it
                throw new IOException("request cancelled");
            }
            lastActivity = System.nanoTime();
            if (wire != null) {
                wire.body(number, src);
            }
            switch (phase) {
                case STREAMING -> feed(src);
                case JSON -> collect(src, MAX_JSON_BODY);
                case ERROR_BODY -> collect(src, MAX_ERROR_BODY);
                default -> src.position(src.limit());
            }
        }

        private void collect(ByteBuffer src, int limit) {
            ByteArrayOutputStream out = body;
            int room = limit - out.size();
            int n = Math.min(room, src.remaining());
            if (n > 0) {
                byte[] chunk = new byte[n];
                src.get(chunk);
                out.write(chunk, 0, n);
            }
            src.position(src.limit()); // the rest of an oversized body is not needed
        }

        @Override
        public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
            StreamExchange.cancel(idleTimer);
            Phase was = phase;
            phase = Phase.FINISHED;
            if (wire != null) {
                wire.end(number, "body ended (HTTP " + status + ")");
            }
            switch (was) {
                case STREAMING -> afterQueuedReads(() -> {
                    decoder.end();
                    finished();
                });
                case JSON -> {
                    decoder.completion(body.toByteArray());
                    finished();
                }
                case ERROR_BODY -> httpError();
                default -> { }
            }
            if (done != null) {
                done.completed(null);
            }
        }

        private void httpError() {
            String message = HttpErrors.message(status, body.toByteArray(), contentType);
            ErrorKind kind = request.overflow().matchesMessage(message)
                    ? ErrorKind.CONTEXT_OVERFLOW : HttpErrors.kindOf(status);
            if (kind == ErrorKind.CONTEXT_OVERFLOW) {
                headers.put("x-should-retry", "false"); // the same prompt overflows again
            }
            retryOrFail(this, status, headers, kind, message);
        }

        @Override
        public void failed(Exception cause) {
            StreamExchange.cancel(headTimer);
            StreamExchange.cancel(idleTimer);
            if (aborted || !isCurrent(this) || phase == Phase.FINISHED) {
                return;
            }
            if (wire != null) {
                wire.end(number, "failed: " + describe(cause));
            }
            Phase was = phase;
            phase = Phase.FINISHED;
            if (was == Phase.STREAMING || was == Phase.JSON) {
                String message = "the connection failed mid-stream: " + describe(cause);
                afterQueuedReads(() -> {
                    assembler.fail(ErrorKind.NETWORK, message, false);
                    finished();
                });
                return;
            }
            ErrorKind kind = cause instanceof SocketTimeoutException
                    || cause instanceof InterruptedIOException ? ErrorKind.TIMEOUT
                    : ErrorKind.NETWORK;
            retryOrFail(this, null, Map.of(), kind, describe(cause));
        }

        @Override
        public void releaseResources() {
            StreamExchange.cancel(headTimer);
            StreamExchange.cancel(idleTimer);
        }

        void headTimeout() {
            if (phase != Phase.WAITING || !isCurrent(this)) {
                return;
            }
            abort("no response head within " + seconds(request.headersTimeout()));
            retryOrFail(this, null, Map.of(), ErrorKind.TIMEOUT, "no response head within "
                    + seconds(request.headersTimeout()));
        }

        void idleCheck() {
            if (phase != Phase.STREAMING || !isCurrent(this)) {
                return;
            }
            long idle = System.nanoTime() - lastActivity;
            long limit = request.idleTimeout().toNanos();
            if (idle < limit) {
                idleTimer = schedule(Duration.ofNanos(limit - idle), this::idleCheck);
                return;
            }
            timeout("no data for " + seconds(request.idleTimeout()) + " while streaming");
        }

        /**
         * Closes this attempt's connection now, wherever it stands, and tells the wire observer
         * how the attempt ended unless it already knows.
         */
        void abort(String outcome) {
            if (wire != null && !aborted && phase != Phase.FINISHED) {
                wire.end(number, outcome);
            }
            aborted = true;
            StreamExchange.cancel(headTimer);
            StreamExchange.cancel(idleTimer);
            transport.abort(context.getExchangeId());
            Future<Void> f = future;
            if (f != null) {
                f.cancel(true);
            }
        }
    }
}
