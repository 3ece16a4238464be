package dev.providers.conformance.containers;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A direct, bounded look at the Docker engine that Testcontainers would try first: the socket or
 * {@code tcp://} address in {@code DOCKER_HOST}, else {@code /var/run/docker.sock}, asked
 * {@code GET /_ping} with a short timeout. A daemon that does not answer, a socket this user may
 * not use, a black-holed address or an engine in trouble then give a one-line reason within
 * seconds instead of Testcontainers' long retries. Addresses it cannot speak to ({@code ssh://},
 * {@code npipe://}, TLS) are left to Testcontainers, TLS after a plain TCP connect.
 *
 * <p>Thread-safety: stateless; each request runs on a daemon thread of its own, which is closed
 * out at the timeout.
 */
final class DockerProbe {

    /** How long the probe waits for the engine by default. */
    static final Duration TIMEOUT = Duration.ofMillis(2500);

    /** The most of an answer that is read; {@code /_ping} and {@code /version} are far smaller. */
    private static final int MAX_ANSWER = 64 * 1024;

    /** What the probe found. */
    enum Outcome {
        /** The engine answered {@code /_ping} with 200. */
        ANSWERED,
        /** Something listens, but the probe cannot speak its protocol (TLS): ask Testcontainers. */
        REACHABLE,
        /** The probe cannot reach this kind of address ({@code ssh://}): ask Testcontainers. */
        NOT_PROBED,
        /** No usable engine: {@link Result#reason} says why. */
        FAILED
    }

    /**
     * The probe's answer.
     *
     * @param outcome what it found
     * @param address the address asked, for messages ({@code /var/run/docker.sock},
     *     {@code tcp://10.0.0.9:2375})
     * @param reason why there is no usable engine, in one line; empty unless FAILED
     */
    record Result(Outcome outcome, String address, String reason) implements Lookup { }

    /** Where to ask, or what is known without asking. */
    private sealed interface Lookup permits Result, Target { }

    /** An HTTP answer: the status code and the body (possibly cut). */
    record Answer(int status, String statusLine, String body) { }

    /** Where a request goes. */
    private record Target(String address, @Nullable Path socket, @Nullable String host, int port,
            boolean tls) implements Lookup {

        SocketChannel open() throws IOException {
            return socket != null ? SocketChannel.open(StandardProtocolFamily.UNIX)
                    : SocketChannel.open();
        }

        SocketAddress resolve() {
            // resolved on the probe's thread: a name lookup can hang too
            return socket != null ? UnixDomainSocketAddress.of(socket)
                    : new InetSocketAddress(host, port);
        }
    }

    private DockerProbe() { }

    /** Pings the engine the environment names, waiting at most {@code timeout}. */
    static Result ping(Map<String, String> environment, Path defaultSocket, Duration timeout) {
        Lookup lookup = lookup(environment, defaultSocket);
        if (!(lookup instanceof Target target)) {
            return (Result) lookup;
        }
        try {
            if (target.tls()) {
                exchange(target, null, timeout);
                return new Result(Outcome.REACHABLE, target.address(), "");
            }
            Answer answer = parse(exchange(target, "/_ping", timeout));
            if (answer.status() == 200) {
                return new Result(Outcome.ANSWERED, target.address(), "");
            }
            return failed(target, "the Docker engine at " + target.address()
                    + " answered GET /_ping with " + answer.statusLine()
                    + (answer.body().isBlank() ? "" : ": " + oneLine(answer.body())));
        } catch (ProbeFailure e) {
            return failed(target, e.getMessage());
        }
    }

    /**
     * Returns the body of {@code GET path} when the engine answers 200 within the timeout, or
     * null; for details in messages, never for decisions.
     */
    static @Nullable String get(Map<String, String> environment, Path defaultSocket,
            String path, Duration timeout) {
        Lookup lookup = lookup(environment, defaultSocket);
        if (!(lookup instanceof Target target) || target.tls()) {
            return null;
        }
        try {
            Answer answer = parse(exchange(target, path, timeout));
            return answer.status() == 200 ? answer.body() : null;
        } catch (ProbeFailure e) {
            return null;
        }
    }

    /** Returns where to ask, or the result when there is nothing to ask. */
    private static Lookup lookup(Map<String, String> environment, Path defaultSocket) {
        String host = environment.getOrDefault("DOCKER_HOST", "").strip();
        if (host.isEmpty()) {
            if (!Files.exists(defaultSocket)) {
                return new Result(Outcome.FAILED, defaultSocket.toString(), "no Docker engine "
                        + "found: " + defaultSocket + " does not exist and DOCKER_HOST is not set");
            }
            return new Target(defaultSocket.toString(), defaultSocket, null, 0, false);
        }
        String scheme = host.contains("://") ? host.substring(0, host.indexOf("://"))
                .toLowerCase(Locale.ROOT) : "";
        String named = "DOCKER_HOST=" + host;
        switch (scheme) {
            case "unix" -> {
                Path socket = Path.of(host.substring("unix://".length()));
                if (!Files.exists(socket)) {
                    return new Result(Outcome.FAILED, host, "no Docker engine found: " + named
                            + " names a socket that does not exist");
                }
                return new Target(named, socket, null, 0, false);
            }
            case "tcp", "http", "https" -> {
                URI uri;
                try {
                    uri = URI.create("tcp" + host.substring(scheme.length()));
                } catch (IllegalArgumentException e) {
                    return new Result(Outcome.FAILED, host, named + " is not an address: "
                            + e.getMessage());
                }
                if (uri.getHost() == null) {
                    return new Result(Outcome.FAILED, host, named + " names no host");
                }
                String verify = environment.getOrDefault("DOCKER_TLS_VERIFY", "").strip();
                boolean tls = scheme.equals("https") || !(verify.isEmpty() || verify.equals("0"));
                int port = uri.getPort() > 0 ? uri.getPort() : tls ? 2376 : 2375;
                return new Target(named, null, uri.getHost(), port, tls);
            }
            default -> {
                return new Result(Outcome.NOT_PROBED, host, "");
            }
        }
    }

    private static Result failed(Target target, String reason) {
        return new Result(Outcome.FAILED, target.address(), reason);
    }

    /** Why a request did not get an answer; its message is the one-line reason. */
    private static final class ProbeFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ProbeFailure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Connects and, given a path, sends {@code GET path} and reads the answer until the engine
     * closes the connection; everything within {@code timeout}.
     */
    private static String exchange(Target target, @Nullable String path, Duration timeout)
            throws ProbeFailure {
        SocketChannel channel;
        try {
            channel = target.open();
        } catch (IOException e) {
            throw new ProbeFailure("cannot open a connection to the Docker engine at "
                    + target.address() + ": " + e.getMessage());
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                answer.complete(talk(channel, target, path));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        }, "docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProbeFailure("no answer from a Docker engine at " + target.address()
                    + " within " + seconds(timeout) + " s (is the daemon running, and is the "
                    + "address reachable?)");
        } catch (ExecutionException e) {
            throw new ProbeFailure(describe(target, e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure("interrupted while asking the Docker engine at "
                    + target.address());
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is what ends a probe that hangs; nothing more to do
            }
        }
    }

    private static String talk(SocketChannel channel, Target target, @Nullable String path)
            throws IOException {
        channel.connect(target.resolve());
        if (path == null) {
            return "";
        }
        String request = "GET " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: "
                + "providers-conformance\r\nConnection: close\r\n\r\n";
        ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer in = ByteBuffer.allocate(MAX_ANSWER);
        while (in.hasRemaining() && channel.read(in) >= 0) {
            // read until the engine closes the connection or the buffer is full
        }
        return new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
    }

    private static String describe(Target target, Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof AccessDeniedException
                || message.toLowerCase(Locale.ROOT).contains("permission denied")) {
            return "permission denied on " + target.address() + " (may this user use the Docker "
                    + "socket? e.g. add it to the docker group)";
        }
        if (failure instanceof ConnectException
                || message.toLowerCase(Locale.ROOT).contains("connection refused")) {
            return "no Docker engine listens at " + target.address()
                    + " (connection refused; is the daemon running?)";
        }
        return "cannot reach the Docker engine at " + target.address() + ": "
                + (failure.getMessage() == null ? failure.getClass().getSimpleName()
                        : failure.getClass().getSimpleName() + ": " + message);
    }

    /** Reads the status line and the body of an HTTP/1.x answer. */
    static Answer parse(String raw) throws ProbeFailure {
        int lineEnd = raw.indexOf("\r\n");
        String statusLine = lineEnd < 0 ? raw : raw.substring(0, lineEnd);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new ProbeFailure("the address did not answer like a Docker engine"
                    + (raw.isBlank() ? " (it closed the connection)" : ": '"
                            + oneLine(statusLine) + "'"));
        }
        int headersEnd = raw.indexOf("\r\n\r\n");
        String body = headersEnd < 0 ? "" : raw.substring(headersEnd + 4);
        if (raw.substring(0, Math.max(headersEnd, 0)).toLowerCase(Locale.ROOT)
                .contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(parts[1]), parts.length == 3 ? parts[1] + " "
                + parts[2] : parts[1], body);
    }

    /** Joins a chunked body; a malformed one is returned as far as it could be read. */
    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(body.substring(at, lineEnd).split(";", 2)[0].strip(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size <= 0 || lineEnd + 2 + size > body.length()) {
                break;
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }

    private static String seconds(Duration duration) {
        long tenths = (duration.toMillis() + 50) / 100;
        return tenths % 10 == 0 ? String.valueOf(tenths / 10) : tenths / 10 + "." + tenths % 10;
    }
}
