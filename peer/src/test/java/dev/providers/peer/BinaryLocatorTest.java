package dev.providers.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryLocatorTest {

    @Test
    void explicitMissingBinaryIsReportedWithBuildInstructions(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-llama-server");
        String saved = System.getProperty(LlamaServer.BINARY_PROPERTY);
        System.setProperty(LlamaServer.BINARY_PROPERTY, missing.toString());
        try {
            assertEquals(Optional.empty(), LlamaServer.binary());
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, LlamaServer::requireBinary);
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("scripts/build-llama-server.sh"), e.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty(LlamaServer.BINARY_PROPERTY);
            } else {
                System.setProperty(LlamaServer.BINARY_PROPERTY, saved);
            }
        }
    }

    @Test
    void cachePathFollowsTheBuildScriptLayout() {
        Path cached = BinaryLocator.cached();
        String entry = "nlc-" + LlamaServer.NLC_VERSION + "-" + BinaryLocator.osName() + "-"
                + BinaryLocator.archName();
        if ("Linux".equals(System.getProperty("os.name"))
                && "amd64".equals(System.getProperty("os.arch"))) {
            assertEquals("nlc-" + LlamaServer.NLC_VERSION + "-linux-x64", entry);
        }

        assertEquals("llama-server", cached.getFileName().toString());
        if (System.getenv("NLC_VERSION") == null) {
            assertEquals(entry, cached.getParent().getFileName().toString());
        }
        assertEquals("llama-server", cached.getParent().getParent().getFileName().toString());
    }
}
