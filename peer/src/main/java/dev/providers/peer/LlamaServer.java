package dev.providers.peer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One llama.cpp {@code llama-server} process on 127.0.0.1 for tests; closing it stops the process.
 *
 * <pre>{@code
 * try (LlamaServer server = LlamaServer.builder(TinyLlamaModel.write(dir)).start()) {
 *     URI chat = URI.create(server.baseUrl() + "/chat/completions");
 * }
 * }</pre>
 */
public final class LlamaServer implements AutoCloseable {

    /** The node-llama-cpp version whose bundled llama.cpp source the binary is built from. */
    public static final String NLC_VERSION = "3.22.1";

    /** The system property naming the binary; it wins over everything else. */
    public static final String BINARY_PROPERTY = "llama.server";

    /** The environment variable naming the binary when the system property is not set. */
    public static final String BINARY_ENV = "LLAMA_SERVER";

    private static final String HOST = "127.0.0.1";
    private static final Pattern LISTENING =
            Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 20;

    private final Process process;
    private final int port;
    private final Path logFile;
    private final String alias;
    private final int contextSize;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LlamaServer(Process process, int port, Options options, Thread shutdownHook) {
        this.process = process;
        this.port = port;
        this.logFile = options.logFile;
        this.alias = options.alias;
        this.contextSize = options.contextSize;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Finds the llama-server binary: the system property {@value #BINARY_PROPERTY}, else the
     * environment variable {@value #BINARY_ENV}, else the cache entry that
     * {@code scripts/build-llama-server.sh} writes; empty unless that file is executable.
     */
    public static Optional<Path> binary() {
        return BinaryLocator.find();
    }

    /** Returns {@link #binary()} or fails with a message that says how to build the binary. */
    public static Path requireBinary() {
        return binary()
                .orElseThrow(() -> new IllegalStateException(BinaryLocator.missingMessage()));
    }

    /** Starts configuring a server for the given GGUF model file. */
    public static Builder builder(Path model) {
        return new Builder(model);
    }

    /** Returns the OpenAI-compatible base URL, {@code http://127.0.0.1:<port>/v1}. */
    public URI baseUrl() {
        return URI.create("http://" + HOST + ":" + port + "/v1");
    }

    /** Returns the TCP port the server listens on. */
    public int port() {
        return port;
    }

    /** Returns the file that receives the server's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** Returns the model name the server reports ({@code --alias}). */
    public String alias() {
        return alias;
    }

    /** Returns the context size in tokens ({@code -c}). */
    public int contextSize() {
        return contextSize;
    }

    /** Stops the process and its descendants: SIGTERM, then a forced kill after a grace period. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to run and stops the process itself
        }
        ProcessTree.stop(process, STOP_GRACE);
    }

    @Override
    public String toString() {
        return "LlamaServer[pid=" + process.pid() + ", " + baseUrl() + ", log=" + logFile + "]";
    }

    private static LlamaServer start(Options o) throws IOException {
        if (!Files.isRegularFile(o.model)) {
            throw new IOException("model file not found: " + o.model);
        }
        Path binary = o.binary != null ? o.binary : requireBinary();
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new IOException("llama-server binary not found or not executable: " + binary);
        }
        List<String> command = List.of(binary.toString(),
                "-m", o.model.toString(),
                "--host", HOST,
                "--port", "0",
                "--alias", o.alias,
                "-c", Integer.toString(o.contextSize),
                "-np", "1",
                "-t", Integer.toString(o.threads));
        Path parent = o.logFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(o.logFile, "# " + String.join(" ", command)
                + (o.apiKey != null ? "  (API key set through $LLAMA_API_KEY)" : "") + "\n",
                StandardCharsets.UTF_8);

        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(o.logFile.toFile()));
        Map<String, String> env = pb.environment();
        // llama.cpp reads LLAMA_ARG_* for any option and AIP_* for a Vertex AI port override;
        // a developer's settings must not change what the tests talk to
        env.keySet().removeIf(k -> k.startsWith("LLAMA_ARG_") || k.startsWith("AIP_"));
        env.remove("LLAMA_API_KEY");
        if (o.apiKey != null) {
            env.put("LLAMA_API_KEY", o.apiKey); // keeps the key out of the process list
        }

        Process process = pb.start();
        process.getOutputStream().close();
        Thread hook = new Thread(() -> ProcessTree.stop(process, STOP_GRACE),
                "llama-server-shutdown-" + process.pid());
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            ProcessTree.stop(process, STOP_GRACE);
            throw new IOException("the JVM is shutting down; llama-server not started");
        }
        try {
            int port = awaitReady(process, o);
            return new LlamaServer(process, port, o, hook);
        } catch (IOException | RuntimeException e) {
            discard(process, hook);
            throw e;
        } catch (InterruptedException e) {
            discard(process, hook);
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException(
                    "interrupted while starting llama-server; log: " + o.logFile);
            ie.initCause(e);
            throw ie;
        }
    }

    private static int awaitReady(Process process, Options o)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(REQUEST_TIMEOUT)
                .build();
        long deadline = System.nanoTime() + o.startTimeout.toNanos();
        long maxAttempts = o.startTimeout.toMillis() / POLL.toMillis() + 1;
        int port = -1;
        int lastStatus = -1;
        for (long attempt = 0; attempt < maxAttempts; attempt++) {
            if (!process.isAlive()) {
                throw new IOException(failure(o, "llama-server exited with code "
                        + process.exitValue() + " while starting"));
            }
            if (port < 0) {
                port = listeningPort(o.logFile);
            }
            if (port > 0) {
                lastStatus = health(http, port);
                if (lastStatus == 200) {
                    return port;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        String state = port < 0 ? "did not report its port"
                : "did not answer 200 on /health (last status " + lastStatus + ") on port " + port;
        throw new IOException(failure(o, "llama-server " + state + " within " + o.startTimeout));
    }

    private static int listeningPort(Path log) throws IOException {
        Matcher m = LISTENING.matcher(readLog(log));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Returns the /health status, or -1 while nothing answers yet. */
    private static int health(HttpClient http, int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://" + HOST + ":" + port + "/health"))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        }
    }

    // decodes leniently: a stray non-UTF-8 byte in the log must not hide the real failure
    private static String readLog(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    private static String failure(Options o, String what) {
        StringBuilder sb = new StringBuilder(what).append("; see the log ").append(o.logFile);
        try {
            List<String> lines = readLog(o.logFile).lines().toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES),
                    lines.size());
            sb.append(" (last ").append(tail.size()).append(" lines:)\n")
                    .append(String.join("\n", tail));
        } catch (IOException | RuntimeException unreadable) {
            sb.append(" (unreadable: ").append(unreadable).append(')');
        }
        return sb.toString();
    }

    private static void discard(Process process, Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook stops the process itself
        }
        ProcessTree.stop(process, STOP_GRACE);
    }

    /** Settings for one server; see {@link LlamaServer#builder(Path)}. */
    public static final class Builder {

        private final Options o = new Options();

        private Builder(Path model) {
            o.model = Objects.requireNonNull(model, "model");
        }

        /** Uses this binary instead of {@link LlamaServer#binary()}. */
        public Builder binary(Path binary) {
            o.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /** Sets the context size in tokens (default 4096). */
        public Builder contextSize(int tokens) {
            if (tokens <= 0) {
                throw new IllegalArgumentException("context size must be positive: " + tokens);
            }
            o.contextSize = tokens;
            return this;
        }

        /** Sets the model name the server reports (default {@code tiny-llama}). */
        public Builder alias(String alias) {
            o.alias = Objects.requireNonNull(alias, "alias");
            return this;
        }

        /** Requires this API key on every request except /health (default: none). */
        public Builder apiKey(String apiKey) {
            o.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** Sets the number of CPU threads (default 2). */
        public Builder threads(int threads) {
            if (threads <= 0) {
                throw new IllegalArgumentException("threads must be positive: " + threads);
            }
            o.threads = threads;
            return this;
        }

        /** Sends the server's output to this file (default: a new temporary file). */
        public Builder logFile(Path logFile) {
            o.logFile = Objects.requireNonNull(logFile, "logFile");
            return this;
        }

        /** Bounds the wait for the server to report its port and answer /health (default 30 s). */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            o.startTimeout = timeout;
            return this;
        }

        /**
         * Starts the process and waits until it answers 200 on /health.
         *
         * @throws IOException if it cannot start or is not ready in time; the message names the
         *     log file and repeats its last lines
         * @throws IllegalStateException if no binary was given and {@link LlamaServer#binary()}
         *     finds none; the message says how to build one
         */
        public LlamaServer start() throws IOException {
            Options copy = o.copy();
            if (copy.logFile == null) {
                copy.logFile = Files.createTempFile("llama-server-", ".log");
            }
            return LlamaServer.start(copy);
        }
    }

    /** The builder's mutable state, copied on start so a builder can start several servers. */
    private static final class Options {
        Path model;
        Path binary;
        int contextSize = 4096;
        String alias = "tiny-llama";
        String apiKey;
        int threads = 2;
        Path logFile;
        Duration startTimeout = Duration.ofSeconds(30);

        Options copy() {
            Options c = new Options();
            c.model = model;
            c.binary = binary;
            c.contextSize = contextSize;
            c.alias = alias;
            c.apiKey = apiKey;
            c.threads = threads;
            c.logFile = logFile;
            c.startTimeout = startTimeout;
            return c;
        }
    }
}
