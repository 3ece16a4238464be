package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.conformance.reference.ChatRequest.Call;
import dev.providers.conformance.reference.ChatRequest.Msg;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks Gemini's {@code contents} as the API does and turns them into the shared model's
 * messages ({@code docs/dialects/google-generative-ai.md} §3.2): roles {@code user} and
 * {@code model}, non-empty parts each with one kind of data, images the model can see, function
 * responses right after the turn of their calls and as many as it has, and (for a model that
 * thinks, as Gemini 3 does) every function-call turn of the current turn signed.
 *
 * <p>A user content becomes user messages and one tool message per function response, in part
 * order; a model content becomes one assistant message whose thoughts are its replayed
 * reasoning. A call without an id gets one here and its response is paired by name, in order.
 */
final class GeminiContents {

    private static final Set<String> DATA = Set.of("text", "inlineData", "fileData",
            "functionCall", "functionResponse", "executableCode", "codeExecutionResult");
    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg",
            "image/webp", "image/heic", "image/heif", "image/gif");

    private final Profile profile;
    private final ServedModel model;
    private final List<Msg> out = new ArrayList<>();
    /** The calls of the model turn before the content being read, or null when it had none. */
    private @Nullable List<Call> openCalls;

    private GeminiContents(Profile profile, ServedModel model) {
        this.profile = profile;
        this.model = model;
    }

    /**
     * Returns the messages of a request's contents.
     *
     * @throws ApiError the refusal Gemini answers with
     */
    static List<Msg> read(JsonNode contents, Profile profile, ServedModel model)
            throws ApiError {
        if (contents.isMissingNode() || contents.isNull() || contents.isArray()
                && contents.isEmpty()) {
            throw GoogleErrors.invalid(profile, "* GenerateContentRequest.contents: contents is "
                    + "not specified\n");
        }
        if (!contents.isArray()) {
            throw GoogleErrors.invalid(profile, "Invalid value at 'contents' (type.googleapis."
                    + "com/google.ai.generativelanguage.v1beta.Content), expected a list");
        }
        GeminiContents reader = new GeminiContents(profile, model);
        for (int i = 0; i < contents.size(); i++) {
            reader.content(contents.get(i), i);
        }
        if (model.reasoning()) {
            reader.checkSignatures(contents);
        }
        if (reader.openCalls != null) {
            throw countMismatch(profile);
        }
        return reader.out;
    }

    private void content(JsonNode content, int index) throws ApiError {
        String at = "contents[" + index + "]";
        String role = GeminiFields.get(content, "role").asText("");
        if (!role.isEmpty() && !role.equals("user") && !role.equals("model")) {
            throw GoogleErrors.invalid(profile, "Please use a valid role: user, model.");
        }
        JsonNode parts = GeminiFields.get(content, "parts");
        if (!parts.isArray() || parts.isEmpty()) {
            throw GoogleErrors.invalid(profile, "* GenerateContentRequest." + at
                    + ".parts: contents.parts must not be empty.\n");
        }
        for (int j = 0; j < parts.size(); j++) {
            dataField(parts.get(j), at + ".parts[" + j + "]");
        }
        if (role.equals("model")) {
            model(parts, at);
        } else {
            user(parts, at);
        }
    }

    /** Returns the one data field of a part, checking there is exactly one. */
    private String dataField(JsonNode part, String at) throws ApiError {
        String found = null;
        for (var field : part.properties()) {
            String name = GeminiFields.camel(field.getKey());
            if (DATA.contains(name)) {
                if (found != null) {
                    throw GoogleErrors.invalid(profile, "Invalid value at '" + at + "' (oneof), "
                            + "oneof field 'data' is already set. Cannot set '" + name + "'");
                }
                found = name;
            }
        }
        if (found == null) {
            throw GoogleErrors.invalid(profile, "* GenerateContentRequest." + at
                    + ".data: required oneof field 'data' must have one initialized field\n");
        }
        return found;
    }

    private void model(JsonNode parts, String at) throws ApiError {
        if (openCalls != null) {
            throw countMismatch(profile);
        }
        StringBuilder text = new StringBuilder();
        StringBuilder thoughts = null;
        List<Call> calls = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            String kind = dataField(part, at + ".parts[" + j + "]");
            switch (kind) {
                case "text" -> {
                    if (GeminiFields.get(part, "thought").asBoolean(false)) {
                        thoughts = (thoughts == null ? new StringBuilder() : thoughts)
                                .append(part.path("text").asText(""));
                    } else {
                        text.append(part.path("text").asText(""));
                    }
                }
                case "functionCall" -> {
                    JsonNode call = GeminiFields.get(part, "functionCall");
                    String name = call.path("name").asText("");
                    if (name.isEmpty()) {
                        throw GoogleErrors.invalid(profile, "* GenerateContentRequest." + at
                                + ".parts[" + j + "].function_call.name: Name cannot be "
                                + "empty.\n");
                    }
                    String id = call.path("id").asText("");
                    calls.add(new Call(id.isEmpty() ? "gemini-call-" + out.size() + "-"
                            + calls.size() : id, name, Json.text(call.path("args").isObject()
                            ? call.path("args") : Json.object())));
                }
                case "functionResponse" -> throw GoogleErrors.invalid(profile, "Please ensure "
                        + "that function response turn comes immediately after a function "
                        + "call turn.");
                default -> { }
            }
        }
        if (!calls.isEmpty() && !out.isEmpty() && out.get(out.size() - 1).role()
                .equals("assistant")) {
            throw GoogleErrors.invalid(profile, "Please ensure that function call turn comes "
                    + "immediately after a user turn or after a function response turn.");
        }
        out.add(new Msg("assistant", text.toString(), List.of(), calls, null,
                thoughts == null ? null : thoughts.toString(), null));
        openCalls = calls.isEmpty() ? null : new ArrayList<>(calls);
    }

    private void user(JsonNode parts, String at) throws ApiError {
        List<Call> calls = openCalls;
        openCalls = null;
        int expected = calls == null ? 0 : calls.size();
        int responses = 0;
        List<String> texts = new ArrayList<>();
        List<ImageFacts> images = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            String where = at + ".parts[" + j + "]";
            switch (dataField(part, where)) {
                case "text" -> texts.add(part.path("text").asText(""));
                case "inlineData" -> images.add(image(GeminiFields.get(part, "inlineData"),
                        where));
                case "fileData" -> throw GoogleErrors.invalid(profile, "Cannot fetch content "
                        + "from the provided URL.");
                case "functionResponse" -> {
                    if (calls == null) {
                        throw GoogleErrors.invalid(profile, "Please ensure that function "
                                + "response turn comes immediately after a function call "
                                + "turn.");
                    }
                    flush(texts, images);
                    JsonNode response = GeminiFields.get(part, "functionResponse");
                    out.add(new Msg("tool", responseText(response.path("response")), List.of(),
                            List.of(), pair(response, calls), null,
                            response.path("name").asText("")));
                    responses++;
                }
                default -> { }
            }
        }
        flush(texts, images);
        if (calls != null && responses != expected) {
            throw countMismatch(profile);
        }
    }

    /** Adds the user text and images read so far as one user message. */
    private void flush(List<String> texts, List<ImageFacts> images) {
        if (!texts.isEmpty() || !images.isEmpty()) {
            out.add(new Msg("user", String.join("\n", texts), List.copyOf(images), List.of(),
                    null, null, null));
        }
        texts.clear();
        images.clear();
    }

    /** Returns the id of the call a response answers: by id, else the first of its name. */
    private static String pair(JsonNode response, List<Call> calls) {
        String id = response.path("id").asText("");
        String name = response.path("name").asText("");
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            if (!id.isEmpty() ? call.id().equals(id) : call.name().equals(name)) {
                calls.remove(i);
                return call.id();
            }
        }
        // an id the turn's calls do not have: Gemini pairs by position, so the first open one
        return calls.isEmpty() ? id : calls.remove(0).id();
    }

    /** Returns a function response's text: its output or error, as text. */
    private static String responseText(JsonNode response) {
        for (String field : List.of("output", "result", "content", "error")) {
            JsonNode value = response.get(field);
            if (value != null) {
                return value.isTextual() ? value.textValue() : Json.text(value);
            }
        }
        return response.isMissingNode() ? "" : Json.text(response);
    }

    private ImageFacts image(JsonNode blob, String at) throws ApiError {
        String mime = GeminiFields.get(blob, "mimeType").asText("");
        String data = blob.path("data").asText("");
        if (!model.vision()) {
            throw GoogleErrors.invalid(profile, "Image input modality is not enabled for models/"
                    + model.id());
        }
        if (!IMAGE_TYPES.contains(mime)) {
            throw GoogleErrors.invalid(profile, "Unsupported MIME type: " + mime);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw GoogleErrors.invalid(profile, "Invalid value at '" + at + ".inline_data.data' "
                    + "(TYPE_BYTES), Base64 decoding failed for \"" + shorten(data) + "\"");
        }
        ImageFacts facts = ImageAnalyzer.analyse(bytes);
        if (facts == null) {
            throw GoogleErrors.invalid(profile, "Unable to process input image. Please retry "
                    + "or report in https://developers.generativeai.google/guide/"
                    + "troubleshooting");
        }
        return facts;
    }

    /**
     * Refuses, as Gemini 3 does, a model turn of the current turn (after the last user content
     * with text) whose first function call carries no signature, and any signature this server
     * did not issue.
     */
    private void checkSignatures(JsonNode contents) throws ApiError {
        int boundary = -1;
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (!"model".equals(GeminiFields.get(content, "role").asText(""))) {
                for (JsonNode part : GeminiFields.get(content, "parts")) {
                    boundary = part.has("text") ? i : boundary;
                }
            }
        }
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (!"model".equals(GeminiFields.get(content, "role").asText(""))) {
                continue;
            }
            JsonNode parts = GeminiFields.get(content, "parts");
            boolean first = true;
            for (int j = 0; j < parts.size(); j++) {
                JsonNode part = parts.get(j);
                String signature = GeminiFields.get(part, "thoughtSignature").asText("");
                if (!signature.isEmpty() && !ThoughtSignatures.isValid(signature)) {
                    throw GoogleErrors.invalid(profile, "Corrupted thought signature.");
                }
                boolean call = GeminiFields.get(part, "functionCall").isObject();
                if (call && first && i > boundary && signature.isEmpty()) {
                    throw GoogleErrors.invalid(profile, "Function call is missing a "
                            + "thought_signature in functionCall parts. This is required for "
                            + "tools to work correctly, and missing thought_signature may lead "
                            + "to degraded model performance. Additional data, function call "
                            + "`default_api:" + GeminiFields.get(part, "functionCall")
                            .path("name").asText() + "` , position " + (j + 1) + ". Please "
                            + "refer to https://ai.google.dev/gemini-api/docs/thought-signatures "
                            + "for more details.");
                }
                first &= !call;
            }
        }
    }

    private static ApiError countMismatch(Profile profile) {
        return GoogleErrors.invalid(profile, "Please ensure that the number of function response "
                + "parts is equal to the number of function call parts of the function call "
                + "turn.");
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
