package dev.providers.engine.internal.http;

import dev.providers.engine.event.WireObserver;
import dev.providers.engine.internal.concurrent.FlowGate;
import dev.providers.engine.internal.errors.HttpErrors;
import dev.providers.engine.internal.errors.RetryPolicy;
import dev.providers.engine.internal.stream.MessageAssembler;
import dev.providers.engine.internal.stream.ResponseDecoder;
import dev.providers.engine.message.ErrorKind;
import dev.providers.engine.spi.StreamDecoder;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.RequestNotExecutedException;
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
 * small reads of a normal stream keep their latency. Reads that arrive while the lane is behind
 * join the last copy not yet started ({@link ReadBatch}): one array and one task per batch.
 * Either way reads are decoded one at a time and in order, independently of the listener, and
 * the end of the body or a mid-stream failure is applied after the reads queued before it.
 *
 * <p>Bounded: the stream's {@link FlowGate} pauses reading from the socket (HttpClient's
 * capacity window) while the consumer is behind, so a slow consumer slows its own socket and
 * never fills the heap; an SSE line or event, a JSON answer and an error body have size limits;
 * after a stream has failed its connection is closed rather than read to the end. Timeouts: the
 * response head; then every body's reads (idle); a body that is not an event stream must arrive
 * in full within the idle timeout; a stream that sends only comments (heartbeats) and no event
 * ends after the heartbeat timeout; the total timeout bounds everything. Time the transport
 * spends paused for the consumer counts as life.
 *
 * <p>Failures: whatever is thrown while decoding, on the I/O thread or in the lane, ends the
 * stream with one error event and closes the connection; it never reaches the I/O reactor.
 *
 * <p>Thread-safety: I/O callbacks arrive on one reactor thread per attempt; timers on the timer
 * thread; {@link #cancel()} on any thread; decoding on the I/O thread or in the lane, never
 * both at once (the I/O thread decodes only while the lane is idle). State changes hold
 * {@code lock}; the per-chunk path takes no lock of its own.
 */
public final class StreamExchange {

    /** The most of an error body that is read. */
    static final int MAX_ERROR_BODY = 64 * 1024;
    /** Reads of at least this many bytes are decoded in the lane (about a dozen events). */
    static final int OFFLOAD_AT = 4 * 1024;
    /** The capacity granted to the socket at a time while the consumer keeps up. */
    static final int WINDOW = 64 * 1024;
    /** What may still arrive after a normal end before the connection is closed instead. */
    static final int MAX_AFTER_END = 64 * 1024;

    private final HttpTransport transport;
    /** The request; replaced only when it is sent again with another credential. */
    private volatile PreparedRequest request;
    private @Nullable CredentialRetry credentialRetry;
    private final MessageAssembler assembler;
    private final ResponseDecoder decoder;
    private final Executor callbacks;
    /** Decodes large reads off the I/O thread; created (by the I/O thread) when first needed. */
    private @Nullable DecodeLane lane;
    /** The last batch of reads handed to the lane; later reads join it until it starts. */
    private @Nullable ReadBatch batch;
    /**
     * The least size of a new batch: none at first (a read gets an array its size), then twice
     * the last one whenever a batch fills up before the lane starts it, up to {@link ReadCopies#SIZE}.
     */
    private int batchSize;
    /** The lane's task for every batch of this stream (one object, not one per read). */
    private final Consumer<ReadBatch> decodeBatch = this::decodeBatch;
    private final DoubleSupplier random;
    private final FlowGate flow;
    private final @Nullable WireNotifier wire;
    private final Object lock = new Object();
    private int retries;
    /** Attempts sent so far, the free resend after a stale pooled connection included. */
    private int attempts;
    /** Whether the one free resend after a stale pooled connection was used. */
    private boolean resentStale;
    private @Nullable Attempt current;
    private @Nullable ScheduledFuture<?> retryTimer;
    private @Nullable ScheduledFuture<?> totalTimer;
    private volatile boolean cancelled;
    /** When the decoder last produced an event; comments do not count (heartbeat timeout). */
    private volatile long lastEvent = System.nanoTime();

    /**
     * Creates the exchange; {@code callbacks} runs large reads' decoding, {@code lane} runs the
     * wire observer's calls (the stream's serial lane, shared with its listener), and
     * {@code flow} is the stream's backpressure, shared with its event dispatcher.
     */
    public StreamExchange(HttpTransport transport, PreparedRequest request,
            MessageAssembler assembler, StreamDecoder dialect, DoubleSupplier random,
            @Nullable WireObserver observer, Executor callbacks, Executor lane, FlowGate flow) {
        this.transport = transport;
        this.callbacks = callbacks;
        this.request = request;
        this.assembler = assembler;
        this.random = random;
        this.flow = flow;
        this.wire = observer == null ? null : new WireNotifier(observer, lane,
                transport.settings().maxEventBytes());
        this.decoder = new ResponseDecoder(assembler, dialect,
                transport.settings().maxEventBytes());
    }

    /**
     * Sets what happens when the server refuses the request's credential before the stream
     * starts; call before {@link #start()}.
     */
    public void credentialRetry(CredentialRetry retry) {
        this.credentialRetry = retry;
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
        cancel("Request was aborted");
    }

    /** Ends the stream as aborted for {@code reason} now and closes its connection. */
    public void cancel(String reason) {
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
        assembler.abort(reason);
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
            attempt = new Attempt(attempts++);
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
            decode(src);
            return;
        }
        flow.undecodedQueued(length);
        ReadBatch last = batch;
        if (last != null) {
            ReadBatch.Append appended = last.append(src, decodeBatch);
            if (appended == ReadBatch.Append.DONE) {
                return;
            }
            if (appended == ReadBatch.Append.FULL) {
                // the lane is behind by a whole batch: give the next ones more room
                batchSize = Math.min(ReadCopies.SIZE, Math.max(2 * ReadCopies.EXACT,
                        2 * last.capacity()));
            }
        }
        ReadBatch next = transport.copies().take(Math.max(length, batchSize), decodeBatch);
        next.append(src, decodeBatch);
        batch = next;
        if (lane == null) {
            lane = new DecodeLane(callbacks);
        }
        lane.execute(next);
    }

    /** Decodes a batch of reads in the lane, then recycles it. */
    private void decodeBatch(ReadBatch batch) {
        ByteBuffer bytes = batch.start();
        int held = bytes.remaining();
        try {
            decode(bytes);
            if (assembler.isFailed()) {
                closeAfterFailure();
            }
        } catch (Throwable e) {
            failDecoding(e);
            closeAfterFailure();
        } finally {
            transport.copies().give(batch);
            flow.undecodedTaken(held);
        }
    }

    /**
     * Decodes a read and notes whether it held an event (for the heartbeat timeout); once the
     * stream has ended, the rest of the body is read regardless of the consumer.
     */
    private void decode(ByteBuffer src) {
        long before = decoder.events();
        decoder.feed(src);
        if (decoder.events() != before) {
            lastEvent = System.nanoTime();
        }
        if (assembler.isTerminated()) {
            flow.openForGood();
        }
    }

    /** Ends the stream after a failure of the decoding code (whatever was thrown). */
    private void failDecoding(Throwable e) {
        assembler.fail(ErrorKind.PROTOCOL, "the engine failed to decode the stream: "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), false);
    }

    /** Closes the current attempt's connection: the stream failed, nothing more is needed. */
    private void closeAfterFailure() {
        Attempt attempt;
        synchronized (lock) {
            attempt = current;
        }
        if (attempt != null && !attempt.aborted) {
            attempt.abort("stopped: " + describeEnd());
        }
        // the aborted attempt's failure callback returns early: without this the total timeout
        // would keep the whole exchange (its decoder's buffers) reachable for up to 30 minutes
        finished();
    }

    private String describeEnd() {
        var message = assembler.result();
        return message == null || message.errorMessage() == null ? "the stream ended"
                : message.errorMessage();
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

    /**
     * Sends the request again, outside the retry count, with the other credential the
     * {@link CredentialRetry} is getting; when it cannot get one, ends the stream with the
     * refusal and why.
     */
    private void resendWith(Attempt failed, CompletableFuture<PreparedRequest> next,
            String message) {
        synchronized (lock) {
            if (failed != current || cancelled) {
                return;
            }
            current = null;
        }
        next.whenComplete((replacement, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null ? failure.getCause() : failure;
                assembler.fail(ErrorKind.AUTH, message + "; " + cause.getMessage(), false);
                cancel(totalTimer);
                return;
            }
            request = replacement;
            assembler.redactWith(replacement.redactor());
            send();
        });
    }

    /**
     * Sends again, once per stream and outside the retry count, a request that never left: a
     * pooled connection the server had closed while it was idle. Returns whether it did.
     */
    private boolean resendStale(Attempt failed) {
        synchronized (lock) {
            if (failed != current || cancelled || resentStale) {
                return false;
            }
            resentStale = true;
            current = null;
        }
        send();
        return true;
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
            return "cannot connect to " + target + " (" + e.getMessage() + ")"
                    + LoopbackHint.forConnectFailure(request.uri());
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
        /** When the head arrived; a body that is not an event stream must be in by then + idle. */
        private long headAt;
        /** Bytes that arrived after the stream had ended normally. */
        private long afterEnd;

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
            headAt = System.nanoTime();
            lastActivity = headAt;
            lastEvent = headAt;
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
            String encoding = entity == null ? null : entity.getContentEncoding();
            if (status >= 200 && status < 300 && encoding != null && !encoding.isBlank()
                    && !encoding.equalsIgnoreCase("identity")) {
                // the engine asks for no compression; inflating what it did not ask for would
                // let a small response expand without limit
                assembler.fail(ErrorKind.PROTOCOL, "the server compressed the response "
                        + "(Content-Encoding: " + encoding + ") though the engine did not ask "
                        + "for it", false);
                stopReading("unrequested Content-Encoding " + encoding);
            }
            if (status >= 200 && status < 300) {
                assembler.start();
                boolean json = contentType != null
                        && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
                phase = json ? Phase.JSON : Phase.STREAMING;
                if (json) {
                    body = new ByteArrayOutputStream();
                }
            } else {
                phase = Phase.ERROR_BODY;
                body = new ByteArrayOutputStream();
            }
            if (entity == null) {
                streamEnd(List.of());
            } else {
                Duration heartbeat = transport.settings().heartbeatTimeout();
                idleTimer = schedule(heartbeat.compareTo(request.idleTimeout()) < 0 ? heartbeat
                        : request.idleTimeout(), this::idleCheck);
            }
        }

        @Override
        public void informationResponse(HttpResponse response, HttpContext ctx) {
            // 1xx: nothing to do
        }

        @Override
        public void updateCapacity(CapacityChannel channel) throws IOException {
            // while the consumer keeps up, read on; else the gate resumes reading later
            if (flow.admit(() -> grant(channel))) {
                channel.update(WINDOW);
            }
        }

        private void grant(CapacityChannel channel) {
            try {
                channel.update(WINDOW);
            } catch (IOException | RuntimeException e) {
                // the connection is closing; its failure reaches this attempt on its own
            }
        }

        @Override
        public void consume(ByteBuffer src) throws IOException {
            if (aborted || cancelled) {
                // failing here makes HttpClient close the connection instead of draining it
                throw new IOException("request cancelled");
            }
            lastActivity = System.nanoTime();
            if (assembler.isTerminated() && phase == Phase.STREAMING) {
                afterEnd += src.remaining();
                if (afterEnd > MAX_AFTER_END) {
                    stopReading("more than " + MAX_AFTER_END + " bytes after the end");
                }
            }
            try {
                if (wire != null) {
                    wire.body(number, src);
                }
                switch (phase) {
                    case STREAMING -> feed(src);
                    case JSON -> collectJson(src);
                    case ERROR_BODY -> collect(src, MAX_ERROR_BODY);
                    default -> src.position(src.limit());
                }
            } catch (IOException e) {
                throw e;
            } catch (Throwable e) {
                // never let it reach the reactor, whose thread serves other streams too
                failDecoding(e);
                stopReading("decoding failed: " + e.getClass().getSimpleName());
            }
            if (phase == Phase.STREAMING && assembler.isTerminated() && assembler.isFailed()) {
                stopReading(describeEnd()); // a failed stream is not read to its end
            }
        }

        /**
         * Stops this attempt from the I/O thread: throwing here makes HttpClient close the
         * connection instead of reading the rest of it.
         */
        private void stopReading(String why) throws IOException {
            if (wire != null && !aborted) {
                wire.end(number, "stopped: " + why);
            }
            aborted = true;
            phase = Phase.FINISHED;
            StreamExchange.cancel(idleTimer);
            finished();
            throw new IOException("stopped reading: " + why);
        }

        private void collectJson(ByteBuffer src) throws IOException {
            int limit = transport.settings().maxEventBytes();
            if (body.size() + src.remaining() > limit) {
                assembler.fail(ErrorKind.PROTOCOL, "the JSON answer is larger than " + limit
                        + " bytes (the engine's maxEventSize)", false);
                stopReading("JSON answer over " + limit + " bytes");
            }
            collect(src, limit);
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
                    try {
                        decoder.end();
                    } catch (Throwable e) {
                        failDecoding(e); // the body has ended: no connection to close
                    }
                    finished();
                });
                case JSON -> {
                    decoder.completion(body.toByteArray(), contentType);
                    finished();
                }
                case ERROR_BODY -> httpError("");
                default -> { }
            }
            if (done != null) {
                done.completed(null);
            }
        }

        private void httpError(String note) {
            byte[] bytes = body.toByteArray();
            String message = HttpErrors.message(status, bytes, contentType) + note;
            ErrorKind kind = request.overflow().matchesMessage(message)
                    ? ErrorKind.CONTEXT_OVERFLOW : null;
            if (kind == null) {
                // the dialect may know the body better than the status (a 400 for a bad key)
                kind = decoder.errorKind(status, message, bytes);
            }
            if (kind == null) {
                kind = HttpErrors.kindOf(status);
            }
            if (kind == ErrorKind.NOT_FOUND) {
                // a 404 that does not name the model is a wrong path far more often
                kind = HttpErrors.notFoundKind(message, assembler.modelId());
                if (kind == ErrorKind.NOT_FOUND) {
                    message = HttpErrors.withPath(message, request.uri());
                }
            }
            if (kind == ErrorKind.CONTEXT_OVERFLOW) {
                headers.put("x-should-retry", "false"); // the same prompt overflows again
            } else if (credentialRetry != null) {
                CompletableFuture<PreparedRequest> next = credentialRetry.refused(status,
                        headers);
                if (next != null) {
                    resendWith(this, next, message);
                    return;
                }
            }
            Duration delay = decoder.retryDelay(status, bytes);
            if (delay != null && !headers.containsKey("retry-after")
                    && !headers.containsKey("retry-after-ms")) {
                headers.put("retry-after-ms", Long.toString(delay.toMillis()));
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
            if (cause instanceof RequestNotExecutedException && resendStale(this)) {
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

        /**
         * Checks the body's timeouts and schedules the next check: the idle and heartbeat
         * timeouts for an event stream, the deadline of a body that is not one.
         */
        void idleCheck() {
            Phase now = phase;
            if (now == Phase.WAITING || now == Phase.FINISHED || !isCurrent(this)) {
                return;
            }
            long time = System.nanoTime();
            long idleLimit = request.idleTimeout().toNanos();
            if (now != Phase.STREAMING) {
                long left = headAt + idleLimit - time;
                if (left > 0) {
                    idleTimer = schedule(Duration.ofNanos(left), this::idleCheck);
                } else {
                    bodyTimeout();
                }
                return;
            }
            if (flow.isPaused()) {
                // not the server's silence: the consumer is behind and reading is paused
                lastActivity = time;
                lastEvent = time;
            }
            long idleLeft = lastActivity + idleLimit - time;
            long heartbeatLimit = transport.settings().heartbeatTimeout().toNanos();
            long heartbeatLeft = lastEvent + heartbeatLimit - time;
            if (idleLeft <= 0) {
                timeout("no data for " + seconds(request.idleTimeout()) + " while streaming");
            } else if (heartbeatLeft <= 0) {
                timeout("only keep-alive comments and no event for "
                        + seconds(transport.settings().heartbeatTimeout()) + " while streaming");
            } else {
                idleTimer = schedule(Duration.ofNanos(Math.min(idleLeft, heartbeatLeft)),
                        this::idleCheck);
            }
        }

        /** A body that is not an event stream did not arrive in full within the idle timeout. */
        private void bodyTimeout() {
            Phase was = phase;
            String waited = seconds(request.idleTimeout());
            abort("the body did not arrive in full within " + waited);
            phase = Phase.FINISHED;
            if (was == Phase.ERROR_BODY) {
                // the status and what arrived say more than the timeout
                httpError(" (the body did not arrive in full within " + waited + ")");
            } else {
                timeout("the JSON answer did not arrive in full within " + waited);
            }
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
