package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * The Responses routes: {@code POST /responses} and {@code GET /models}; any other path is a 404
 * and another method a 405, in OpenAI's error shape (llama.cpp's for its profile).
 *
 * <p>Thread-safety: thread-safe.
 */
final class ResponsesRoutes implements DialectRoutes {

    private final Profile profile;
    private final ResponsesEndpoint responses;

    ResponsesRoutes(Profile profile, ResponsesEndpoint responses) {
        this.profile = profile;
        this.responses = responses;
    }

    @Override
    public void route(HttpExchange exchange, String method, String path, byte[] body)
            throws ApiError, IOException {
        String shown = exchange.getRequestURI().getRawPath();
        switch (path) {
            case "/responses" -> {
                if (!method.equals("POST")) {
                    throw Refusals.wrongMethod(profile, method, shown);
                }
                responses.handle(exchange, body);
            }
            case "/models" -> {
                if (!method.equals("GET")) {
                    throw Refusals.wrongMethod(profile, method, shown);
                }
                Router.sendJson(exchange, 200, models());
            }
            default -> throw Refusals.notFound(profile, method, shown);
        }
    }

    @Override
    public int abandonedStreams() {
        return responses.abandonedStreams();
    }

    private ObjectNode models() {
        ObjectNode list = Json.object();
        list.put("object", "list");
        for (ServedModel model : ServedModel.ALL) {
            list.withArray("data").addObject().put("id", model.id()).put("object", "model")
                    .put("created", 1_700_000_000L).put("owned_by",
                            profile.has(Quirk.LLAMACPP_WIRE) ? "llamacpp" : "providers-reference");
        }
        return list;
    }
}
