package dev.providers.engine.auth;

import dev.providers.engine.internal.auth.FileCredentialStore;
import dev.providers.engine.internal.auth.MemoryCredentialStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where logins are kept, per provider id: the engine reads a provider's stored credential when
 * a request needs it, saves it after a login and after every refresh (a server that rotates
 * refresh tokens gets the new one kept), and deletes it on logout.
 *
 * <p>The default is {@link #file}{@code (}{@link #defaultPath}{@code )}: one JSON file,
 * {@code $XDG_CONFIG_HOME/providers/credentials.json} (else
 * {@code ~/.config/providers/credentials.json}), readable by its owner only and replaced
 * atomically. Applications with a keychain implement this interface.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface CredentialStore {

    /**
     * Returns the credential stored for a provider, if any.
     *
     * @throws IOException if the store cannot be read
     */
    Optional<StoredCredential> load(String providerId) throws IOException;

    /**
     * Stores a provider's credential, replacing what was stored.
     *
     * @throws IOException if the store cannot be written
     */
    void save(String providerId, StoredCredential credential) throws IOException;

    /**
     * Deletes a provider's credential and returns whether one was stored.
     *
     * @throws IOException if the store cannot be written
     */
    boolean delete(String providerId) throws IOException;

    /** Returns where the credentials are kept, for messages (a path, never a secret). */
    default String location() {
        return getClass().getSimpleName();
    }

    /** Returns the store in one JSON file at {@code path}, mode 0600, replaced atomically. */
    static CredentialStore file(Path path) {
        return new FileCredentialStore(path);
    }

    /** Returns a store that keeps credentials in memory only, for tests and short-lived use. */
    static CredentialStore inMemory() {
        return new MemoryCredentialStore();
    }

    /**
     * Returns the default credential file for an environment:
     * {@code $XDG_CONFIG_HOME/providers/credentials.json} when that variable is an absolute path,
     * else {@code $HOME/.config/providers/credentials.json}, else under the JVM's
     * {@code user.home}.
     */
    static Path defaultPath(Function<String, @Nullable String> environment) {
        String config = environment.apply("XDG_CONFIG_HOME");
        if (config != null && !config.isBlank() && Path.of(config).isAbsolute()) {
            return Path.of(config, "providers", "credentials.json");
        }
        String home = environment.apply("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home, ".config", "providers", "credentials.json");
    }
}
