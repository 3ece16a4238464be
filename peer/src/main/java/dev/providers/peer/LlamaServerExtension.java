package dev.providers.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link LlamaServer} parameters to one shared server per test run, with the tiny model
 * and default options, stopped when the run ends.
 *
 * <p>A missing binary fails the tests with instructions to build it, or, when the system
 * property {@value #SKIP_PROPERTY} is {@code true}, skips every test of the extended class.
 */
public final class LlamaServerExtension implements ParameterResolver, ExecutionCondition {

    /** The system property that turns a missing llama-server binary into a skip. */
    public static final String SKIP_PROPERTY = "llama.skip";

    /** The system property naming a directory for server logs (default: a temporary one). */
    public static final String LOG_DIR_PROPERTY = "llama.log.dir";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LlamaServerExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // a skip must be decided here: JUnit turns an abort during parameter resolution into an
        // error
        if (LlamaServer.binary().isPresent() || !Boolean.getBoolean(SKIP_PROPERTY)) {
            return ConditionEvaluationResult.enabled("llama-server found or required");
        }
        return ConditionEvaluationResult.disabled(skipReason());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LlamaServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Path binary = binaryOrAbort();
        // the root store outlives every test class and closes AutoCloseable values at the end
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, k -> Shared.start(binary), Shared.class)
                .server;
    }

    /**
     * Returns the llama-server binary; without one, aborts the current test if
     * {@value #SKIP_PROPERTY} is {@code true} and fails it with build instructions otherwise.
     */
    public static Path binaryOrAbort() {
        Optional<Path> binary = LlamaServer.binary();
        if (binary.isPresent()) {
            return binary.get();
        }
        if (Boolean.getBoolean(SKIP_PROPERTY)) {
            Assumptions.abort(skipReason());
        }
        throw new IllegalStateException(BinaryLocator.missingMessage() + " (-D" + SKIP_PROPERTY
                + "=true skips these tests instead.)");
    }

    private static String skipReason() {
        return BinaryLocator.missingMessage() + " Skipped because -D" + SKIP_PROPERTY + "=true.";
    }

    /** Returns a new log file path for a server, under {@value #LOG_DIR_PROPERTY} if set. */
    public static Path newLogFile(String name) throws IOException {
        String dir = System.getProperty(LOG_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            return Files.createTempFile(name + "-", ".log");
        }
        Path logDir = Files.createDirectories(Path.of(dir));
        return Files.createTempFile(logDir, name + "-", ".log");
    }

    /** The shared server and the model directory it reads, removed together. */
    private static final class Shared implements AutoCloseable {
        private final LlamaServer server;
        private final Path modelDir;

        private Shared(LlamaServer server, Path modelDir) {
            this.server = server;
            this.modelDir = modelDir;
        }

        static Shared start(Path binary) {
            Path modelDir = null;
            try {
                modelDir = Files.createTempDirectory("tiny-llama-");
                Path model = TinyLlamaModel.write(modelDir);
                LlamaServer server = LlamaServer.builder(model)
                        .binary(binary)
                        .logFile(newLogFile("llama-server-shared"))
                        .start();
                return new Shared(server, modelDir);
            } catch (IOException e) {
                deleteQuietly(modelDir);
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            server.close();
            deleteQuietly(modelDir);
        }

        private static void deleteQuietly(Path modelDir) {
            if (modelDir == null) {
                return;
            }
            try {
                Files.deleteIfExists(modelDir.resolve(TinyLlamaModel.FILE_NAME));
                Files.deleteIfExists(modelDir);
            } catch (IOException leftInTempDir) {
                // a stray 0.5 MB file in the temp directory is not worth failing a test run for
            }
        }
    }
}
