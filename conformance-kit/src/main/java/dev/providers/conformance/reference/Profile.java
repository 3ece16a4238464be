package dev.providers.conformance.reference;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * How the reference server behaves: a dialect's own behaviour, or a real server's documented
 * deviations reproduced on the wire ({@code docs/dialects/openai-completions.md} §9 for chat
 * completions). Each profile speaks one dialect ({@link #api()}); the first profile of each
 * dialect is its conformant one, served as the demo provider {@code demo-<id>} ({@code demo}
 * for chat completions).
 *
 * <p>Each profile comes with the provider file a user would write before knowing the quirk (the
 * conformant file for its dialect) and, where the engine cannot absorb the quirk on its own, the
 * compat flags that fix it.
 */
public enum Profile {

    /** OpenAI's behaviour; passes everything. */
    OPENAI("openai", "OpenAI's behaviour: strict validation, standard chunks, usage on request.",
            Map.of()),

    /** Azure OpenAI's content-filter chunks. */
    AZURE("azure", "Azure OpenAI: a first chunk with empty choices and prompt_filter_results, "
            + "content_filter_results and obfuscation on chunks, a trailing chunk without a "
            + "delta.", Map.of(), Quirk.AZURE_FILTERS),

    /** OpenRouter's comments, reasoning field and in-stream errors. */
    OPENROUTER("openrouter", "OpenRouter: ': OPENROUTER PROCESSING' comments, reasoning in "
            + "delta.reasoning plus reasoning_details, context overflow as an error chunk on "
            + "HTTP 200.", Map.of(), Quirk.OPENROUTER_COMMENTS, Quirk.REASONING_FIELD,
            Quirk.REASONING_DETAILS, Quirk.IN_STREAM_OVERFLOW),

    /** Mistral's tool-call deltas and 9-character ids. */
    MISTRAL("mistral", "Mistral: tool-call deltas without index and type, each call whole in "
            + "one chunk, 9-character ids, and 400 for replayed ids of any other shape.",
            Map.of("toolCallIdFormat", "{exactLength: 9, charset: alphanumeric}"),
            Quirk.MISTRAL_TOOL_CALLS, Quirk.MISTRAL_ID_CHECK, Quirk.USAGE_ON_FINISH_CHUNK),

    /** Groq's usage placement and rejected fields. */
    GROQ("groq", "Groq: usage only in x_groq.usage of the final chunk; 400 for name on tool "
            + "messages and for logprobs.", Map.of(), Quirk.GROQ_USAGE,
            Quirk.GROQ_REJECTIONS),

    /** DeepSeek's reasoning replay requirement and roles. */
    DEEPSEEK("deepseek", "DeepSeek: 400 when a replayed assistant message of a thinking request "
            + "lacks reasoning_content, and for the developer role.",
            Map.of("requiresReasoningContentOnAssistantMessages", "true",
                    "supportsDeveloperRole", "false"),
            Quirk.REQUIRE_REASONING_CONTENT, Quirk.DEEPSEEK_ROLES, Quirk.USAGE_ON_FINISH_CHUNK),

    /** Ollama's silent truncation. */
    OLLAMA("ollama", "Ollama: reasoning in delta.reasoning; a prompt over the context window is "
            + "silently head-truncated and answered with HTTP 200.",
            Map.of("contextPrecheck", "true"), Quirk.REASONING_FIELD, Quirk.SILENT_TRUNCATION,
            Quirk.LENIENT),

    /**
     * llama.cpp server's heartbeats, timings and leniency. Checked against the real server (the
     * build in node-llama-cpp 3.22.1, {@code system_fingerprint} b1-de3ff81) by the project's
     * llama-server tests: it answers malformed JSON with HTTP 500 {@code server_error} rather
     * than 400 (OpenAI says 400), accepts any {@code model} and an empty {@code tools} array
     * (OpenAI refuses it), and does not enforce a named {@code tool_choice}: at temperature 0
     * with {@code get_time} named it calls the tool the model prefers.
     */
    LLAMACPP("llamacpp", "llama.cpp llama-server: ':' heartbeats before the first chunk, timings "
            + "on the final chunk, malformed JSON answered with HTTP 500 (type server_error), "
            + "any model accepted, a named tool_choice treated as auto.", Map.of(),
            Quirk.HEARTBEATS, Quirk.LLAMACPP_WIRE, Quirk.ANY_MODEL, Quirk.NAMED_CHOICE_AS_AUTO,
            Quirk.LENIENT),

    /** LocalAI's missing finish reason. */
    LOCALAI("localai", "LocalAI: finish_reason is null on every chunk; zero usage on every chunk "
            + "until the last.", Map.of("supportsFinishReason", "false"),
            Quirk.NO_FINISH_REASON, Quirk.ZERO_USAGE_UNTIL_LAST, Quirk.LENIENT),

    /** A server without the developer role. */
    NO_DEVELOPER_ROLE("no-developer-role", "A server that answers 400 for role developer.",
            Map.of("supportsDeveloperRole", "false"), Quirk.REJECT_DEVELOPER),

    /** A server without max_completion_tokens. */
    NO_MAX_COMPLETION_TOKENS("no-max-completion-tokens", "A server that answers 400 for "
            + "max_completion_tokens.", Map.of("maxTokensField", "max_tokens"),
            Quirk.REJECT_MAX_COMPLETION_TOKENS),

    /** A server without stream_options. */
    NO_STREAM_OPTIONS("no-stream-options", "A server that answers 400 for stream_options.",
            Map.of("supportsUsageInStreaming", "false"), Quirk.REJECT_STREAM_OPTIONS),

    /** A server without store. */
    NO_STORE("no-store", "A server that answers 400 for store.",
            Map.of("supportsStore", "false"), Quirk.REJECT_STORE),

    /** Reasoning inside think tags. */
    THINK_TAGS("think-tags", "A server that streams reasoning as <think>...</think> inside "
            + "content.", Map.of("thinkTags", "{open: \"<think>\", close: \"</think>\"}"),
            Quirk.THINK_TAGS),

    /** xAI's reasoning token accounting. */
    XAI("xai", "xAI: reasoning tokens counted outside completion_tokens (total_tokens = prompt + "
            + "completion + reasoning).", Map.of("reasoningTokensInCompletion", "false"),
            Quirk.REASONING_OUTSIDE_COMPLETION),

    // anthropic-messages (docs/dialects/anthropic-messages.md §6)

    /** Anthropic's Messages API; passes everything. */
    ANTHROPIC("anthropic", Profile.ANTHROPIC_MESSAGES, "Anthropic's Messages API: strict "
            + "validation, ping events, signed thinking verified on replay, prompt caching at "
            + "cache_control breakpoints.", Map.of()),

    /**
     * llama.cpp server's Messages endpoint, as measured against the real server (the build in
     * node-llama-cpp 3.22.1, b1-de3ff81): no ping, OpenAI-shaped error bodies, ids without
     * Anthropic's prefixes, a tool_use start without input, stop_sequence reported as end_turn,
     * tool_choice none ignored and a named tool_choice treated as any, the images of a tool
     * result dropped (its converter keeps a result's text only), any model, malformed
     * JSON answered with 500, max_tokens optional, no cache_creation_input_tokens; thinking
     * without signatures (what its converter sends; the tiny test model cannot think).
     */
    ANTHROPIC_LLAMACPP("anthropic-llamacpp", Profile.ANTHROPIC_MESSAGES, "llama.cpp "
            + "llama-server's /v1/messages: no ping, OpenAI-shaped error bodies, tool_choice "
            + "none ignored and a named one treated as any, images in tool results dropped, stop "
            + "sequences reported as end_turn, thinking without signatures, any model accepted.",
            Map.of("supportsToolChoiceNone", "false", "supportsImagesInToolResults", "false"),
            Quirk.LLAMACPP_WIRE, Quirk.ANY_MODEL,
            Quirk.LLAMACPP_TOOL_CHOICE, Quirk.NO_PING, Quirk.UNSIGNED_THINKING, Quirk.LENIENT),

    /** An overloaded server: an error event in the middle of long answers. */
    ANTHROPIC_ERROR_AFTER_CONTENT("anthropic-error-after-content", Profile.ANTHROPIC_MESSAGES,
            "A Messages server that ends every answer longer than 40 tokens with an "
            + "overloaded_error event after its content, as Anthropic does under load.",
            Map.of(), Quirk.ERROR_AFTER_CONTENT),

    /** A Messages server without keep-alive pings. */
    ANTHROPIC_NO_PING("anthropic-no-ping", Profile.ANTHROPIC_MESSAGES, "A Messages server that "
            + "never sends ping events.", Map.of(), Quirk.NO_PING),

    /** Thinking whose signature comes in pieces. */
    ANTHROPIC_SIGNED_THINKING("anthropic-signed-thinking", Profile.ANTHROPIC_MESSAGES,
            "Thinking with signatures sent in several signature_delta pieces between pings, "
            + "verified on replay.", Map.of(), Quirk.SPLIT_SIGNATURES),

    /** Thinking partly redacted. */
    ANTHROPIC_REDACTED_THINKING("anthropic-redacted-thinking", Profile.ANTHROPIC_MESSAGES,
            "A redacted_thinking block after the thinking; its opaque data must be replayed "
            + "unchanged.", Map.of(), Quirk.REDACTED_THINKING),

    /** DeepSeek's unsigned thinking, which must come back as thinking. */
    ANTHROPIC_UNSIGNED_THINKING("anthropic-unsigned-thinking", Profile.ANTHROPIC_MESSAGES,
            "DeepSeek's Messages endpoint: thinking without signatures, and 400 when a replayed "
            + "turn of a thinking request lacks its thinking block.",
            Map.of("requiresThinkingSignature", "false"), Quirk.UNSIGNED_THINKING,
            Quirk.REQUIRE_THINKING_REPLAY),

    /** A proxy that refuses the anthropic-beta header. */
    ANTHROPIC_NO_BETA("anthropic-no-beta", Profile.ANTHROPIC_MESSAGES, "A Messages proxy that "
            + "answers 400 for any anthropic-beta header.", Map.of("betaFeatures", "[]"),
            Quirk.REJECT_BETA),

    /** A server that refuses cache_control and caches on its own. */
    ANTHROPIC_NO_CACHE_CONTROL("anthropic-no-cache-control", Profile.ANTHROPIC_MESSAGES,
            "A Messages server that answers 400 for cache_control and caches prompt prefixes "
            + "on its own.", Map.of("supportsCacheControl", "false"),
            Quirk.REJECT_CACHE_CONTROL),

    // openai-responses (docs/dialects/openai-responses.md §9)

    /** OpenAI's Responses API; passes everything. */
    RESPONSES("responses", Profile.RESPONSES_API, "OpenAI's Responses API: stateless requests "
            + "(store: false) that carry reasoning back as encrypted items, strict validation, "
            + "sequence-numbered events keyed by output_index, response.incomplete at the "
            + "output limit.", Map.of()),

    /**
     * llama.cpp server's Responses endpoint, checked against the real server (the build in
     * node-llama-cpp 3.22.1) by the project's llama-server tests: events name items by
     * {@code item_id} only, and an answer cut at {@code max_output_tokens} still ends with
     * {@code response.completed}.
     */
    RESPONSES_LLAMACPP("responses-llamacpp", Profile.RESPONSES_API, "llama.cpp llama-server on "
            + "/v1/responses: items named by item_id only (no output_index, no "
            + "sequence_number), response.completed even when cut at max_output_tokens, raw "
            + "reasoning_text, reasoning items that must come back with their content, "
            + "timings, only text in a function_call_output array, any model accepted.",
            Map.of("lengthFromUsage", "true", "imagesInToolResults", "false"),
            Quirk.LLAMACPP_RESPONSES, Quirk.LLAMACPP_WIRE, Quirk.ANY_MODEL, Quirk.LENIENT),

    /** Refusals after the stream started. */
    RESPONSES_FAILED("responses-failed", Profile.RESPONSES_API, "A Responses server that "
            + "answers a prompt beyond the context window and an unknown model with HTTP 200 "
            + "and a response.failed event (code context_length_exceeded, model_not_found).",
            Map.of(), Quirk.FAILED_IN_STREAM),

    /** A length stop reported by status. */
    RESPONSES_INCOMPLETE("responses-incomplete", Profile.RESPONSES_API, "A Responses server that "
            + "ends an answer cut at max_output_tokens with response.completed whose status is "
            + "incomplete (incomplete_details.reason max_output_tokens).", Map.of(),
            Quirk.INCOMPLETE_AS_COMPLETED),

    /** No encrypted reasoning. */
    RESPONSES_NO_ENCRYPTED("responses-no-encrypted", Profile.RESPONSES_API, "A Responses server "
            + "without encrypted reasoning: 400 'Encrypted content is not supported with this "
            + "model.' for include, reasoning items without encrypted_content, which cannot "
            + "come back in a stateless request.",
            Map.of("supportsEncryptedReasoning", "false"), Quirk.REJECT_ENCRYPTED_REASONING),

    // google-generative-ai: Google's Gemini API (docs/dialects/google-generative-ai.md §9)

    /** Google's Gemini API as documented, with Gemini 3's rules; passes everything. */
    GEMINI("gemini", GeminiRoutes.API, "Google's Gemini API as documented: alt=sse chunks, "
            + "usageMetadata on each, function calls with ids and thought signatures that "
            + "Gemini 3 requires back, strict proto-JSON validation.", Map.of()),

    /** Gemini 2.5's calls without ids. */
    GEMINI_NO_CALL_IDS("gemini-no-call-ids", GeminiRoutes.API, "Gemini 2.5: functionCall parts "
            + "without an id; the engine synthesises unique ids.", Map.of(),
            Quirk.GEMINI_NO_CALL_IDS),

    /** Error bodies in an array. */
    GEMINI_ERROR_ARRAY("gemini-error-array", GeminiRoutes.API, "Error bodies wrapped in a "
            + "one-element JSON array, as streamGenerateContent sends them.", Map.of(),
            Quirk.GEMINI_ERROR_ARRAY),

    /** Usage only at the end. */
    GEMINI_USAGE_LAST("gemini-usage-last", GeminiRoutes.API, "usageMetadata only on the last "
            + "chunk of a stream.", Map.of(), Quirk.GEMINI_USAGE_LAST),

    /** A SAFETY stop on every text answer. */
    GEMINI_SAFETY("gemini-safety", GeminiRoutes.API, "A strict safety filter: every text answer "
            + "stops after its first words with finishReason SAFETY (no compat flag can help).",
            Map.of(), Quirk.GEMINI_SAFETY_STOP),

    /** A MALFORMED_FUNCTION_CALL stop on every call. */
    GEMINI_MALFORMED_CALLS("gemini-malformed-calls", GeminiRoutes.API, "Every function call ends "
            + "the answer with finishReason MALFORMED_FUNCTION_CALL and no call (no compat flag "
            + "can help).", Map.of(), Quirk.GEMINI_MALFORMED_CALLS),

    /** A gateway with the OpenAPI schemas only. */
    GEMINI_OPENAPI_ONLY("gemini-openapi-only", GeminiRoutes.API, "A gateway that knows tool "
            + "parameters only in the OpenAPI subset: 400 for parametersJsonSchema.",
            Map.of("toolSchemaFormat", "openapi"), Quirk.GEMINI_OPENAPI_ONLY),

    /** A gateway without the id fields. */
    GEMINI_NO_ID_FIELDS("gemini-no-id-fields", GeminiRoutes.API, "A gateway that rejects "
            + "functionCall.id and functionResponse.id (400 Unknown name \"id\").",
            Map.of("sendToolCallIds", "false"), Quirk.GEMINI_NO_ID_FIELDS);

    /** The dialect of the Responses profiles. */
    public static final String RESPONSES_API = "openai-responses";

    /** The dialect of the profiles that do not name one. */
    public static final String CHAT_COMPLETIONS = "openai-completions";

    /** Anthropic's Messages dialect. */
    public static final String ANTHROPIC_MESSAGES = "anthropic-messages";

    /** The model the kit uses by default; every profile serves it. */
    public static final String DEFAULT_MODEL = ServedModel.CHAT.id();

    /** A second, text-only model every profile serves: another endpoint for the handoff. */
    public static final String LITE_MODEL = ServedModel.LITE.id();

    private final String id;
    private final String api;
    private final String description;
    private final Map<String, String> fix;
    private final Set<Quirk> quirks;

    Profile(String id, String description, Map<String, String> fix, Quirk... quirks) {
        this(id, CHAT_COMPLETIONS, description, fix, quirks);
    }

    Profile(String id, String api, String description, Map<String, String> fix,
            Quirk... quirks) {
        this.id = id;
        this.api = api;
        this.description = description;
        this.fix = fix;
        this.quirks = quirks.length == 0 ? EnumSet.noneOf(Quirk.class)
                : EnumSet.copyOf(Arrays.asList(quirks));
    }

    /** Returns the profile with this id, e.g. {@code no-developer-role}. */
    public static Profile byId(String id) {
        for (Profile profile : values()) {
            if (profile.id.equals(id.toLowerCase(Locale.ROOT))) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + id + "'; known: "
                + Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", ")));
    }

    /**
     * Returns the profile whose provider id this is ({@code demo}, {@code demo-<profile id>}),
     * or null when it names no demo provider.
     */
    public static @Nullable Profile byProviderId(String providerId) {
        for (Profile profile : values()) {
            if (profile.providerId().equals(providerId)) {
                return profile;
            }
        }
        return null;
    }

    /** Returns the profile's id, e.g. {@code openai} or {@code no-developer-role}. */
    public String id() {
        return id;
    }

    /** Returns the dialect the profile speaks, e.g. {@code openai-completions}. */
    public String api() {
        return api;
    }

    /** Returns one sentence saying what the profile changes on the wire. */
    public String description() {
        return description;
    }

    /** Returns the provider id in the profile's provider file: {@code demo}, {@code demo-<id>}. */
    public String providerId() {
        return this == OPENAI ? "demo" : "demo-" + id;
    }

    /**
     * Returns the compat entries that make the engine absorb this profile's deviation, one
     * {@code key: value} YAML line each, or "" when the engine absorbs it unaided.
     */
    public String compatFix() {
        StringBuilder out = new StringBuilder();
        orderedFix().forEach((key, value) -> out.append(key).append(": ").append(value)
                .append('\n'));
        return out.toString();
    }

    /**
     * Returns the provider file a user would write for this server before knowing its quirk: the
     * OpenAI-conformant declaration.
     */
    public String providerYaml(URI baseUrl, String apiKey) {
        return ProviderFile.render(this, baseUrl, apiKey, Map.of());
    }

    /** Returns {@link #providerYaml} with {@link #compatFix()} merged into its compat block. */
    public String fixedProviderYaml(URI baseUrl, String apiKey) {
        return ProviderFile.render(this, baseUrl, apiKey, orderedFix());
    }

    /** Returns whether this server reports cached prompt tokens in its usage. */
    boolean reportsCachedTokens() {
        return switch (this) {
            case GROQ, MISTRAL, OLLAMA, LOCALAI -> false;
            default -> true;
        };
    }

    boolean has(Quirk quirk) {
        return quirks.contains(quirk);
    }

    private Map<String, String> orderedFix() {
        // Map.of has no order; sort so that the printed patch is stable
        return new TreeMap<>(fix);
    }
}
