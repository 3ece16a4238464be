package dev.providers.engine.spi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dialects this JVM knows, by {@code api} id: the built-ins, every dialect a
 * {@code META-INF/services/dev.providers.engine.spi.Dialect} file names on the class path (found
 * on first use), and those registered here. Like JDBC drivers, they are global to the JVM: a
 * provider file's {@code api} is resolved against this set when it is loaded and when a request
 * starts.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Dialects {

    private static final System.Logger LOG = System.getLogger(Dialects.class.getName());
    private static final Map<String, Dialect> KNOWN = new TreeMap<>();
    private static boolean discovered;

    private Dialects() { }

    /**
     * Adds a dialect. Registering the same instance again does nothing.
     *
     * @throws IllegalStateException if another dialect already has its id
     */
    public static synchronized void register(Dialect dialect) {
        Objects.requireNonNull(dialect, "dialect");
        discover();
        add(dialect);
    }

    /**
     * Finds the dialects a class loader offers through {@code META-INF/services} (such as one
     * over the JARs of an extensions folder) and adds those whose id is new; returns their ids.
     * A dialect that cannot be created is logged and skipped.
     */
    public static synchronized Set<String> load(ClassLoader loader) {
        discover();
        Set<String> added = new TreeSet<>();
        for (Dialect dialect : services(loader)) {
            if (!KNOWN.containsKey(dialect.api())) {
                add(dialect);
                added.add(dialect.api());
            }
        }
        return added;
    }

    /** Returns the dialect with this id, if one is known. */
    public static synchronized Optional<Dialect> find(String api) {
        discover();
        return Optional.ofNullable(KNOWN.get(api));
    }

    /**
     * Returns the dialect with this id.
     *
     * @throws IllegalArgumentException naming the known ids when none has it
     */
    public static Dialect require(String api) {
        return find(api).orElseThrow(() -> new IllegalArgumentException("no dialect '" + api
                + "' is known; known dialects: " + String.join(", ", ids())));
    }

    /** Returns the known ids, sorted. */
    public static synchronized Set<String> ids() {
        discover();
        return Set.copyOf(new TreeSet<>(KNOWN.keySet()));
    }

    private static void add(Dialect dialect) {
        String api = Objects.requireNonNull(dialect.api(), "api");
        Dialect known = KNOWN.get(api);
        if (known == dialect) {
            return;
        }
        if (known != null) {
            throw new IllegalStateException("dialect '" + api + "' is already registered, by "
                    + known.getClass().getName() + "; " + dialect.getClass().getName()
                    + " cannot take its id");
        }
        KNOWN.put(api, dialect);
    }

    /** Reads the service files on first use: the engine's own loader, then the thread's. */
    private static void discover() {
        if (discovered) {
            return;
        }
        discovered = true;
        for (Dialect dialect : services(Dialects.class.getClassLoader())) {
            KNOWN.putIfAbsent(dialect.api(), dialect);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != Dialects.class.getClassLoader()) {
            for (Dialect dialect : services(context)) {
                KNOWN.putIfAbsent(dialect.api(), dialect);
            }
        }
    }

    /** Returns the dialects a loader offers; one that cannot be created is logged, skipped. */
    private static List<Dialect> services(ClassLoader loader) {
        List<Dialect> found = new ArrayList<>();
        Iterator<Dialect> it = ServiceLoader.load(Dialect.class, loader).iterator();
        for (int guard = 0; guard < 10_000; guard++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.log(System.Logger.Level.WARNING, "a dialect could not be loaded: "
                        + e.getMessage(), e);
            }
        }
        return found;
    }
}
