package dev.providers.conformance.onboarding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One model of a {@link ProviderFileDraft}: an immutable, ordered set of keys, each with an
 * optional comment saying where its value came from. Build one with {@link #builder(String)}.
 *
 * <p>Keys are written in the schema's order (id, name, api, baseUrl, reasoning, input, cost,
 * contextWindow, maxTokens, headers, thinkingLevelMap, compat), whatever order they were set in.
 *
 * <p>Thread-safety: immutable; the builder is not thread-safe.
 */
public final class ModelDraft {

    /** The thinking levels a {@code thinkingLevelMap} may name, in the schema's order. */
    public static final List<String> THINKING_LEVELS =
            List.of("off", "minimal", "low", "medium", "high", "xhigh", "max");

    /** The parts of a model's {@code cost}, in the schema's order. */
    public static final List<String> COST_PARTS =
            List.of("input", "output", "cacheRead", "cacheWrite");

    private static final List<String> ORDER = List.of("id", "name", "api", "baseUrl",
            "reasoning", "input", "cost", "contextWindow", "maxTokens", "headers",
            "thinkingLevelMap", "compat");

    private final String id;
    private final @Nullable String note;
    private final List<Slot> slots;

    private ModelDraft(Builder builder) {
        this.id = builder.id;
        this.note = builder.note;
        Slot.Group keys = new Slot.Group();
        builder.keys.block().slots().forEach(s -> keys.put(s.key(), s.value(), s.comment()));
        if (!builder.cost.isEmpty()) {
            keys.put("cost", builder.cost.block(COST_PARTS), builder.costComment);
        }
        if (!builder.headers.isEmpty()) {
            keys.put("headers", builder.headers.block(), null);
        }
        if (!builder.thinking.isEmpty()) {
            keys.put("thinkingLevelMap", builder.thinking.block(THINKING_LEVELS),
                    builder.thinkingComment);
        }
        if (!builder.compat.isEmpty()) {
            keys.put("compat", builder.compat.block(), null);
        }
        this.slots = keys.block(ORDER).slots();
    }

    /** Returns a builder for the model with this wire id. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Returns the model id sent on the wire. */
    public String id() {
        return id;
    }

    /** Appends this model as one item of the {@code models:} list. */
    void render(List<String> out) {
        if (note != null && !note.isBlank()) {
            out.addAll(YamlText.comment(note, 2));
        }
        List<String> lines = new ArrayList<>();
        Slot.render(slots, 4, lines);
        // the first key line opens the list item: "    id: x" becomes "  - id: x"
        boolean opened = false;
        for (String line : lines) {
            if (!opened && !line.stripLeading().startsWith("#")) {
                out.add("  - " + line.substring(4));
                opened = true;
            } else {
                out.add(line);
            }
        }
    }

    @Override
    public String toString() {
        return "ModelDraft[" + id + "]";
    }

    /**
     * Collects a model's keys. Each setter takes the value and a comment (null for none) that is
     * written above the key; setting a key again replaces it.
     */
    public static final class Builder {
        private final String id;
        private @Nullable String note;
        private final Slot.Group keys = new Slot.Group();
        private final Slot.Group cost = new Slot.Group();
        private @Nullable String costComment;
        private final Slot.Group headers = new Slot.Group();
        private final Slot.Group thinking = new Slot.Group();
        private @Nullable String thinkingComment;
        private final Slot.Group compat = new Slot.Group();

        private Builder(String id) {
            if (id.isEmpty() || id.codePoints().anyMatch(c -> Character.isWhitespace(c)
                    || Character.isISOControl(c) || Character.isSpaceChar(c))) {
                throw new IllegalArgumentException("a model id has no whitespace or control "
                        + "characters and is not empty");
            }
            this.id = id;
            keys.put("id", id, null);
        }

        /** Sets a comment written above the model's list item. */
        public Builder note(@Nullable String text) {
            this.note = text;
            return this;
        }

        /** Sets the human-readable name. */
        public Builder name(String name, @Nullable String comment) {
            keys.put("name", requireText(name, "name"), comment);
            return this;
        }

