package dev.providers.conformance.onboarding;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a server told about one model, each value with the source it came from, until it becomes
 * a {@link ModelDraft}. A later value replaces an earlier one.
 *
 * <p>Thread-safety: not thread-safe.
 */
final class ModelFacts {

    private final String id;
    private @Nullable String name;
    private @Nullable String nameSource;
    private long contextWindow;
    private @Nullable String contextSource;
    private long maxTokens;
    private @Nullable String maxTokensSource;
    private @Nullable Boolean reasoning;
    private @Nullable String reasoningSource;
    private @Nullable Boolean image;
    private @Nullable String imageSource;
    private double inputPrice = -1;
    private double outputPrice = -1;
    private @Nullable String priceSource;
    private final List<String> notes = new ArrayList<>();

    ModelFacts(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    void name(String value, String source) {
        if (!value.isBlank()) {
            name = value;
            nameSource = source;
        }
    }

    void contextWindow(long tokens, String source) {
        if (tokens > 0 && tokens <= Integer.MAX_VALUE) {
            contextWindow = tokens;
            contextSource = source;
        }
    }

    long contextWindow() {
        return contextWindow;
    }

    void maxTokens(long tokens, String source) {
        if (tokens > 0 && tokens <= Integer.MAX_VALUE) {
            maxTokens = tokens;
            maxTokensSource = source;
        }
    }

    void reasoning(boolean value, String source) {
        reasoning = value;
        reasoningSource = source;
    }

    void image(boolean value, String source) {
        image = value;
        imageSource = source;
    }

    /** Sets the prices in US dollars per million tokens. */
    void prices(double input, double output, String source) {
        if (input >= 0 && output >= 0 && Double.isFinite(input) && Double.isFinite(output)) {
            inputPrice = input;
            outputPrice = output;
            priceSource = source;
        }
    }

    void note(String text) {
        notes.add(text);
    }

    ModelDraft toDraft() {
        ModelDraft.Builder model = ModelDraft.builder(id);
        if (!notes.isEmpty()) {
            model.note(String.join("; ", notes));
        }
        if (name != null) {
            model.name(name, nameSource);
        }
        if (reasoning != null) {
            model.reasoning(reasoning, reasoningSource);
        }
        if (image != null) {
            model.input(image ? List.of("text", "image") : List.of("text"), imageSource);
        }
        if (priceSource != null) {
            model.cost("input", inputPrice, priceSource).cost("output", outputPrice, null);
        }
        if (contextSource != null) {
            model.contextWindow(contextWindow, contextSource);
        }
        if (maxTokensSource != null) {
            model.maxTokens(maxTokens, maxTokensSource);
        }
        return model.build();
    }
}
