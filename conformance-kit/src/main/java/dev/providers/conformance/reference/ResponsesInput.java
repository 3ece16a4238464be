package dev.providers.conformance.reference;

import static dev.providers.conformance.reference.RequestParser.typeError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.ChatRequest.Call;
import dev.providers.conformance.reference.ChatRequest.Msg;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code input} items of a Responses request the way OpenAI does (or llama.cpp,
 * for its profile) and turns them into the conversation the model reads: user, system and
 * developer messages; each run of output items (assistant messages, reasoning items, function
 * calls) as one assistant turn; each {@code function_call_output} as a tool message, its images
 * in a carrier message after it.
 *
 * <p>OpenAI's stateless rules are kept: a reasoning item comes back with the encrypted content
 * this server sealed for it (else it was never stored and is not found), followed by the item
 * it belongs to; a function call this server issued together with a reasoning item comes back
 * after that item or without its id; every call has an output before the conversation goes on,
 * and every output answers a call.
 */
final class ResponsesInput {

    private final Profile profile;
    private final ServedModel model;
    private final boolean store;
    private final IssuedItems issued;
    private final boolean lenient;
    private final List<Msg> out = new ArrayList<>();
    private final Set<String> seenReasoning = new HashSet<>();
    private final Set<String> openCalls = new LinkedHashSet<>();
    private @Nullable Turn turn;

    /**
     * Creates the reader of one request's input.
     *
     * @param store whether the request lets the server store items ({@code store} is not false)
     * @param issued the function calls this server issued with a reasoning item
     */
    ResponsesInput(Profile profile, ServedModel model, boolean store, IssuedItems issued) {
        this.profile = profile;
        this.model = model;
        this.store = store;
        this.issued = issued;
        this.lenient = profile.has(Quirk.LENIENT);
    }

    /** Returns the conversation of an {@code input} value (a string or an array of items). */
    List<Msg> read(JsonNode input) throws ApiError {
        if (input.isTextual()) {
            out.add(Msg.text("user", input.textValue()));
            return out;
        }
        if (!input.isArray()) {
            throw typeError("input", "a string or an array of input items", input);
        }
        for (int i = 0; i < input.size(); i++) {
            item(input, i);
        }
        endTurn();
        requireOutputs();
        return out;
    }

    private void item(JsonNode input, int i) throws ApiError {
        JsonNode item = input.get(i);
        String at = "input[" + i + "]";
        if (!item.isObject()) {
            throw typeError(at, "an object", item);
        }
        String type = item.path("type").asText("message");
        String role = item.path("role").asText("");
        switch (type) {
            case "message" -> {
                if (role.equals("assistant")) {
                    assistantMessage(item, at);
                } else {
                    endTurn();
                    requireOutputs();
                    out.add(message(item, role, at));
                }
            }
            case "reasoning" -> reasoning(input, i, at);
            case "function_call" -> functionCall(item, at);
            case "function_call_output" -> {
                endTurn();
                output(item, at);
            }
            default -> throw ApiError.invalid("Invalid value: '" + type + "'. Supported values "
                    + "are: 'message', 'reasoning', 'function_call' and 'function_call_output'.",
                    at + ".type", "invalid_value");
        }
    }

    /** A user, system or developer message. */
    private Msg message(JsonNode item, String role, String at) throws ApiError {
        if (!List.of("user", "system", "developer").contains(role)) {
            throw ApiError.invalid("Invalid value: '" + role + "'. Supported values are: "
                    + "'assistant', 'system', 'developer', and 'user'.", at + ".role",
                    "invalid_value");
        }
        JsonNode content = item.get("content");
        if (content == null || content.isNull()) {
            throw missing(at + ".content");
        }
        List<ImageFacts> images = new ArrayList<>();
        String text = content(content, at, role.equals("user") ? images : null, "input_text");
        return new Msg(role.equals("developer") ? "system" : role, text, images, List.of(),
                null, null, null);
    }

