package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Messages routes: {@code POST /messages}, {@code POST /messages/count_tokens} and
 * {@code GET /models}, Anthropic's list paginated with {@code limit} and {@code after_id} (one
 * model per page unless a limit is given, so that a client's pagination is exercised; llama.cpp's
 * list is its own one-page shape). Any other path is a 404, another method a 405, in the
 * profile's error shape.
 *
 * <p>Thread-safety: thread-safe.
 */
final class AnthropicRoutes implements DialectRoutes {

    /** The page size when the request names none. */
    static final int DEFAULT_PAGE = 1;

    private final Profile profile;
    private final MessagesEndpoint messages;

    AnthropicRoutes(Profile profile, MessagesEndpoint messages) {
        this.profile = profile;
        this.messages = messages;
    }

    @Override
    public void route(HttpExchange exchange, String method, String path, byte[] body)
            throws ApiError, IOException {
        String shown = exchange.getRequestURI().getRawPath();
        switch (path) {
            case "/messages" -> {
                requireMethod("POST", method, shown);
                messages.handle(exchange, body);
            }
            case "/messages/count_tokens" -> {
                requireMethod("POST", method, shown);
                messages.countTokens(exchange, body);
            }
            case "/models" -> {
                requireMethod("GET", method, shown);
                Router.sendJson(exchange, 200, profile.has(Quirk.LLAMACPP_WIRE) ? llamaModels()
                        : models(query(exchange.getRequestURI().getRawQuery())));
            }
            default -> throw AnthropicErrors.notFound(profile, method, shown);
        }
    }

    @Override
    public ApiError unauthorized(Profile profile, @Nullable String given) {
        return AnthropicErrors.unauthorized(profile, given);
    }

    @Override
    public int abandonedStreams() {
        return messages.abandonedStreams();
    }

    private void requireMethod(String expected, String method, String shown) throws ApiError {
        if (!expected.equals(method)) {
            if (profile.has(Quirk.LLAMACPP_WIRE)) {
                throw AnthropicErrors.notFound(profile, method, shown);
            }
            throw AnthropicErrors.of(profile, 405, "invalid_request_error", "Method Not "
                    + "Allowed: " + method + " " + shown);
        }
    }

    /** Returns one page of Anthropic's model list. */
    private ObjectNode models(Map<String, String> query) throws ApiError {
        int limit = DEFAULT_PAGE;
        if (query.containsKey("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > 1000) {
                throw AnthropicErrors.invalid(profile, "limit: Input should be between 1 and "
                        + "1000");
            }
        }
        List<ServedModel> all = ServedModel.ALL;
        int from = 0;
        String after = query.get("after_id");
        if (after != null) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(after)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw AnthropicErrors.invalid(profile, "after_id: no model " + after);
            }
        }
        int to = Math.min(all.size(), from + limit);
        ObjectNode page = Json.object();
        ArrayNode data = page.putArray("data");
        for (ServedModel model : all.subList(from, to)) {
            data.addObject().put("type", "model").put("id", model.id())
                    .put("display_name", model.name())
                    .put("created_at", "2025-05-22T00:00:00Z");
        }
        page.put("has_more", to < all.size());
        page.put("first_id", from < to ? all.get(from).id() : null);
        page.put("last_id", from < to ? all.get(to - 1).id() : null);
        return page;
    }

    /** Returns llama-server's model list: one page with an extra {@code models} key. */
    private static ObjectNode llamaModels() {
        ObjectNode list = Json.object();
        for (ServedModel model : ServedModel.ALL) {
            list.withArray("models").addObject().put("name", model.id())
                    .put("model", model.id());
        }
        list.put("object", "list");
        for (ServedModel model : ServedModel.ALL) {
            list.withArray("data").addObject().put("id", model.id()).put("object", "model")
                    .put("created", 1_700_000_000L).put("owned_by", "llamacpp");
        }
        return list;
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&", 20)) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
