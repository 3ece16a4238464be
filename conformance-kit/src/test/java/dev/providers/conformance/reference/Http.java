package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Raw HTTP against a reference server, for wire-level assertions. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() { }

    /**
     * A response.
     *
     * @param status the HTTP status
     * @param body the body text
     * @param contentType the Content-Type header, or ""
     */
    record Response(int status, String body, String contentType) {

        JsonNode json() {
            try {
                return Json.parse(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** Returns the JSON payloads of the {@code data:} lines, [DONE] excluded. */
        List<JsonNode> chunks() {
            List<JsonNode> out = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                    try {
                        out.add(Json.parse(line.substring(6)));
                    } catch (IOException e) {
                        throw new AssertionError("bad chunk: " + line, e);
                    }
                }
            }
            return out;
        }

        /** Returns the error message of an OpenAI-shaped error body. */
        String message() {
            return json().path("error").path("message").asText();
        }
    }

    static Response post(ReferenceServer server, String path, String key, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.baseUrl().getPort() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    static Response post(ReferenceServer server, String key, String body) {
        return post(server, "/v1/chat/completions", key, body.getBytes(StandardCharsets.UTF_8));
    }

    static Response post(ReferenceServer server, String body) {
        return post(server, Harness.KEY, body);
    }

    static Response get(ReferenceServer server, String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.baseUrl().getPort() + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request,
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
