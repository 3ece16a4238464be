package dev.providers.conformance.suite.behaviour;

import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.engine.StreamOptions;
import dev.providers.engine.event.StreamEvent;
import dev.providers.engine.message.Context;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts a stream that cancels itself, from its listener, once enough text has arrived. */
final class CancelAfter {

    private CancelAfter() { }

    /** Cancels after {@code chars} characters of text and thinking. */
    static StreamRecord chars(ProviderUnderTest provider, Context context, int chars) {
        AtomicInteger seen = new AtomicInteger();
        return provider.stream(context, StreamOptions.defaults(), (self, event) -> {
            int length = event instanceof StreamEvent.TextDelta text ? text.delta().length()
                    : event instanceof StreamEvent.ThinkingDelta thinking
                    ? thinking.delta().length() : 0;
            if (length > 0 && seen.addAndGet(length) >= chars) {
                self.cancel();
            }
        });
    }
}
