package dev.providers.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyLlamaModelTest {

    /** The Python generator's output for seed 42 (CPython 3.11), pinned independently. */
    private static final String PYTHON_SHA256 =
            "d84024f0f605c8d78a60288abf8ea177935ea55e89f2a5433677faf540262905";

    @Test
    void writesTheSameBytesAsThePythonGenerator(@TempDir Path dir)
            throws IOException, NoSuchAlgorithmException {
        Path gguf = TinyLlamaModel.write(dir);

        assertEquals(dir.resolve("tiny-llama.gguf"), gguf);
        assertEquals(537_088, Files.size(gguf));
        assertEquals(PYTHON_SHA256, sha256(gguf));
        assertEquals(PYTHON_SHA256, TinyLlamaModel.SHA256);
    }

    @Test
    void rewritingReplacesTheFileWithIdenticalBytes(@TempDir Path dir)
            throws IOException, NoSuchAlgorithmException {
        TinyLlamaModel.write(dir);
        Path again = TinyLlamaModel.write(dir);

        assertEquals(TinyLlamaModel.SHA256, sha256(again));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        return HexFormat.of().formatHex(digest);
    }
}
