package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * The chat-completions routes: {@code POST /chat/completions} and {@code GET /models}; any
 * other path is a 404 and another method a 405, in OpenAI's error shape.
 *
 * <p>Thread-safety: thread-safe.
 */
final class ChatCompletionsRoutes implements DialectRoutes {

    private final Profile profile;
    private final ChatEndpoint chat;

    ChatCompletionsRoutes(Profile profile, ChatEndpoint chat) {
        this.profile = profile;
        this.chat = chat;
    }

    @Override
    public void route(HttpExchange exchange, String method, String path, byte[] body)
            throws ApiError, IOException {
        String shown = exchange.getRequestURI().getRawPath();
        switch (path) {
            case "/chat/completions" -> {
                if (!method.equals("POST")) {
                    throw Refusals.wrongMethod(profile, method, shown);
                }
                chat.handle(exchange, body);
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
        return chat.abandonedStreams();
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
            // llama-server's extra top-level key
            for (ServedModel model : ServedModel.ALL) {
                list.withArray("models").addObject().put("name", model.id())
                        .put("model", model.id());
            }
        }
        return list;
    }
}
