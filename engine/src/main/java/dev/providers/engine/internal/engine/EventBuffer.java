package dev.providers.engine.internal.engine;

import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.event.StreamListener;
import dev.providers.engine.internal.concurrent.FlowGate;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a stream's events for one consumer that arrives later: a {@link Flow.Publisher} with
 * backpressure, or a blocking iterator. Only one of them may be used, once. Each event stays
 * counted in the stream's {@link FlowGate} until the consumer takes it, so a consumer that
 * never comes, or comes slowly, pauses the stream's socket instead of filling this buffer.
 *
 * <p>Thread-safety: events arrive on the callback executor; the consumer may be on any thread.
 */
final class EventBuffer implements StreamListener {

    private static final System.Logger LOG = System.getLogger(EventBuffer.class.getName());

    private final BlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final Runnable cancelStream;
    private final FlowGate flow;
    private volatile @Nullable Subscription subscription;

    EventBuffer(Runnable cancelStream, FlowGate flow) {
        this.cancelStream = cancelStream;
        this.flow = flow;
    }

    /** Takes an event out of the buffer's count; the consumer has it now. */
    private StreamEvent taken(StreamEvent event) {
        flow.taken(1, EventDispatcher.weight(event));
        return event;
    }

    @Override
    public void onEvent(StreamEvent event) {
        events.add(event);
        Subscription s = subscription;
        if (s != null) {
            s.drain();
        }
    }

    private void claim(String what) {
        if (!claimed.compareAndSet(false, true)) {
            throw new IllegalStateException("a stream's events can be consumed once, through "
                    + "events() or iterator(); " + what + " came second");
        }
    }

    /** Returns a single-use publisher of the events; cancelling its subscription cancels. */
    Flow.Publisher<StreamEvent> publisher() {
        return subscriber -> {
            Objects.requireNonNull(subscriber, "subscriber");
            try {
                claim("events()");
            } catch (IllegalStateException e) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) { }

                    @Override
                    public void cancel() { }
                });
                subscriber.onError(e);
                return;
            }
            Subscription s = new Subscription(subscriber);
            subscriber.onSubscribe(s);
            subscription = s;
            s.drain();
        };
    }

    /** Returns a single-use blocking iterator; {@code next()} waits for the next event. */
    Iterator<StreamEvent> iterator() {
        claim("iterator()");
        return new Iterator<>() {
            private boolean finished;

            @Override
            public boolean hasNext() {
                return !finished;
            }

            @Override
            public StreamEvent next() {
                if (finished) {
                    throw new NoSuchElementException("the stream has ended");
                }
                try {
                    StreamEvent event = taken(events.take());
                    finished = event.isTerminal();
                    return event;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for an event", e);
                }
            }
        };
    }

    /** Delivers events on demand, one drain at a time, completing after the terminal event. */
    private final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super StreamEvent> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean done;

        Subscription(Flow.Subscriber<? super StreamEvent> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                done = true;
                subscriber.onError(new IllegalArgumentException("request(" + n + ") violates "
                        + "the Reactive Streams rule 3.9"));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            if (!done) {
                done = true;
                cancelStream.run();
            }
        }

        void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            while (true) {
                while (!done && demand.get() > 0) {
                    StreamEvent event = events.poll();
                    if (event == null) {
                        break;
                    }
                    demand.decrementAndGet();
                    taken(event);
                    try {
                        subscriber.onNext(event);
                        if (event.isTerminal()) {
                            done = true;
                            subscriber.onComplete();
                        }
                    } catch (Throwable e) {
                        // Reactive Streams 2.13: a subscriber that throws is cancelled
                        LOG.log(System.Logger.Level.WARNING, "a stream subscriber threw; "
                                + "the stream is cancelled", e);
                        cancel();
                        done = true;
                    }
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }
    }
}
