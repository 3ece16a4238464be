package dev.providers.conformance.containers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in Docker engine on a Unix socket or on 127.0.0.1: it answers every request with a
 * fixed HTTP response, or, given none, accepts connections and never answers. Stopped by
 * {@link #close()}, which also ends every connection it holds.
 */
final class FakeDockerEngine implements AutoCloseable {

    private final ServerSocketChannel server;
    private final @Nullable String response;
    private final @Nullable Path socket;
    private final List<SocketChannel> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FakeDockerEngine(ServerSocketChannel server, @Nullable String response,
            @Nullable Path socket) {
        this.server = server;
        this.response = response;
        this.socket = socket;
        this.acceptor = new Thread(this::serve, "fake-docker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a Unix socket at {@code path}. */
    static FakeDockerEngine unix(Path path, @Nullable String response) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        return new FakeDockerEngine(server, response, path);
    }

    /** Listens on 127.0.0.1, a free port. */
    static FakeDockerEngine tcp(@Nullable String response) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new FakeDockerEngine(server, response, null);
    }

    /** Returns the Unix socket it listens on, or null on TCP. */
    @Nullable Path socket() {
        return socket;
    }

    /** Returns e.g. {@code tcp://127.0.0.1:40123}. */
    String dockerHost() throws IOException {
        if (socket != null) {
            return "unix://" + socket;
        }
        InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
        return "tcp://127.0.0.1:" + address.getPort();
    }

    private void serve() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                if (response == null) {
                    held.add(client); // never answered; closed with the engine
                    continue;
                }
                try (client) {
                    ByteBuffer request = ByteBuffer.allocate(8192);
                    // read the request head, then answer and close
                    while (request.hasRemaining() && client.read(request) >= 0
                            && !new String(request.array(), 0, request.position(),
                                    StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
                        // keep reading
                    }
                    ByteBuffer out = ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8));
                    while (out.hasRemaining()) {
                        client.write(out);
                    }
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel client : held) {
            client.close();
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
    }
}
