package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Google's error bodies for the Gemini routes ({@code docs/dialects/google-generative-ai.md} §6):
 * {@code {"error": {"code", "message", "status", "details"}}} with the canonical status of the
 * HTTP code, in Google's own wording; wrapped in a one-element array for the profile that does
 * so.
 */
final class GoogleErrors {

    private GoogleErrors() { }

    /** Returns whether a profile speaks Gemini, so that its refusals are Google's. */
    static boolean speaks(Profile profile) {
        return GeminiRoutes.API.equals(profile.api());
    }

    /** Returns an error of this status with Google's canonical status name and no details. */
    static ApiError of(Profile profile, int code, String message) {
        return of(profile, code, message, null);
    }

    /** Returns an error with details (such as a {@code google.rpc.ErrorInfo}). */
    static ApiError of(Profile profile, int code, String message, @Nullable ArrayNode details) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        error.put("status", status(code));
        if (details != null) {
            error.set("details", details);
        }
        ObjectNode body = Json.object();
        body.set("error", error);
        JsonNode sent = body;
        if (profile.has(Quirk.GEMINI_ERROR_ARRAY)) {
            sent = Json.array().add(body);
        }
        return ApiError.of(code, sent);
    }

    /** Returns a 400 {@code INVALID_ARGUMENT}. */
    static ApiError invalid(Profile profile, String message) {
        return of(profile, 400, message);
    }

    /**
     * Returns the refusal of a missing key (403, as Google answers a caller without one) or of
     * a wrong one (400 {@code API_KEY_INVALID}); the key is never quoted.
     */
    static ApiError unauthorized(Profile profile, @Nullable String given) {
        if (given == null) {
            return of(profile, 403, "Method doesn't allow unregistered callers (callers without "
                    + "established identity). Please use API Key or other form of API consumer "
                    + "identity to call this API.");
        }
        String text = "API key not valid. Please pass a valid API key.";
        ArrayNode details = Json.array();
        ObjectNode info = details.addObject();
        info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        info.put("reason", "API_KEY_INVALID");
        info.put("domain", "googleapis.com");
        info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
        details.addObject().put("@type", "type.googleapis.com/google.rpc.LocalizedMessage")
                .put("locale", "en-US").put("message", text);
        return of(profile, 400, text, details);
    }

    /** Returns the refusal of a model the server does not serve. */
    static ApiError unknownModel(Profile profile, String model, String method) {
        return of(profile, 404, "models/" + model + " is not found for API version v1beta, or "
                + "is not supported for " + method + ". Call ListModels to see the list of "
                + "available models and their supported methods.");
    }

    /** Returns the refusal of a prompt over the context window, in Gemini's words. */
    static ApiError overflow(Profile profile, int tokens) {
        return invalid(profile, "The input token count (" + tokens + ") exceeds the maximum "
                + "number of tokens allowed (" + ServedModel.CONTEXT_WINDOW + ").");
    }

    /** Returns the 429 of an exhausted quota, with the delay Google asks for in the body. */
    static ApiError quota(Profile profile, String retryDelay) {
        ArrayNode details = Json.array();
        details.addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                .put("retryDelay", retryDelay);
        return of(profile, 429, "You exceeded your current quota, please check your plan and "
                + "billing details.", details);
    }

    /** Returns the refusal of a field the API does not know, as proto JSON parsing words it. */
    static ApiError unknownField(Profile profile, String name, String at) {
        String where = at.isEmpty() ? "" : " at '" + at + "'";
        ArrayNode details = Json.array();
        ObjectNode bad = details.addObject();
        bad.put("@type", "type.googleapis.com/google.rpc.BadRequest");
        bad.putArray("fieldViolations").addObject().put("field", at)
                .put("description", "Invalid JSON payload received. Unknown name \"" + name
                        + "\"" + where + ": Cannot find field.");
        return of(profile, 400, "Invalid JSON payload received. Unknown name \"" + name + "\""
                + where + ": Cannot find field.", details);
    }

    /** Returns the canonical status name of an HTTP code. */
    static String status(int code) {
        return switch (code) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 413 -> "INVALID_ARGUMENT";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }
}
