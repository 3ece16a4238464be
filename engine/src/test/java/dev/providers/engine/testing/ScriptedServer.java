package dev.providers.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted HTTP/1.1 server on 127.0.0.1 for engine tests: it answers each request with the
 * next scripted response (status, headers, body parts with pauses, or a stream that stays open),
 * keeps connections alive, records every request, and notes when a client closes a connection,
 * even one that is idle mid-stream.
 */
public final class ScriptedServer implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, Map<String, String> headers, byte[] body,
            int connection) {
        /** Returns the body as text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One scripted response. */
    public static final class Response {
        final int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        final List<byte[]> parts = new ArrayList<>();
        final List<Duration> pauses = new ArrayList<>();
        boolean chunked = true;
        boolean hang;
        boolean close;
        Duration headDelay = Duration.ZERO;

        private Response(int status) {
            this.status = status;
        }

        /** A 200 event stream of these raw parts, sent as they are. */
        public static Response sse(String... parts) {
            Response r = new Response(200).header("Content-Type", "text/event-stream");
            for (String part : parts) {
                r.part(part, Duration.ZERO);
            }
            return r;
        }

        /** A response with a status and a fixed body. */
        public static Response status(int status, String body) {
            Response r = new Response(status);
            r.chunked = false;
            r.parts.add(body.getBytes(StandardCharsets.UTF_8));
            r.pauses.add(Duration.ZERO);
            return r;
        }

        /** Adds a header. */
        public Response header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Adds a body part sent after a pause. */
        public Response part(String text, Duration pause) {
            parts.add(text.getBytes(StandardCharsets.UTF_8));
            pauses.add(pause);
            return this;
        }

        /** Waits before sending the response head. */
        public Response headDelay(Duration delay) {
            headDelay = delay;
            return this;
        }

        /** Keeps the stream open after the parts, until the client closes it. */
        public Response hang() {
            hang = true;
            return this;
        }

        /** Closes the connection after the response. */
        public Response closeAfter() {
            close = true;
            return this;
        }
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    private final ConcurrentLinkedQueue<Response> script = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final List<Long> clientCloseNanos = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ScriptedServer() throws IOException {
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "scripted-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server on a free loopback port. */
    public static ScriptedServer start() throws IOException {
        return new ScriptedServer();
    }

    /** Returns {@code http://127.0.0.1:<port>/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
    }

    /** Queues the next response. */
    public ScriptedServer enqueue(Response response) {
        script.add(response);
        return this;
    }

    /** Returns the next request received, waiting up to 10 s. */
    public Request takeRequest() throws InterruptedException {
        Request request = requests.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived within 10 s");
        }
        return request;
    }

    /** Returns how many requests arrived. */
    public int requestCount() {
        return requests.size();
    }

    /** Returns how many connections clients opened. */
    public int connectionsOpened() {
        return opened.get();
    }

    /** Returns how many connections clients closed. */
    public int connectionsClosedByClient() {
        return closedByClient.get();
    }

    /** Returns the nanoTime of each close by a client. */
    public List<Long> clientCloseTimes() {
        return List.copyOf(clientCloseNanos);
    }

    private void accept() {
        int ids = 0;
        while (!closed) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                sockets.add(s);
                opened.incrementAndGet();
                int id = ++ids;
                Thread t = new Thread(() -> serve(s, id), "scripted-server-conn-" + id);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int connection) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (!closed) {
                Request request = read(in, connection);
                if (request == null) {
                    clientClosed();
                    return;
                }
                requests.add(request);
                Response response = script.poll();
                if (response == null) {
                    response = Response.status(500, "{\"error\":{\"message\":\"no scripted "
                            + "response\"}}");
                }
                if (!respond(response, in, out)) {
                    return;
                }
                if (response.close) {
                    return;
                }
            }
        } catch (IOException e) {
            if (!closed) {
                clientClosed();
            }
        }
    }

    private void clientClosed() {
        clientCloseNanos.add(System.nanoTime());
        closedByClient.incrementAndGet();
    }

    /** Writes a response; returns false when the client went away meanwhile. */
    private boolean respond(Response r, InputStream in, OutputStream out) throws IOException {
        sleep(r.headDelay);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(r.status).append(' ')
                .append(reason(r.status)).append("\r\n");
        r.headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (r.chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else {
            int length = r.parts.stream().mapToInt(p -> p.length).sum();
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        if (r.close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (int i = 0; i < r.parts.size(); i++) {
            sleep(r.pauses.get(i));
            byte[] part = r.parts.get(i);
            if (r.chunked) {
                if (part.length == 0) {
                    continue;
                }
                out.write((Integer.toHexString(part.length) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(part);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(part);
            }
            out.flush();
        }
        if (r.hang) {
            // idle mid-stream: a read returns -1 the moment the client closes
            while (in.read() >= 0) {
                // a client does not send data mid-response; ignore anything
            }
            clientClosed();
            return false;
        }
        if (r.chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return true;
    }

    /** Reads one request (head and Content-Length body), or returns null at the end. */
    static Request read(InputStream in, int connection) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int b;
        int last = -1;
        while ((b = in.read()) >= 0) {
            if (b == '\n' && last == '\r') {
                byte[] bytes = line.toByteArray();
                String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                if (text.isEmpty()) {
                    break;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
            last = b;
        }
        if (b < 0) {
            return null;
        }
        String[] requestLine = lines.get(0).split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : lines.subList(1, lines.size())) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Request(requestLine[0], requestLine[1], headers, body, connection);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static void sleep(Duration pause) {
        if (!pause.isZero()) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
