package dev.providers.conformance.wire;

import dev.providers.conformance.api.SentRequest.Image;

/** Reads the image an OpenAI-style {@code image_url} carries, for the wire views that send one. */
final class DataUrls {

    private static final String DATA_URL = "data:";
    private static final String BASE64 = ";base64,";

    private DataUrls() { }

    /** Returns the image of a URL: a base64 data URL gives its type and data, else the URL. */
    static Image image(String url) {
        int base64 = url.indexOf(BASE64);
        if (url.startsWith(DATA_URL) && base64 > 0) {
            return new Image(url.substring(DATA_URL.length(), base64),
                    url.substring(base64 + BASE64.length()));
        }
        return new Image(null, url);
    }
}
