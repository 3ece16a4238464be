package dev.providers.engine.message;

import java.util.Base64;
import java.util.Objects;

/**
 * An image, sent as a {@code data:} URL.
 *
 * @param data the image bytes, base64 encoded
 * @param mimeType e.g. {@code image/png}
 */
public record ImageContent(String data, String mimeType) implements UserContent {

    /** Rejects nulls. */
    public ImageContent {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(mimeType, "mimeType");
    }

    /** Returns an image from raw bytes. */
    public static ImageContent of(byte[] bytes, String mimeType) {
        return new ImageContent(Base64.getEncoder().encodeToString(bytes), mimeType);
    }

    /** Shows the type and size, never the data. */
    @Override
    public String toString() {
        return "ImageContent[" + mimeType + ", " + data.length() + " base64 chars]";
    }
}
