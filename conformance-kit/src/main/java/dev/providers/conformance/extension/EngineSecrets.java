package dev.providers.conformance.extension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Hands the live redaction views of a run's engines (the tokens they fetched, which no provider
 * file names) from the suite's session to the launcher side that writes the console, the JUnit
 * XML and the reports: the launcher opens a key, passes it as {@link #PARAMETER}, and the
 * session registers each engine's {@code ProviderEngine.redactor(id)} under it. The most recent
 * {@value #KEPT} runs are kept, so reports written after a run still see its views. Not API.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class EngineSecrets {

    /** The configuration parameter that names a run's views. */
    public static final String PARAMETER = "conformance.engineSecrets";
    /** How many runs' views are kept. */
    static final int KEPT = 64;

    private static final AtomicLong NEXT = new AtomicLong();
    private static final Map<String, List<UnaryOperator<String>>> VIEWS =
            new LinkedHashMap<>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(
                        Map.Entry<String, List<UnaryOperator<String>>> eldest) {
                    return size() > KEPT;
                }
            };

    private EngineSecrets() { }

    /** Opens the views of a run; returns the key to pass as {@link #PARAMETER}. */
    public static String open() {
        String key = "engine-secrets-" + NEXT.incrementAndGet();
        synchronized (VIEWS) {
            VIEWS.put(key, new CopyOnWriteArrayList<>());
        }
        return key;
    }

    /** Registers an engine's view under a run's key; an unknown key is ignored. */
    static void register(String key, UnaryOperator<String> view) {
        List<UnaryOperator<String>> views;
        synchronized (VIEWS) {
            views = VIEWS.get(key);
        }
        if (views != null) {
            views.add(view);
        }
    }

    /**
     * Returns a mask that applies every view registered under a key, now and later; it masks
     * nothing once the key is gone.
     */
    public static UnaryOperator<String> view(String key) {
        return text -> {
            List<UnaryOperator<String>> views;
            synchronized (VIEWS) {
                views = VIEWS.get(key);
            }
            String out = text;
            if (views != null) {
                for (UnaryOperator<String> view : views) {
                    out = view.apply(out);
                }
            }
            return out;
        };
    }
}
