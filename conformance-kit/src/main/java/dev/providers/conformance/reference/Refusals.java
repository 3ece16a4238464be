package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The refusals that happen before a request is read as a chat request: authentication, unknown
 * paths, bodies that are not JSON, oversized bodies; each in the profile's server's words.
 */
final class Refusals {

    private Refusals() { }

    /** Returns the 401 for a missing ({@code given} null) or wrong key; the key is masked. */
    static ApiError unauthorized(Profile profile, @Nullable String given) {
        if (GoogleErrors.speaks(profile)) {
            return GoogleErrors.unauthorized(profile, given);
        }
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            return llamaCpp(401, "Invalid API Key", "authentication_error");
        }
        if (given == null) {
            return ApiError.openai(401, "You didn't provide an API key. You need to provide your "
                    + "API key in an Authorization header using Bearer auth (i.e. "
                    + "Authorization: Bearer YOUR_KEY).", "invalid_request_error", null, null);
        }
        return ApiError.openai(401, "Incorrect API key provided: " + mask(given) + ".",
                "invalid_request_error", null, "invalid_api_key");
    }

    /** Returns the 404 for a path the server does not serve. */
    static ApiError notFound(Profile profile, String method, String path) {
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            return llamaCpp(404, "File Not Found", "not_found_error");
        }
        return ApiError.openai(404, "Invalid URL (" + method + " " + path + ")",
                "invalid_request_error", null, null);
    }

    /** Returns the 405 for a known path asked with the wrong method. */
    static ApiError wrongMethod(Profile profile, String method, String path) {
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            return llamaCpp(404, "File Not Found", "not_found_error");
        }
        return ApiError.openai(405, "Invalid method for URL (" + method + " " + path + ")",
                "invalid_request_error", null, null);
    }

    /** Returns the refusal of a body that is not JSON (llama.cpp: a 500 from its parser). */
    static ApiError notJson(Profile profile, String detail) {
        if (profile.has(Quirk.LLAMACPP_WIRE)) {
            return llamaCpp(500, "[json.exception.parse_error.101] parse error: " + detail,
                    "server_error");
        }
        return ApiError.invalid("We could not parse the JSON body of your request. (HINT: This "
                + "likely means you aren't using your HTTP library correctly. The OpenAI API "
                + "expects a JSON payload, but what was sent was not valid JSON. If you have "
                + "trouble figuring out how to fix this, please contact us through our help "
                + "center at help.openai.com.)", null, null);
    }

    /** Returns the 413 for a body over the limit. */
    static ApiError tooLarge(long limit) {
        return ApiError.openai(413, "Request body too large: the limit is " + limit + " bytes.",
                "invalid_request_error", null, "request_too_large");
    }

    /**
     * Returns a key as OpenAI shows it: the first and last three characters, never the whole
     * key; short keys are hidden entirely.
     */
    static String mask(String key) {
        if (key.length() < 8) {
            return "***";
        }
        return key.substring(0, 3) + "..." + key.substring(key.length() - 3);
    }

    private static ApiError llamaCpp(int status, String message, String type) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", status);
        error.put("message", message);
        error.put("type", type);
        return ApiError.of(status, body);
    }
}
