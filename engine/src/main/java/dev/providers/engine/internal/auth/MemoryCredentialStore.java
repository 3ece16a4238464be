package dev.providers.engine.internal.auth;

import dev.providers.engine.auth.CredentialStore;
import dev.providers.engine.auth.StoredCredential;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials in memory, gone with the process.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class MemoryCredentialStore implements CredentialStore {

    private final Map<String, StoredCredential> credentials = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredCredential> load(String providerId) {
        return Optional.ofNullable(credentials.get(providerId));
    }

    @Override
    public void save(String providerId, StoredCredential credential) {
        credentials.put(providerId, credential);
    }

    @Override
    public boolean delete(String providerId) {
        return credentials.remove(providerId) != null;
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public String toString() {
        return "MemoryCredentialStore[" + credentials.size() + " providers]";
    }
}
