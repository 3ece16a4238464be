package dev.providers.conformance.api;

import dev.providers.conformance.wire.AnthropicMessagesView;
import dev.providers.conformance.wire.GeminiView;
import dev.providers.conformance.wire.OpenAiCompletionsView;
import dev.providers.conformance.wire.OpenAiResponsesView;
import dev.providers.engine.spi.PluginRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The wire views the kit knows, by {@code api} id: the built-in ones, every view a
 * {@code META-INF/services/dev.providers.conformance.api.WireView} file names on the class path
 * (found on first use, so a user's dialect JAR may bring its own), and those registered here.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class WireViews {

    private static final PluginRegistry<WireView> KNOWN = new PluginRegistry<>(WireView.class,
            WireView::api, "wire view", List.of(new OpenAiCompletionsView(),
                    new AnthropicMessagesView(),
                    new OpenAiResponsesView(),
                    new GeminiView()));

    private WireViews() { }

    /**
     * Adds a view. Registering the same instance again does nothing.
     *
     * @throws IllegalStateException if another view already reads its dialect
     */
    public static void register(WireView view) {
        KNOWN.register(view);
    }

    /** Returns the view of the dialect {@code api}, if the kit has one. */
    public static Optional<WireView> find(String api) {
        return KNOWN.find(api);
    }

    /** Returns the ids of the dialects with a view, sorted. */
    public static Set<String> ids() {
        return KNOWN.ids();
    }

    /**
     * Returns why a check is left out for a dialect without a view:
     * {@code no wire view for dialect X: <what> not checked}.
     */
    public static String missing(String api, String unchecked) {
        return "no wire view for dialect " + api + ": " + unchecked + " not checked";
    }
}
