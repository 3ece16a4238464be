package dev.providers.engine.internal.auth;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secrets the engine obtained for one provider at run time (tokens, refresh tokens, a
 * helper's output), which no provider file names and so no redactor built from the file knows.
 * Bounded: the {@value #MAX} most recent values are kept.
 *
 * <p>Thread-safety: thread-safe; readers get an immutable snapshot, taken on each change
 * (changes are rare: one per token).
 */
public final class KnownSecrets {

    /** How many values are kept; older tokens have long expired. */
    static final int MAX = 64;

    private final Set<String> values = new LinkedHashSet<>();
    private volatile List<String> snapshot = List.of();

    /** Remembers a value; empty ones are ignored. */
    public void add(String value) {
        if (value.isEmpty()) {
            return;
        }
        synchronized (values) {
            if (!values.add(value)) {
                return;
            }
            if (values.size() > MAX) {
                Iterator<String> oldest = values.iterator();
                oldest.next();
                oldest.remove();
            }
            snapshot = List.copyOf(values);
        }
    }

    /** Returns the values known now, for a request's redactor. */
    public List<String> values() {
        return snapshot;
    }

    /** Returns how many values are known; never a value. */
    @Override
    public String toString() {
        return "KnownSecrets[" + snapshot.size() + "]";
    }
}
