package dev.providers.conformance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An endpoint on 127.0.0.1 that answers every chat request with an event stream of
 * {@code : ping} comments and nothing else, until the client goes away (or a minute has
 * passed, or the server is closed). It counts the streams it opened and those the client
 * ended, so that a test can see its streams were cancelled.
 */
final class HeartbeatServer implements AutoCloseable {

    private static final Duration PING_EVERY = Duration.ofMillis(50);
    /** A stream ends by itself after this many pings: a bound, never reached by a test. */
    private static final int MAX_PINGS = 1200;

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger endedByClient = new AtomicInteger();
    private volatile boolean closed;

    HeartbeatServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "heartbeat-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Returns the base URL, e.g. {@code http://127.0.0.1:40123/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    /** Returns how many event streams were opened. */
    int opened() {
        return opened.get();
    }

    /**
     * Waits at most {@code max} until every opened stream was ended by its client, polling;
     * returns whether they all were.
     */
    boolean awaitAllEndedByClients(Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (endedByClient.get() < opened.get()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                clients.add(client);
                Thread handler = new Thread(() -> serve(client), "heartbeat-stream");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            in.readNBytes(contentLength(head));
            OutputStream out = client.getOutputStream();
            if (!head.startsWith("POST")) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 11\r\nConnection: close\r\n\r\n{\"data\":[]}")
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    + "Cache-Control: no-cache\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            opened.incrementAndGet();
            for (int i = 0; i < MAX_PINGS && !closed; i++) {
                try {
                    out.write(": ping\n\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException gone) {
                    endedByClient.incrementAndGet();
                    return;
                }
                Thread.sleep(PING_EVERY.toMillis());
            }
        } catch (IOException | InterruptedException e) {
            // the server closed, or the client went away before the stream began
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 64 * 1024 && !head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket client : clients) {
            client.close();
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