    private void assistantMessage(JsonNode item, String at) throws ApiError {
        String id = item.path("id").asText("");
        if (!lenient && !id.isEmpty() && !id.startsWith("msg")) {
            throw badId(at, id, "msg");
        }
        JsonNode content = item.get("content");
        if (content == null || content.isNull()) {
            throw missing(at + ".content");
        }
        turn().texts.add(content(content, at, null, "output_text"));
    }

    private void reasoning(JsonNode input, int i, String at) throws ApiError {
        JsonNode item = input.get(i);
        if (profile.has(Quirk.LLAMACPP_RESPONSES)) {
            // llama.cpp reads the reasoning back from content, and takes nothing else
            if (!item.path("content").isArray()) {
                throw llamaCpp("item['content'] is not an array");
            }
            if (item.path("content").isEmpty()) {
                throw llamaCpp("item['content'] is empty");
            }
            turn().reasoning.add(item.path("content").path(0).path("text").asText(""));
            return;
        }
        String id = item.path("id").asText("");
        if (id.isEmpty()) {
            throw missing(at + ".id");
        }
        if (!id.startsWith("rs")) {
            throw badId(at, id, "rs");
        }
        if (!item.path("summary").isArray()) {
            throw missing(at + ".summary");
        }
        String sealed = item.path("encrypted_content").asText("");
        if (sealed.isEmpty()) {
            // nothing is stored here: an item without its encrypted content cannot be found
            throw ApiError.openai(404, "Item with id '" + id + "' not found." + (store ? ""
                    : " Items are not persisted when `store` is set to false. Try again with "
                    + "`store` set to true, or remove this item from your input."),
                    "invalid_request_error", "input", null);
        }
        String text = EncryptedReasoning.open(id, sealed);
        if (text == null) {
            throw ApiError.invalid("The encrypted content for item " + id + " could not be "
                    + "verified.", null, "invalid_encrypted_content");
        }
        JsonNode next = input.get(i + 1);
        boolean followed = next != null && (next.path("type").asText("message")
                .equals("function_call") || next.path("role").asText().equals("assistant"));
        if (!followed) {
            throw ApiError.invalid("Item '" + id + "' of type 'reasoning' was provided without "
                    + "its required following item.", "input", null);
        }
        seenReasoning.add(id);
        turn().reasoning.add(text);
    }

    private void functionCall(JsonNode item, String at) throws ApiError {
        for (String field : List.of("call_id", "name", "arguments")) {
            if (!item.path(field).isTextual()) {
                throw missing(at + "." + field);
            }
        }
        String id = item.path("id").asText("");
        if (!id.isEmpty() && !lenient) {
            if (!id.startsWith("fc")) {
                throw badId(at, id, "fc");
            }
            String reasoning = issued.reasoningOf(id);
            if (reasoning != null && !seenReasoning.contains(reasoning)) {
                throw ApiError.invalid("Item '" + id + "' of type 'function_call' was provided "
                        + "without its required 'reasoning' item: '" + reasoning + "'.",
                        "input", null);
            }
        }
        String callId = item.get("call_id").textValue();
        turn().calls.add(new Call(callId, item.get("name").textValue(),
                item.get("arguments").textValue()));
        openCalls.add(callId);
    }

    private void output(JsonNode item, String at) throws ApiError {
        JsonNode callId = item.get("call_id");
        if (callId == null || !callId.isTextual()) {
            throw missing(at + ".call_id");
        }
        JsonNode output = item.get("output");
        if (output == null || !(output.isTextual() || output.isArray())) {
            throw missing(at + ".output");
        }
        if (!lenient && !openCalls.remove(callId.textValue())) {
            throw ApiError.invalid("No tool call found for function call output with call_id "
                    + callId.textValue() + ".", "input", null);
        }
        List<ImageFacts> images = new ArrayList<>();
        String text;
        if (output.isTextual()) {
            text = output.textValue();
        } else {
            if (profile.has(Quirk.LLAMACPP_RESPONSES)) {
                for (JsonNode part : output) {
                    if (!"input_text".equals(part.path("type").asText())) {
                        throw llamaCpp("Output of tool call should be 'Input text'");
                    }
                }
            }
            text = content(output, at + ".output", images, "input_text");
        }
        out.add(new Msg("tool", text, List.of(), List.of(), callId.textValue(), null, null));
        if (!images.isEmpty()) {
            // the model reads a result's images from the carrier after the results
            out.add(new Msg("user", "Attached image(s) from tool result:", images, List.of(),
                    null, null, null));
        }
    }

