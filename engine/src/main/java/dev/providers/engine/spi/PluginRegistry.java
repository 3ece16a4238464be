package dev.providers.engine.spi;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
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
import java.util.function.Function;

/**
 * Plug-ins of one kind by id: the built-ins given at creation, every implementation a
 * {@code META-INF/services/<type>} file names on the class path (found on first use, through the
 * registry's own class loader and the thread's), and those registered in code. What
 * {@link Dialects} is for dialects, a tool built on the engine can have for its own plug-ins
 * (the conformance kit keeps its wire views this way).
 *
 * @param <T> the plug-in type
 *
 * <p>Thread-safety: thread-safe.
 */
public final class PluginRegistry<T> {

    private static final System.Logger LOG = System.getLogger(PluginRegistry.class.getName());

    private final Class<T> type;
    private final Function<T, String> id;
    private final String what;
    private final List<T> builtIns;
    private final Map<String, T> known = new TreeMap<>();
    private boolean discovered;

    /**
     * Creates a registry of {@code type}, identified by {@code id} and called {@code what} in
     * messages (such as "dialect"), with these built-ins (which win over discovered ones).
     */
    public PluginRegistry(Class<T> type, Function<T, String> id, String what, List<T> builtIns) {
        this.type = Objects.requireNonNull(type, "type");
        this.id = Objects.requireNonNull(id, "id");
        this.what = Objects.requireNonNull(what, "what");
        this.builtIns = List.copyOf(builtIns);
        // the service loader is asked from this module, which must declare the use of the type
        PluginRegistry.class.getModule().addUses(type);
    }

    /**
     * Adds a plug-in. Registering the same instance again does nothing.
     *
     * @throws IllegalStateException if another plug-in already has its id
     */
    public synchronized void register(T plugin) {
        Objects.requireNonNull(plugin, what);
        discover();
        String key = Objects.requireNonNull(id.apply(plugin), "id");
        T present = known.get(key);
        if (present == plugin) {
            return;
        }
        if (present != null) {
            throw new IllegalStateException(what + " '" + key + "' is already registered, by "
                    + present.getClass().getName() + "; " + plugin.getClass().getName()
                    + " cannot take its id");
        }
        known.put(key, plugin);
    }

    /**
     * Adds the plug-ins a class loader offers through {@code META-INF/services} whose id is new,
     * and returns their ids; one that cannot be created is logged and skipped.
     */
    public synchronized Set<String> load(ClassLoader loader) {
        discover();
        Set<String> added = new TreeSet<>();
        for (T plugin : services(loader)) {
            if (known.putIfAbsent(id.apply(plugin), plugin) == null) {
                added.add(id.apply(plugin));
            }
        }
        return added;
    }

    /** Returns the plug-in with this id, if one is known. */
    public synchronized Optional<T> find(String key) {
        discover();
        return Optional.ofNullable(known.get(key));
    }

    /** Returns the known ids, sorted. */
    public synchronized Set<String> ids() {
        discover();
        return Collections.unmodifiableSortedSet(new TreeSet<>(known.keySet()));
    }

    private void discover() {
        if (discovered) {
            return;
        }
        discovered = true;
        for (T plugin : builtIns) {
            known.put(id.apply(plugin), plugin);
        }
        for (T plugin : services(PluginRegistry.class.getClassLoader())) {
            known.putIfAbsent(id.apply(plugin), plugin);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != PluginRegistry.class.getClassLoader()) {
            for (T plugin : services(context)) {
                known.putIfAbsent(id.apply(plugin), plugin);
            }
        }
    }

    /** Returns what a loader offers; a plug-in that cannot be created is logged, skipped. */
    private List<T> services(ClassLoader loader) {
        List<T> found = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(type, loader).iterator();
        for (int guard = 0; guard < 10_000; guard++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.log(Level.WARNING, "a " + what + " could not be loaded: " + e.getMessage(), e);
            }
        }
        return found;
    }
}
