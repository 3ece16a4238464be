package dev.providers.conformance.reference;

/**
 * One documented deviation from OpenAI's behaviour
 * ({@code docs/dialects/openai-completions.md} §9). A profile is a
 * set of these; the request checks and the writers consult the set.
 */
enum Quirk {

    /** Azure: a first chunk with empty choices and prompt_filter_results, filter results and
     * obfuscation on every chunk, a trailing chunk without a delta after the finish. */
    AZURE_FILTERS,

    /** OpenRouter: {@code : OPENROUTER PROCESSING} comment lines before and between chunks. */
    OPENROUTER_COMMENTS,

    /** OpenRouter: reasoning also as {@code reasoning_details} text entries. */
    REASONING_DETAILS,

    /** Reasoning in {@code delta.reasoning} instead of {@code delta.reasoning_content}. */
    REASONING_FIELD,

    /** OpenRouter: a context overflow is an error chunk on HTTP 200 (stream requests). */
    IN_STREAM_OVERFLOW,

    /** Mistral: tool-call deltas without index and type, each call whole in one chunk,
     * 9-character alphanumeric ids. */
    MISTRAL_TOOL_CALLS,

    /** Mistral: 400 for any replayed tool-call id that is not 9 alphanumerics. */
    MISTRAL_ID_CHECK,

    /** Mistral, DeepSeek: the requested usage rides on the finish chunk. */
    USAGE_ON_FINISH_CHUNK,

    /** Groq: usage only in {@code x_groq.usage} of the final chunk, never top-level. */
    GROQ_USAGE,

    /** Groq: 400 for {@code name} on tool messages and for {@code logprobs}. */
    GROQ_REJECTIONS,

    /** DeepSeek: 400 when a replayed assistant message of a thinking request has no
     * {@code reasoning_content}. */
    REQUIRE_REASONING_CONTENT,

    /** DeepSeek: the serde-style 400 for the developer role. */
    DEEPSEEK_ROLES,

    /** A generic server: 400 for the developer role. */
    REJECT_DEVELOPER,

    /** Ollama: a prompt over the window is silently head-truncated (HTTP 200). */
    SILENT_TRUNCATION,

    /** llama.cpp: bare {@code :} heartbeat comments before the first chunk. */
    HEARTBEATS,

    /** llama.cpp: {@code timings} on the finish chunk, {@code content: null} in the role chunk,
     * its own error bodies, malformed JSON answered with 500. */
    LLAMACPP_WIRE,

    /** llama.cpp: any model id is accepted and answered by the loaded model. */
    ANY_MODEL,

    /** llama.cpp: a named {@code tool_choice} is not enforced; it acts as {@code auto}. */
    NAMED_CHOICE_AS_AUTO,

    /** Local servers: unknown fields are ignored and the tool-call pairing is not checked. */
    LENIENT,

    /** LocalAI: {@code finish_reason} is null on every chunk. */
    NO_FINISH_REASON,

    /** LocalAI: zero usage on every chunk, the real usage on the last. */
    ZERO_USAGE_UNTIL_LAST,

    /** 400 {@code Unrecognized request argument supplied: max_completion_tokens}. */
    REJECT_MAX_COMPLETION_TOKENS,

    /** 400 {@code Unrecognized request argument supplied: stream_options}. */
    REJECT_STREAM_OPTIONS,

    /** 400 {@code Unrecognized request argument supplied: store}. */
    REJECT_STORE,

    /** Reasoning as {@code <think>…</think>} inside {@code content}. */
    THINK_TAGS,

    /** xAI: reasoning tokens outside {@code completion_tokens}; total = prompt + completion +
     * reasoning. */
    REASONING_OUTSIDE_COMPLETION,

    // anthropic-messages

    /** llama.cpp's Messages endpoint: tool_choice none is ignored, a named tool acts as any. */
    LLAMACPP_TOOL_CHOICE,

    /** No {@code ping} events. */
    NO_PING,

    /** An {@code overloaded_error} event after the content of answers over 40 tokens. */
    ERROR_AFTER_CONTENT,

    /** The signature in several {@code signature_delta} pieces with pings between them. */
    SPLIT_SIGNATURES,

    /** A {@code redacted_thinking} block after the thinking, verified on replay. */
    REDACTED_THINKING,

    /** Thinking without signatures. */
    UNSIGNED_THINKING,

    /** DeepSeek: 400 when a replayed assistant turn of a thinking request has no thinking. */
    REQUIRE_THINKING_REPLAY,

    /** 400 for any {@code anthropic-beta} header. */
    REJECT_BETA,

    /** 400 for {@code cache_control}; prompt prefixes are cached without breakpoints. */
    REJECT_CACHE_CONTROL,

    // openai-responses

    /** llama.cpp's Responses events: items named by {@code item_id} only (no
     * {@code output_index}, {@code content_index} or {@code sequence_number}), every done event
     * at the end, {@code response.completed} even at the output limit, raw reasoning as
     * {@code reasoning_text} with {@code encrypted_content: ""}, replayed reasoning items that
     * must carry their {@code content}, {@code timings} beside the final response. */
    LLAMACPP_RESPONSES,

    /** Refusals of a request whose stream started arrive as {@code response.failed}. */
    FAILED_IN_STREAM,

    /** An answer cut at the limit ends with {@code response.completed} whose status is
     * {@code incomplete}. */
    INCOMPLETE_AS_COMPLETED,

    /** 400 for {@code include: ["reasoning.encrypted_content"]}; reasoning items have no
     * encrypted content. */
    REJECT_ENCRYPTED_REASONING,

    // google-generative-ai (docs/dialects/google-generative-ai.md §9)

    /** Gemini 2.5: {@code functionCall} parts without an {@code id}. */
    GEMINI_NO_CALL_IDS,

    /** Error bodies as a one-element JSON array, {@code [{"error": …}]}. */
    GEMINI_ERROR_ARRAY,

    /** {@code usageMetadata} only on the last chunk of a stream. */
    GEMINI_USAGE_LAST,

    /** A strict safety filter: text answers stop after their first words with
     * {@code finishReason: SAFETY}. */
    GEMINI_SAFETY_STOP,

    /** Every function call ends the answer with {@code MALFORMED_FUNCTION_CALL}. */
    GEMINI_MALFORMED_CALLS,

    /** A gateway that knows only {@code parameters} in the OpenAPI subset: 400 for
     * {@code parametersJsonSchema} and for JSON Schema keywords in {@code parameters}. */
    GEMINI_OPENAPI_ONLY,

    /** A gateway that rejects {@code functionCall.id} and {@code functionResponse.id}. */
    GEMINI_NO_ID_FIELDS
}
