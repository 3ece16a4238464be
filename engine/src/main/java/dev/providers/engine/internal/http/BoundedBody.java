package dev.providers.engine.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.jspecify.annotations.Nullable;

/**
 * Reads a small response whole, up to a limit: a larger body fails the exchange with
 * {@link BodyTooLargeException} as soon as it passes the limit, so a server cannot fill the
 * heap.
 *
 * <p>Thread-safety: called by one I/O thread at a time.
 */
final class BoundedBody extends AbstractBinResponseConsumer<SmallResponse> {

    private final int limit;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;
    private @Nullable String contentType;

    BoundedBody(int limit) {
        this.limit = limit;
    }

    @Override
    protected void start(HttpResponse response, @Nullable ContentType type) {
        status = response.getCode();
        contentType = type == null ? null : type.toString();
    }

    @Override
    protected int capacityIncrement() {
        return 64 * 1024;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        if (body.size() + src.remaining() > limit) {
            throw new BodyTooLargeException(limit);
        }
        byte[] chunk = new byte[src.remaining()];
        src.get(chunk);
        body.write(chunk, 0, chunk.length);
    }

    @Override
    protected SmallResponse buildResult() {
        return new SmallResponse(status, contentType, body.toByteArray());
    }

    @Override
    public void releaseResources() {
        // the body is handed over with the result
    }
}
