package dev.providers.conformance.api;

import dev.providers.conformance.wire.OpenAiCompletionsView;
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
 * The wire views the kit knows, by {@code api} id: the built-in ones, every view a
 * {@code META-INF/services/dev.providers.conformance.api.WireView} file names on the class path
 * (found on first use, so a user's dialect JAR may bring its own), and those registered here.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class WireViews {

    private static final System.Logger LOG = System.getLogger(WireViews.class.getName());
    private static final Map<String, WireView> KNOWN = new TreeMap<>();
    private static boolean discovered;

    private WireViews() { }

    /**
     * Adds a view. Registering the same instance again does nothing.
     *
     * @throws IllegalStateException if another view already reads its dialect
     */
    public static synchronized void register(WireView view) {
        Objects.requireNonNull(view, "view");
        discover();
        String api = Objects.requireNonNull(view.api(), "api");
        WireView known = KNOWN.get(api);
        if (known == view) {
            return;
        }
        if (known != null) {
            throw new IllegalStateException("a wire view for '" + api + "' is already "
                    + "registered, by " + known.getClass().getName());
        }
        KNOWN.put(api, view);
    }

    /** Returns the view of the dialect {@code api}, if the kit has one. */
    public static synchronized Optional<WireView> find(String api) {
        discover();
        return Optional.ofNullable(KNOWN.get(api));
    }

    /** Returns the ids of the dialects with a view, sorted. */
    public static synchronized Set<String> ids() {
        discover();
        return Set.copyOf(new TreeSet<>(KNOWN.keySet()));
    }

    /**
     * Returns why a check is left out for a dialect without a view:
     * {@code no wire view for dialect X: <what> not checked}.
     */
    public static String missing(String api, String unchecked) {
        return "no wire view for dialect " + api + ": " + unchecked + " not checked";
    }

    /** Adds the built-ins, then reads the service files of the kit's loader and the thread's. */
    private static void discover() {
        if (discovered) {
            return;
        }
        discovered = true;
        WireView openAi = new OpenAiCompletionsView();
        KNOWN.put(openAi.api(), openAi);
        for (WireView view : services(WireViews.class.getClassLoader())) {
            KNOWN.putIfAbsent(view.api(), view);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != WireViews.class.getClassLoader()) {
            for (WireView view : services(context)) {
                KNOWN.putIfAbsent(view.api(), view);
            }
        }
    }

    /** Returns the views a loader offers; one that cannot be created is logged and skipped. */
    private static List<WireView> services(ClassLoader loader) {
        List<WireView> found = new ArrayList<>();
        Iterator<WireView> it = ServiceLoader.load(WireView.class, loader).iterator();
        for (int guard = 0; guard < 10_000; guard++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.log(System.Logger.Level.WARNING, "a wire view could not be loaded: "
                        + e.getMessage(), e);
            }
        }
        return found;
    }
}
