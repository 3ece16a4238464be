package dev.providers.engine.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.auth.CredentialStore;
import dev.providers.engine.auth.StoredCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential file: owner-only, replaced atomically through a temporary file in its own
 * directory, other providers' entries kept, concurrent writers serialised, and messages that
 * never quote it.
 */
class FileCredentialStoreTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static StoredCredential login(String access, String refresh) {
        return new StoredCredential("oauth2-device", access, refresh, NOW.plusSeconds(3600), NOW);
    }

    @Test
    void theDefaultPathFollowsXdgThenHome() {
        assertEquals(Path.of("/cfg/providers/credentials.json"), CredentialStore.defaultPath(
                Map.of("XDG_CONFIG_HOME", "/cfg", "HOME", "/home/u")::get));
        assertEquals(Path.of("/home/u/.config/providers/credentials.json"),
                CredentialStore.defaultPath(Map.of("XDG_CONFIG_HOME", "relative", "HOME",
                        "/home/u")::get));
        assertEquals(Path.of("/home/u/.config/providers/credentials.json"),
                CredentialStore.defaultPath(Map.of("HOME", "/home/u")::get));
    }

    @Test
    void aSavedLoginLoadsBackAndTheFileIsTheOwnersOnly() throws IOException {
        Path file = dir.resolve("config").resolve("providers").resolve("credentials.json");
        CredentialStore store = CredentialStore.file(file);
        store.save("sso", login("at-1", "rt-1"));
        assertEquals(Optional.of(login("at-1", "rt-1")), store.load("sso"));
        assertEquals(Optional.empty(), store.load("other"));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file.getParent())));
        }
        String text = Files.readString(file);
        assertTrue(text.contains("\"version\" : 1"), text);
        assertTrue(text.contains("\"refreshToken\" : \"rt-1\""), text);
    }

    @Test
    void savingReplacesTheEntryKeepsTheOthersAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("credentials.json");
        CredentialStore store = CredentialStore.file(file);
        store.save("a", login("at-a", "rt-a"));
        store.save("b", login("at-b", "rt-b"));
        store.save("a", login("at-a2", "rt-a2"));
        assertEquals("rt-a2", store.load("a").orElseThrow().refreshToken());
        assertEquals("at-b", store.load("b").orElseThrow().accessToken());
        assertTrue(store.delete("a"));
        assertFalse(store.delete("a"));
        assertEquals(Optional.empty(), store.load("a"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("credentials.json", "credentials.json.lock"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        CredentialStore store = CredentialStore.file(dir.resolve("credentials.json"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> saves = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "p" + i;
                saves.add(pool.submit(() -> {
                    store.save(id, login("at-" + id, null));
                    return null;
                }));
            }
            for (Future<?> save : saves) {
                save.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 40; i++) {
            assertEquals("at-p" + i, store.load("p" + i).orElseThrow().accessToken());
        }
    }

    @Test
    void aDamagedFileIsNamedWithoutQuotingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("credentials.json"),
                "{\"version\":1,\"providers\":{\"sso\":{\"accessToken\":\"at-secret-123\"");
        CredentialStore store = CredentialStore.file(file);
        IOException e = assertThrows(IOException.class, () -> store.load("sso"));
        assertEquals("the credential file " + file + " is not valid JSON (line 1); fix or "
                + "delete it", e.getMessage());
        Files.writeString(file, "{\"version\":7}");
        e = assertThrows(IOException.class, () -> store.load("sso"));
        assertEquals("the credential file " + file + " is not a version 1 credential file",
                e.getMessage());
        assertFalse(login("at-secret-123", "rt-secret").toString().contains("secret"));
    }
}