    /** Returns the text of a content value; images go to {@code images} where allowed. */
    private String content(JsonNode content, String at, @Nullable List<ImageFacts> images,
            String textType) throws ApiError {
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw typeError(at + ".content", "a string or an array of content parts", content);
        }
        List<String> texts = new ArrayList<>();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String where = at + ".content[" + j + "]";
            String type = part.path("type").asText("");
            if (type.equals(textType) || type.equals("refusal") && textType.equals("output_text")) {
                String field = type.equals("refusal") ? "refusal" : "text";
                if (!part.path(field).isTextual()) {
                    throw missing(where + "." + field);
                }
                texts.add(part.get(field).textValue());
            } else if (type.equals("input_image") && images != null) {
                images.add(image(part, where));
            } else {
                throw ApiError.invalid("Invalid value: '" + type + "'. Supported values are: '"
                        + textType + "'" + (images != null ? ", 'input_image'" : "")
                        + (textType.equals("output_text") ? " and 'refusal'" : "") + ".",
                        where + ".type", "invalid_value");
            }
        }
        return String.join("\n", texts);
    }

    private ImageFacts image(JsonNode part, String where) throws ApiError {
        if (!model.vision()) {
            if (profile.has(Quirk.LLAMACPP_RESPONSES)) {
                throw ApiError.of(500, llamaBody(500, "image input is not supported - hint: if "
                        + "this is unexpected, you may need to provide the mmproj",
                        "server_error"));
            }
            throw ApiError.invalid("Invalid content type. input_image is only supported by "
                    + "certain models.", where + ".type", "invalid_value");
        }
        String url = part.path("image_url").asText("");
        if (!url.startsWith("data:")) {
            throw ApiError.invalid("Invalid '" + where + ".image_url'. Expected a base64-encoded "
                    + "data URL with an image MIME type.", where + ".image_url",
                    "invalid_value");
        }
        ImageFacts facts = ImageAnalyzer.fromDataUrl(url);
        if (facts == null) {
            throw ApiError.invalid("You uploaded an unsupported image. Please make sure your "
                    + "image has of one the following formats: ['png', 'jpeg', 'gif', "
                    + "'webp'].", null, "invalid_image_format");
        }
        return facts;
    }

    private Turn turn() {
        if (turn == null) {
            turn = new Turn();
        }
        return turn;
    }

    /** Adds the assistant turn being read, if any. */
    private void endTurn() {
        if (turn != null) {
            out.add(new Msg("assistant", String.join("\n", turn.texts), List.of(), turn.calls,
                    null, turn.reasoning.isEmpty() ? null : String.join("\n\n", turn.reasoning),
                    null));
            turn = null;
        }
    }

    /** Every call must have its output before the conversation goes on. */
    private void requireOutputs() throws ApiError {
        if (!lenient && !openCalls.isEmpty()) {
            throw ApiError.invalid("No tool output found for function call "
                    + openCalls.iterator().next() + ".", "input", null);
        }
    }

    private static ApiError missing(String param) {
        return ApiError.invalid("Missing required parameter: '" + param + "'.", param,
                "missing_required_parameter");
    }

    private static ApiError badId(String at, String id, String prefix) {
        return ApiError.invalid("Invalid '" + at + ".id': '" + id + "'. Expected an ID that "
                + "begins with '" + prefix + "'.", at + ".id", "invalid_value");
    }

    /** Returns llama.cpp's 400 for an input it cannot convert. */
    static ApiError llamaCpp(String message) {
        return ApiError.of(400, llamaBody(400, message, "invalid_request_error"));
    }

    static ObjectNode llamaBody(int status, String message, String type) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", status);
        error.put("message", message);
        error.put("type", type);
        return body;
    }

    /** The assistant turn being read. */
    private static final class Turn {
        final List<String> texts = new ArrayList<>();
        final List<Call> calls = new ArrayList<>();
        final List<String> reasoning = new ArrayList<>();
    }
}
