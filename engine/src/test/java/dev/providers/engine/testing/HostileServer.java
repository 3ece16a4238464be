package dev.providers.engine.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A misbehaving HTTP/1.1 server on 127.0.0.1 for hardening tests: every request is answered by
 * a {@link Behaviour} that writes whatever it likes to the socket (endless lines, millions of
 * events, compressed bombs, bodies that drip or stall), generating its bytes as it goes so that
 * the server itself holds no memory. It counts the bytes it managed to write and notes when a
 * client closes, so a test can tell that a client stopped reading or hung up.
 */
public final class HostileServer implements AutoCloseable {

    /** Writes one response. */
    @FunctionalInterface
    public interface Behaviour {
        /** Writes the response (head and body) for {@code request} to {@code out}. */
        void respond(ScriptedServer.Request request, Output out) throws IOException,
                InterruptedException;
    }

    /** The socket's output with helpers; counts what was written. */
    public final class Output {
        private final OutputStream out;
        private final Socket socket;

        Output(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        }

        /** Writes a response head with these headers (no body framing added). */
        public void head(int status, String... headers) throws IOException {
            StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status)
                    .append(status == 200 ? " OK" : " Status").append("\r\n");
            for (String header : headers) {
                text.append(header).append("\r\n");
            }
            text.append("\r\n");
            write(text.toString());
            flush();
        }

        /** Writes text as UTF-8. */
        public void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Writes bytes. */
        public void write(byte[] bytes) throws IOException {
            write(bytes, 0, bytes.length);
        }

        /** Writes part of an array. */
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            written.addAndGet(length);
        }

        /** Writes one HTTP/1.1 chunk. */
        public void chunk(byte[] bytes) throws IOException {
            if (bytes.length == 0) {
                return;
            }
            out.write((Integer.toHexString(bytes.length) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        /** Writes one chunk of UTF-8 text. */
        public void chunk(String text) throws IOException {
            chunk(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Ends a chunked body. */
        public void endChunks() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            flush();
        }

        /** Flushes what was written. */
        public void flush() throws IOException {
            out.flush();
        }

        /** Waits until the client closes the connection (or the server stops). */
        public void awaitClientClose() throws IOException {
            flush();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // a client sends nothing mid-response
            }
        }
    }

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final BlockingQueue<ScriptedServer.Request> requests = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicInteger clientCloses = new AtomicInteger();
    private volatile boolean closed;

    private HostileServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server on a free loopback port that answers every request with behaviour. */
    public static HostileServer start(Behaviour behaviour) throws IOException {
        return new HostileServer(behaviour);
    }

    /** Returns {@code http://127.0.0.1:<port>/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
    }

    /** Returns the bytes written to all clients so far. */
    public long written() {
        return written.get();
    }

    /** Returns how many times a client closed a connection while it was being answered. */
    public int clientCloses() {
        return clientCloses.get();
    }

    /** Returns the next request received, waiting up to 10 s. */
    public ScriptedServer.Request takeRequest() throws InterruptedException {
        ScriptedServer.Request request = requests.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived within 10 s");
        }
        return request;
    }

    /**
     * Waits until the bytes written stop growing for {@code quietMillis} (the client stopped
     * reading and the socket buffers are full) or {@code maxMillis} pass; returns the count.
     */
    public long awaitWritesStall(long quietMillis, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        long last = written();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            long now = written();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= TimeUnit.MILLISECONDS.toNanos(
                    quietMillis)) {
                return now;
            }
        }
        throw new AssertionError("the server kept writing for " + maxMillis + " ms ("
                + last + " bytes)");
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "hostile-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            while (!closed) {
                ScriptedServer.Request request = ScriptedServer.read(in, 0);
                if (request == null) {
                    return;
                }
                requests.add(request);
                Output out = new Output(s);
                behaviour.respond(request, out);
                out.flush();
            }
        } catch (IOException e) {
            if (!closed) {
                clientCloses.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
