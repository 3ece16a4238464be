package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * The routes of OpenAI's two dialects: {@code POST} to the dialect's path
 * ({@code /chat/completions} or {@code /responses}) and {@code GET /models}; any other path is
 * a 404 and another method a 405, in OpenAI's error shape (llama.cpp's for its profiles).
 *
 * <p>Thread-safety: thread-safe.
 */
final class OpenAiRoutes implements DialectRoutes {

    /** The endpoint that answers a dialect's requests. */
    interface Endpoint {
        /** Answers one request to the dialect's path. */
        void handle(HttpExchange exchange, byte[] body) throws ApiError, IOException;

        /** Returns how many streams ended because the client closed the connection. */
        int abandonedStreams();
    }

    private final Profile profile;
    private final String path;
    private final Endpoint endpoint;

    /** Routes {@code POST path} to {@code endpoint}. */
    OpenAiRoutes(Profile profile, String path, Endpoint endpoint) {
        this.profile = profile;
        this.path = path;
        this.endpoint = endpoint;
    }

    @Override
    public void route(HttpExchange exchange, String method, String path, byte[] body)
            throws ApiError, IOException {
        String shown = exchange.getRequestURI().getRawPath();
        if (path.equals(this.path)) {
            if (!method.equals("POST")) {
                throw Refusals.wrongMethod(profile, method, shown);
            }
            endpoint.handle(exchange, body);
        } else if (path.equals("/models")) {
            if (!method.equals("GET")) {
                throw Refusals.wrongMethod(profile, method, shown);
            }
            Router.sendJson(exchange, 200, models());
        } else {
            throw Refusals.notFound(profile, method, shown);
        }
    }

    @Override
    public int abandonedStreams() {
        return endpoint.abandonedStreams();
    }

    private ObjectNode models() {
        ObjectNode list = Json.object();
        list.put("object", "list");
        for (ServedModel model : ServedModel.ALL) {
            list.withArray("data").addObject().put("id", model.id()).put("object", "model")
                    .put("created", 1_700_000_000L).put("owned_by",
                            profile.has(Quirk.LLAMACPP_WIRE) ? "llamacpp" : "providers-reference");
        }
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            // llama-server's extra top-level key, whichever dialect the client speaks
            for (ServedModel model : ServedModel.ALL) {
                list.withArray("models").addObject().put("name", model.id())
                        .put("model", model.id());
            }
        }
        return list;
    }
}
