package dev.providers.conformance.reference;

import dev.providers.conformance.reference.ChatRequest.Call;
import dev.providers.conformance.reference.ChatRequest.Msg;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic prompt cache, so that cache reads can be tested: a request whose leading
 * messages (with the same model and tools) were seen before reports that prefix as cached, in
 * blocks of {@value #BLOCK} tokens and from {@value #MIN_TOKENS} tokens on, as OpenAI's cache
 * does in spirit.
 *
 * <p>Thread-safety: thread-safe.
 */
final class PromptCache {

    /** The cache counts in blocks of this many tokens. */
    static final int BLOCK = 64;

    /** Shorter prefixes are never cached. */
    static final int MIN_TOKENS = 128;

    private static final int CAPACITY = 10_000;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Returns the cached tokens of this request's prompt and remembers its prefixes. */
    int cachedTokens(ChatRequest request) {
        List<String> keys = new ArrayList<>();
        String key = digest(request.modelId() + "\u0000" + tools(request));
        for (Msg message : request.messages()) {
            key = digest(key + "\u0001" + canonical(message));
            keys.add(key);
        }
        int hit = 0;
        synchronized (seen) {
            for (int k = 0; k < keys.size(); k++) {
                if (seen.get(keys.get(k)) != null) {
                    hit = k + 1;
                }
            }
            keys.forEach(k -> seen.put(k, Boolean.TRUE));
        }
        int tokens = Tokens.PRIMING + Tokens.ofTools(request.tools());
        for (int k = 0; k < hit; k++) {
            tokens += Tokens.ofMessage(request.messages().get(k));
        }
        return tokens < MIN_TOKENS ? 0 : tokens / BLOCK * BLOCK;
    }

    private static String tools(ChatRequest request) {
        StringBuilder out = new StringBuilder();
        request.tools().forEach(tool -> out.append(tool.name()).append(Json.text(
                tool.parameters())).append('\u0000'));
        return out.toString();
    }

    private static String canonical(Msg message) {
        StringBuilder out = new StringBuilder(message.role()).append('\u0000')
                .append(message.text()).append('\u0000').append(message.reasoning())
                .append('\u0000').append(message.toolCallId());
        for (Call call : message.calls()) {
            out.append('\u0000').append(call.id()).append(call.name()).append(call.arguments());
        }
        message.images().forEach(image -> out.append('\u0000').append(image));
        return out.toString();
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
