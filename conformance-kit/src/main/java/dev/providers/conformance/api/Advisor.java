package dev.providers.conformance.api;

import dev.providers.engine.message.AssistantMessage;
import java.util.List;

/**
 * Recognises failures caused by a known server deviation and names the compat setting that
 * makes the engine absorb it. The rules are the dialect's own (its {@link WireView#suggest}; for
 * chat completions, docs/dialects/openai-completions.md §9). It suggests; it never changes a
 * file.
 */
public final class Advisor {

    private Advisor() { }

    /**
     * Returns the compat settings that would fix what this stream shows, as YAML lines; none for
     * a dialect without a wire view.
     */
    public static List<String> suggest(ProviderUnderTest provider, StreamRecord record,
            AssistantMessage message) {
        return provider.wire().map(view -> view.suggest(provider.model(), record, message))
                .orElse(List.of());
    }
}
