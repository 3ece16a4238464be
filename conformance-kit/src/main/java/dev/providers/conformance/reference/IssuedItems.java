package dev.providers.conformance.reference;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The function calls a server issued together with a reasoning item, so that it can refuse a
 * replayed call that comes back with its id but without that item, as OpenAI does. Bounded:
 * the oldest entries go first.
 *
 * <p>Thread-safety: thread-safe.
 */
final class IssuedItems {

    private static final int CAPACITY = 10_000;

    private final Map<String, String> reasoningByCall = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Records that function call item {@code callItem} was issued after {@code reasoning}. */
    synchronized void issued(String callItem, String reasoning) {
        reasoningByCall.put(callItem, reasoning);
    }

    /** Returns the reasoning item a function call item was issued with, or null. */
    synchronized @Nullable String reasoningOf(String callItem) {
        return reasoningByCall.get(callItem);
    }
}
