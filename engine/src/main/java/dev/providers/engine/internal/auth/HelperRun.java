package dev.providers.engine.internal.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One run of a credential helper: the program started without a shell, its standard input
 * closed, standard output and error read on threads of their own (so neither can fill its pipe
 * and stall the helper), everything bounded: the run may take {@code timeout} (then the helper
 * and its children are killed), its output at most {@code maxOutput} bytes (more kills it too),
 * its error output is kept up to 64 KiB.
 *
 * <p>Thread-safety: one run per instance; {@link #run} blocks its caller (an auth thread).
 */
final class HelperRun {

    /** What a run produced. */
    record Outcome(int exitCode, String stdout, String stderr) { }

    /** Why a run produced nothing usable; the message names the program, never its output. */
    static final class HelperFailure extends Exception {
        private static final long serialVersionUID = 1L;

        HelperFailure(String message) {
            super(message);
        }
    }

    static final int MAX_STDERR = 64 * 1024;

    private final List<String> argv;
    private final Duration timeout;
    private final int maxOutput;

    HelperRun(List<String> argv, Duration timeout, int maxOutput) {
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
        this.maxOutput = maxOutput;
    }

    /** Returns the program's name as messages show it: the last part of its path. */
    String program() {
        Path name = Path.of(argv.get(0)).getFileName();
        return name == null ? argv.get(0) : name.toString();
    }

    Outcome run() throws HelperFailure, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            String reason = String.valueOf(e.getMessage());
            throw new HelperFailure("credential helper '" + program() + "' could not be started"
                    + (reason.contains("error=2") ? ": not found (is it on PATH?)"
                            : reason.contains("error=13") ? ": not executable" : ""));
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the helper has exited already or does not read: either way it gets no input
        }
        Reader stdout = new Reader(process.getInputStream(), maxOutput + 1, "stdout",
                () -> kill(process));
        Reader stderr = new Reader(process.getErrorStream(), MAX_STDERR, "stderr", null);
        stdout.start();
        stderr.start();
        try {
            boolean exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (stdout.size() > maxOutput) {
                throw new HelperFailure("credential helper '" + program() + "' printed more "
                        + "than " + maxOutput / 1024 + " KiB and was stopped");
            }
            if (!exited) {
                kill(process);
                throw new HelperFailure("credential helper '" + program() + "' did not finish "
                        + "within " + timeout.toSeconds() + " s and was stopped");
            }
            // the pipes close when the helper exits, unless a child it left behind holds them
            stdout.join(TimeUnit.SECONDS.toMillis(5));
            stderr.join(TimeUnit.SECONDS.toMillis(5));
            if (stdout.size() > maxOutput) {
                throw new HelperFailure("credential helper '" + program() + "' printed more "
                        + "than " + maxOutput / 1024 + " KiB and was stopped");
            }
            return new Outcome(process.exitValue(), stdout.text(), stderr.text());
        } finally {
            kill(process);
            stdout.interrupt();
            stderr.interrupt();
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Reads one stream up to a limit; at the limit it runs {@code overflow} (kills the helper)
     * and stops, or without one drains the rest so that the helper never blocks on the pipe.
     */
    private static final class Reader extends Thread {
        private final InputStream in;
        private final int limit;
        private final @Nullable Runnable overflow;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Reader(InputStream in, int limit, String what, @Nullable Runnable overflow) {
            super("providers-auth-helper-" + what);
            setDaemon(true);
            this.in = in;
            this.limit = limit;
            this.overflow = overflow;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    int room = limit - size();
                    if (room > 0) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, Math.min(n, room));
                        }
                    }
                    if (n >= room && overflow != null) {
                        overflow.run();
                        return;
                    }
                }
            } catch (IOException e) {
                // the process was killed; what arrived is kept
            }
        }

        int size() {
            synchronized (bytes) {
                return bytes.size();
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
