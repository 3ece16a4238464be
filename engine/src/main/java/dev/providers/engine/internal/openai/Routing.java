package dev.providers.engine.internal.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Gateway routing fields
 * ({@code docs/dialects/openai-completions.md} §3.1 #13): OpenRouter's {@code provider}
 * object, verbatim, and Vercel AI Gateway's {@code providerOptions.gateway} with its
 * {@code only} and {@code order} lists.
 *
 * <p>Thread-safety: stateless.
 */
final class Routing {

    private Routing() { }

    /** Writes the routing fields the flags declare. */
    static void write(ObjectNode body, CompatFlags compat) {
        Map<String, @Nullable Object> openRouter = compat.openRouterRouting();
        if (openRouter != null) {
            body.set("provider", WireJson.tree(openRouter));
        }
        Map<String, @Nullable Object> vercel = compat.vercelGatewayRouting();
        if (vercel == null) {
            return;
        }
        ObjectNode gateway = WireJson.object();
        for (String key : new String[] {"only", "order"}) {
            Object value = vercel.get(key);
            if (value != null) {
                gateway.set(key, WireJson.tree(value));
            }
        }
        // a routing block that names neither list routes nothing, so no empty object is sent
        if (!gateway.isEmpty()) {
            body.putObject("providerOptions").set("gateway", gateway);
        }
    }
}
