package dev.providers.engine.auth;

import dev.providers.engine.testing.HostileServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An OpenAI-style chat endpoint for credential tests: each request's credential (the bearer
 * token) is judged by a policy; an accepted one gets a short streamed answer, a refused one the
 * status the policy chose, with {@code Retry-After} on 429 and, when asked, the credential
 * echoed in the error body as careless servers do. Every credential received is recorded.
 */
final class BearerServer implements AutoCloseable {

    /** A policy's verdict: a status and, for 429, the seconds to wait. */
    record Verdict(int status, int retryAfter) {
        static final Verdict OK = new Verdict(200, 0);

        static Verdict refuse(int status) {
            return new Verdict(status, 0);
        }
    }

    private final HostileServer server;
    private final List<String> seen = new ArrayList<>();

    private BearerServer(Function<String, Verdict> policy, boolean echo) throws IOException {
        this.server = HostileServer.start((request, out) -> {
            String authorization = request.headers().getOrDefault("authorization", "");
            String credential = authorization.startsWith("Bearer ")
                    ? authorization.substring(7) : "";
            synchronized (seen) {
                seen.add(credential);
            }
            Verdict verdict = policy.apply(credential);
            if (verdict.status() == 200 && request.path().endsWith("/models")) {
                byte[] body = "{\"data\":[{\"id\":\"m\"}]}".getBytes(StandardCharsets.UTF_8);
                out.head(200, "Content-Type: application/json", "Content-Length: "
                        + body.length);
                out.write(body);
                return;
            }
            if (verdict.status() == 200) {
                byte[] body = ("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                        + "\"content\":\"Hello\"}}]}\n\n"
                        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\","
                        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"
                        + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
                out.head(200, "Content-Type: text/event-stream",
                        "Content-Length: " + body.length);
                out.write(body);
                return;
            }
            String message = echo ? "Incorrect API key provided: " + credential
                    + " (that is, " + credential.substring(0, credential.length() / 2) + "…)"
                    : "the credential was refused";
            byte[] body = ("{\"error\":{\"message\":\"" + message + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            List<String> headers = new ArrayList<>(List.of("Content-Type: application/json",
                    "Content-Length: " + body.length));
            if (verdict.retryAfter() > 0) {
                headers.add("Retry-After: " + verdict.retryAfter());
            }
            out.head(verdict.status(), headers.toArray(String[]::new));
            out.write(body);
        });
    }

    /** Starts a server that judges credentials with {@code policy}. */
    static BearerServer start(Function<String, Verdict> policy) throws IOException {
        return new BearerServer(policy, false);
    }

    /** Starts a server whose refusals echo the credential, as many 401 bodies do. */
    static BearerServer echoing(Function<String, Verdict> policy) throws IOException {
        return new BearerServer(policy, true);
    }

    URI baseUrl() {
        return server.baseUrl();
    }

    /** Returns the credentials received so far, in order. */
    List<String> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