        /** Sets the model's own wire dialect, overriding the provider's. */
        public Builder api(String api, @Nullable String comment) {
            keys.put("api", requireText(api, "api"), comment);
            return this;
        }

        /** Sets the model's own base URL, overriding the provider's. */
        public Builder baseUrl(String baseUrl, @Nullable String comment) {
            keys.put("baseUrl", requireText(baseUrl, "baseUrl"), comment);
            return this;
        }

        /** Sets whether the model can think. */
        public Builder reasoning(boolean reasoning, @Nullable String comment) {
            keys.put("reasoning", reasoning, comment);
            return this;
        }

        /** Sets the input modalities: "text" and/or "image". */
        public Builder input(List<String> modalities, @Nullable String comment) {
            Set<String> unique = new LinkedHashSet<>(modalities);
            if (unique.isEmpty() || !Set.of("text", "image").containsAll(unique)) {
                throw new IllegalArgumentException("input takes text and image, got "
                        + modalities);
            }
            keys.put("input", List.copyOf(unique), comment);
            return this;
        }

        /**
         * Sets one price in US dollars per million tokens.
         *
         * @param part one of {@link #COST_PARTS}
         */
        public Builder cost(String part, double usdPerMillion, @Nullable String comment) {
            if (!COST_PARTS.contains(part)) {
                throw new IllegalArgumentException("unknown cost part '" + part + "'; known: "
                        + COST_PARTS);
            }
            if (!(usdPerMillion >= 0) || Double.isInfinite(usdPerMillion)) {
                throw new IllegalArgumentException("a price is a finite number >= 0");
            }
            cost.put(part, usdPerMillion, null);
            if (comment != null) {
                costComment = comment;
            }
            return this;
        }

        /** Sets the context size in tokens the server serves (1 to 2147483647). */
        public Builder contextWindow(long tokens, @Nullable String comment) {
            keys.put("contextWindow", tokenCount(tokens, "contextWindow"), comment);
            return this;
        }

        /** Sets the default output limit in tokens (1 to 2147483647). */
        public Builder maxTokens(long tokens, @Nullable String comment) {
            keys.put("maxTokens", tokenCount(tokens, "maxTokens"), comment);
            return this;
        }

        /** Adds a header whose value is read from an environment variable per request. */
        public Builder headerFromEnv(String header, String envName, @Nullable String comment) {
            headers.put(ProviderFileDraft.headerName(header), Secrets.reference(envName),
                    comment);
            return this;
        }

        /** Adds a header with a literal value; only for values that are not secret. */
        public Builder header(String header, String value, @Nullable String comment) {
            headers.put(ProviderFileDraft.headerName(header), Secrets.literal(value), comment);
            return this;
        }

        /**
         * Maps a thinking level to its wire value; null marks the level unsupported.
         *
         * @param level one of {@link #THINKING_LEVELS}
         */
        public Builder thinkingLevel(String level, @Nullable String wireValue,
                @Nullable String comment) {
            if (!THINKING_LEVELS.contains(level)) {
                throw new IllegalArgumentException("unknown thinking level '" + level
                        + "'; known: " + THINKING_LEVELS);
            }
            if (wireValue != null && wireValue.isEmpty()) {
                throw new IllegalArgumentException("a thinking level's wire value is not empty");
            }
            thinking.put(level, wireValue, null);
            if (comment != null) {
                thinkingComment = comment;
            }
            return this;
        }

        /**
         * Sets a compat flag of the model's dialect; the value is a JSON-like tree (Boolean,
         * Number, String, List, Map or null). The flag is checked when the file is loaded.
         */
        public Builder compat(String flag, @Nullable Object value, @Nullable String comment) {
            compat.put(requireText(flag, "compat flag"), value, comment);
            return this;
        }

        /** Returns the immutable model. */
        public ModelDraft build() {
            return new ModelDraft(this);
        }
    }

    static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is not blank");
        }
        return value;
    }

    static int tokenCount(long tokens, String what) {
        if (tokens < 1 || tokens > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " is 1 to 2147483647, got " + tokens);
        }
        return (int) tokens;
    }
}
