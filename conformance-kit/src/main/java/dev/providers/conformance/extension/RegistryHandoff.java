package dev.providers.conformance.extension;

import dev.providers.engine.registry.ProviderRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands a registry built in code to the suite's session: configuration parameters are strings,
 * so the launcher side offers the registry under a key, passes the key as
 * {@link #PARAMETER}, and withdraws it when the run is over. Not API.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class RegistryHandoff {

    /** The configuration parameter that names an offered registry. */
    public static final String PARAMETER = "conformance.registryHandoff";

    private static final Map<String, ProviderRegistry> OFFERED = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();

    private RegistryHandoff() { }

    /** Offers a registry for one run; returns the key to pass as {@link #PARAMETER}. */
    public static String offer(ProviderRegistry registry) {
        String key = "registry-" + NEXT.incrementAndGet();
        OFFERED.put(key, registry);
        return key;
    }

    /** Withdraws an offered registry; an unknown key is ignored. */
    public static void withdraw(String key) {
        OFFERED.remove(key);
    }

    /** Returns the registry offered under a key, if it is still offered. */
    static Optional<ProviderRegistry> find(String key) {
        return Optional.ofNullable(OFFERED.get(key));
    }
}
