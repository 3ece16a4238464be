package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The error bodies of the Messages profiles: Anthropic's
 * {@code {"type":"error","error":{"type":…,"message":…}}}, or, for the llama.cpp profile, the
 * OpenAI-shaped {@code {"error":{"code","message","type"}}} its server sends on every route
 * (measured against llama-server b1-de3ff81).
 */
final class AnthropicErrors {

    private AnthropicErrors() { }

    /** Returns a 400 {@code invalid_request_error} in the profile's shape. */
    static ApiError invalid(Profile profile, String message) {
        return of(profile, 400, "invalid_request_error", message);
    }

    /** Returns an error of any status and type in the profile's shape. */
    static ApiError of(Profile profile, int status, String type, String message) {
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            ObjectNode body = Json.object();
            ObjectNode error = body.putObject("error");
            error.put("code", status);
            error.put("message", message);
            error.put("type", type);
            return ApiError.of(status, body);
        }
        ObjectNode body = Json.object();
        body.put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return ApiError.of(status, body);
    }

    /** Returns the 401 for a missing or wrong key (llama.cpp: "Invalid API Key"). */
    static ApiError unauthorized(Profile profile, @Nullable String given) {
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            return of(profile, 401, "authentication_error", "Invalid API Key");
        }
        return of(profile, 401, "authentication_error", "invalid x-api-key");
    }

    /** Returns the 404 for a path the server does not serve. */
    static ApiError notFound(Profile profile, String method, String path) {
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            return of(profile, 404, "not_found_error", "File Not Found");
        }
        return of(profile, 404, "not_found_error", "Not Found: " + method + " " + path);
    }

    /** Returns the refusal of a body that is not JSON (llama.cpp: a 500 from its parser). */
    static ApiError notJson(Profile profile, String detail) {
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            return of(profile, 500, "server_error", "[json.exception.parse_error.101] parse "
                    + "error: " + detail);
        }
        return invalid(profile, "There was an error parsing the body: " + detail);
    }
}
