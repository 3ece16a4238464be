package dev.providers.conformance.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.ChatRequest.Msg;
import java.util.ArrayList;
import java.util.List;

/**
 * What each server does with a prompt larger than the context window: OpenAI's classic 400, each
 * server's own wording, OpenRouter's in-stream error, or Ollama's silent head truncation.
 */
final class Overflow {

    /** Ollama's runner keeps about half the window when it shifts the context. */
    static final int TRUNCATED_TOKENS = ServedModel.CONTEXT_WINDOW / 2;

    private Overflow() { }

    /** Returns whether the prompt does not fit. */
    static boolean exceeds(int promptTokens) {
        return promptTokens > ServedModel.CONTEXT_WINDOW;
    }

    /** Returns the profile's refusal of a prompt of {@code tokens} tokens. */
    static ApiError refusal(Profile profile, int tokens) {
        int window = ServedModel.CONTEXT_WINDOW;
        switch (profile) {
            case GROQ -> {
                return ApiError.openai(400, "Please reduce the length of the messages or "
                        + "completion.", "invalid_request_error", "messages",
                        "context_length_exceeded");
            }
            case MISTRAL -> {
                ObjectNode body = Json.object();
                body.put("object", "error");
                body.put("message", "Prompt contains " + tokens + " tokens and 0 draft tokens, "
                        + "too large for model with " + window + " maximum context length");
                body.put("type", "invalid_request_error");
                body.putNull("param");
                body.putNull("code");
                return ApiError.of(400, body);
            }
            case DEEPSEEK -> {
                return ApiError.openai(400, "This model's maximum context length is " + window
                        + " tokens. However, you requested " + tokens + " tokens (" + tokens
                        + " in the messages, 0 in the completion). Please reduce the length of "
                        + "the messages or completion.", "invalid_request_error", null,
                        "invalid_request_error");
            }
            case XAI -> {
                ObjectNode body = Json.object();
                body.put("code", "Client specified an invalid argument");
                body.put("error", "This model's maximum prompt length is " + window + " but the "
                        + "request contains " + tokens + " tokens.");
                return ApiError.of(400, body);
            }
            case LLAMACPP -> {
                ObjectNode body = Json.object();
                ObjectNode error = body.putObject("error");
                error.put("code", 400);
                error.put("message", "the request exceeds the available context size, try "
                        + "increasing it");
                error.put("type", "exceed_context_size_error");
                error.put("n_prompt_tokens", tokens);
                error.put("n_ctx", window);
                return ApiError.of(400, body);
            }
            case OPENROUTER -> {
                ObjectNode body = Json.object();
                body.set("error", openRouterError(tokens));
                return ApiError.of(400, body);
            }
            default -> {
                return ApiError.invalid("This model's maximum context length is " + window
                        + " tokens. However, your messages resulted in " + tokens + " tokens. "
                        + "Please reduce the length of the messages.", "messages",
                        "context_length_exceeded");
            }
        }
    }

    /** Returns OpenRouter's error object for an overflow (sent in-stream or as the body). */
    static ObjectNode openRouterError(int tokens) {
        ObjectNode error = Json.object();
        error.put("code", 400);
        error.put("message", "This endpoint's maximum context length is "
                + ServedModel.CONTEXT_WINDOW + " tokens. However, you requested about " + tokens
                + " tokens (" + tokens + " of text input). Please reduce the length of either "
                + "one, or use the \"middle-out\" transform to compress your prompt "
                + "automatically.");
        error.putObject("metadata").put("provider_name", "Reference");
        return error;
    }

    /**
     * Returns the request Ollama actually answers: the oldest non-system messages dropped, then
     * the head of the last message cut, until about {@link #TRUNCATED_TOKENS} remain.
     */
    static ChatRequest truncate(ChatRequest request) {
        List<Msg> messages = new ArrayList<>(request.messages());
        while (Tokens.prompt(request.withMessages(messages)) > TRUNCATED_TOKENS) {
            int oldest = -1;
            int others = 0;
            for (int i = 0; i < messages.size(); i++) {
                if (!isSystem(messages.get(i))) {
                    others++;
                    oldest = oldest < 0 ? i : oldest;
                }
            }
            if (others <= 1) {
                break;
            }
            messages.remove(oldest);
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            int excess = Tokens.prompt(request.withMessages(messages)) - TRUNCATED_TOKENS;
            if (excess <= 0) {
                break;
            }
            Msg message = messages.get(i);
            String text = message.text();
            int cut = Math.min(text.length(), excess * 4 + 4);
            if (cut < text.length() && Character.isLowSurrogate(text.charAt(cut))) {
                cut++; // keep surrogate pairs whole
            }
            messages.set(i, new Msg(message.role(), text.substring(cut), message.images(),
                    message.calls(), message.toolCallId(), message.reasoning(),
                    message.name()));
        }
        return request.withMessages(messages);
    }

    private static boolean isSystem(Msg message) {
        return message.role().equals("system") || message.role().equals("developer");
    }
}
