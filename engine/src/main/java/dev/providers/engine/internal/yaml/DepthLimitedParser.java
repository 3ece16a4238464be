package dev.providers.engine.internal.yaml;

import java.util.Optional;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A parser that stops a document nesting collections deeper than a limit, before SnakeYAML's
 * composer (which recurses once per level) can run out of stack: 2,000 levels of {@code [[[...}
 * fit in 6 KB.
 *
 * <p>Counts the collection events the composer consumes; the scanner and parser underneath are
 * iterative, so nothing else recurses over the input.
 *
 * <p>Thread-safety: confined to the thread that composes one document.
 */
final class DepthLimitedParser implements Parser {

    /** Thrown when the limit is crossed, with the position of the collection that crosses it. */
    static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient Optional<Mark> mark;

        TooDeep(Optional<Mark> mark) {
            super(null, null, false, false);
            this.mark = mark;
        }

        Optional<Mark> mark() {
            return mark;
        }
    }

    private final Parser delegate;
    private final int maxDepth;
    private int depth;

    DepthLimitedParser(Parser delegate, int maxDepth) {
        this.delegate = delegate;
        this.maxDepth = maxDepth;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return delegate.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return delegate.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public Event next() {
        Event event = delegate.next();
        switch (event.getEventId()) {
            case SequenceStart, MappingStart -> {
                if (++depth > maxDepth) {
                    throw new TooDeep(event.getStartMark());
                }
            }
            case SequenceEnd, MappingEnd -> depth--;
            default -> { }
        }
        return event;
    }
}
