package dev.providers.engine.internal.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.auth.CredentialStore;
import dev.providers.engine.auth.StoredCredential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Credentials in one JSON file, per provider id:
 * {@code {"version": 1, "providers": {"<id>": {"type", "accessToken", "refreshToken",
 * "expiresAt", "obtainedAt"}}}}. The file and its directory are created readable by their owner
 * only (0600, 0700 where the file system has POSIX permissions); every change is written to a
 * temporary file in the same directory and renamed over the old one, so a reader sees either
 * version and never half of one. Changes are read-modify-write under a lock held by this JVM and
 * a file lock (on {@code <file>.lock}) that other processes honour; entries of other providers
 * are kept as they are.
 *
 * <p>Bounded: a file over 1 MiB is refused. Messages name the file, never its contents.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class FileCredentialStore implements CredentialStore {

    /** The largest credential file read. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> FILE_MODE =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE =
            PosixFilePermissions.fromString("rwx------");
    /** One lock per file within the JVM: file locks do not exclude threads of one process. */
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;

    public FileCredentialStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    @Override
    public Optional<StoredCredential> load(String providerId) throws IOException {
        JsonNode entry = read().path("providers").path(providerId);
        return entry.isObject() ? Optional.of(credential(entry, providerId)) : Optional.empty();
    }

    @Override
    public void save(String providerId, StoredCredential credential) throws IOException {
        update(root -> {
            ObjectNode entry = providers(root).putObject(providerId);
            entry.put("type", credential.type());
            entry.put("accessToken", credential.accessToken());
            if (credential.refreshToken() != null) {
                entry.put("refreshToken", credential.refreshToken());
            }
            if (credential.expiresAt() != null) {
                entry.put("expiresAt", credential.expiresAt().toString());
            }
            entry.put("obtainedAt", credential.obtainedAt().toString());
            return true;
        });
    }

    @Override
    public boolean delete(String providerId) throws IOException {
        boolean[] removed = new boolean[1];
        update(root -> {
            removed[0] = providers(root).remove(providerId) != null;
            return removed[0];
        });
        return removed[0];
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public String toString() {
        return "FileCredentialStore[" + file + "]";
    }

    private interface Change {
        /** Changes the document; returns whether there is anything to write. */
        boolean apply(ObjectNode root) throws IOException;
    }

    private void update(Change change) throws IOException {
        synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
            Path directory = file.getParent();
            createDirectory(directory);
            Path lockFile = directory.resolve(file.getFileName() + ".lock");
            try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockChannel.lock()) {
                ObjectNode root = read();
                if (change.apply(root)) {
                    write(root);
                }
            }
        }
    }

    private ObjectNode read() throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return empty();
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException("the credential file " + file + " is larger than 1 MiB");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // the parser's message may quote the file, which holds tokens
            throw new IOException("the credential file " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + "); fix or delete it");
        }
        if (root == null || root.isMissingNode()) {
            return empty();
        }
        if (!root.isObject() || root.path("version").asInt(-1) != VERSION) {
            throw new IOException("the credential file " + file + " is not a version "
                    + VERSION + " credential file");
        }
        return (ObjectNode) root;
    }

    private static ObjectNode empty() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.putObject("providers");
        return root;
    }

    private static ObjectNode providers(ObjectNode root) {
        JsonNode providers = root.get("providers");
        return providers instanceof ObjectNode o ? o : root.putObject("providers");
    }

    private StoredCredential credential(JsonNode entry, String providerId) throws IOException {
        String access = text(entry, "accessToken");
        String type = text(entry, "type");
        if (access == null || access.isEmpty() || type == null) {
            throw new IOException("the credential file " + file + " has an entry for "
                    + providerId + " without type or accessToken");
        }
        try {
            Instant obtained = instant(text(entry, "obtainedAt"));
            return new StoredCredential(type, access, text(entry, "refreshToken"),
                    instant(text(entry, "expiresAt")), obtained == null ? Instant.EPOCH
                            : obtained);
        } catch (DateTimeParseException e) {
            throw new IOException("the credential file " + file + " has an entry for "
                    + providerId + " with a time that is not ISO-8601");
        }
    }

    private static @Nullable String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static @Nullable Instant instant(@Nullable String value) {
        return value == null ? null : Instant.parse(value);
    }

    private void write(ObjectNode root) throws IOException {
        Path directory = file.getParent();
        Path temp = posix(directory) ? Files.createTempFile(directory, ".credentials-", ".tmp",
                PosixFilePermissions.asFileAttribute(FILE_MODE))
                : Files.createTempFile(directory, ".credentials-", ".tmp");
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix(directory)) {
            FileAttribute<Set<PosixFilePermission>> mode =
                    PosixFilePermissions.asFileAttribute(DIRECTORY_MODE);
            Files.createDirectories(directory, mode);
        } else {
            Files.createDirectories(directory);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
