package dev.providers.conformance.onboarding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A provider file about to be written: an immutable, ordered provider document whose keys each
 * carry an optional comment saying where the value came from ("from models.dev:
 * limit.context"). Build one with {@link #builder(String)}, render it with {@link #toYaml()} or
 * write it with {@link #writeTo(Path, boolean)}.
 *
 * <p>The text starts with the schema modeline ({@link #MODELINE}), as the catalog files do, then
 * the description, then the keys in the schema's order (id, name, api, baseUrl, apiKey,
 * authHeader, headers, compat, models), whatever order they were set in. It holds no literal
 * secret: the API key can only be set as an environment variable reference
 * ({@link Builder#apiKeyFromEnv}), and literal header values are for values that are not
 * secret. Whether the document validates (a registered {@code api}, known compat flags, models
 * or a base URL) is the loader's to say: load the written file with the engine's
 * {@code ProviderLoader}.
 *
 * <p>Thread-safety: immutable; the builder is not thread-safe.
 */
public final class ProviderFileDraft {

    /** The provider schema's {@code $id}, which the modeline points editors at. */
    public static final String SCHEMA_URL = "https://providers.dev/schemas/provider.schema.json";

    /** The first line of every written file, as in the catalog's files. */
    public static final String MODELINE = "# yaml-language-server: $schema=" + SCHEMA_URL;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final List<String> ORDER = List.of("id", "name", "api", "baseUrl", "apiKey",
            "authHeader", "headers", "compat", "models");

    private final String id;
    private final @Nullable String description;
    private final List<Slot> slots;
    private final List<ModelDraft> models;

    private ProviderFileDraft(Builder builder) {
        this.id = builder.id;
        this.description = builder.description;
        this.models = List.copyOf(builder.models.values());
        Slot.Group keys = new Slot.Group();
        builder.keys.block().slots().forEach(s -> keys.put(s.key(), s.value(), s.comment()));
        if (!builder.headers.isEmpty()) {
            keys.put("headers", builder.headers.block(), null);
        }
        if (!builder.compat.isEmpty()) {
            keys.put("compat", builder.compat.block(), null);
        }
        this.slots = keys.block(ORDER).slots();
    }

    /**
     * Returns a builder for the provider with this id.
     *
     * @throws IllegalArgumentException if the id is not a valid provider id (lowercase letters,
     *     digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters)
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * Returns a valid provider id made from any name: lowercased, runs of other characters
     * replaced by '-', trimmed to 64 characters; "provider" when nothing is left.
     */
    public static String idFrom(String name) {
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[._-]+", "").replaceAll("-+$", "");
        if (id.length() > 64) {
            id = id.substring(0, 64);
        }
        return id.isEmpty() ? "provider" : id;
    }

    /**
     * Returns the conventional environment variable for a provider's key:
     * {@code <ID>_API_KEY}, the id upper-cased with other characters as '_'.
     */
    public static String keyVariable(String providerId) {
        return Secrets.keyVariable(providerId);
    }

    /** Returns the provider id. */
    public String id() {
        return id;
    }

    /** Returns the file name the draft is written as: {@code <id>.yaml}. */
    public String fileName() {
        return id + ".yaml";
    }

    /** Returns the ids of the draft's models, in order. */
    public List<String> modelIds() {
        return models.stream().map(ModelDraft::id).toList();
    }

    /** Returns the file's text: modeline, description, then the keys with their comments. */
    public String toYaml() {
        List<String> lines = new ArrayList<>();
        lines.add(MODELINE);
        if (description != null && !description.isBlank()) {
            lines.add("#");
            lines.addAll(YamlText.comment(description, 0));
        }
        Slot.render(slots, 0, lines);
        if (!models.isEmpty()) {
            lines.add("models:");
            models.forEach(model -> model.render(lines));
        }
        return String.join("\n", lines) + "\n";
    }

    /**
     * Writes the file as {@code <directory>/<id>.yaml}, creating the directory, and returns its
     * path.
     *
     * @param overwrite whether an existing file is replaced
     * @throws FileAlreadyExistsException if the file exists and overwrite is false
     * @throws IOException if the file cannot be written
     */
    public Path writeTo(Path directory, boolean overwrite) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(fileName());
        byte[] bytes = toYaml().getBytes(StandardCharsets.UTF_8);
        if (overwrite) {
            Files.write(target, bytes);
        } else {
            // CREATE_NEW decides atomically, so a file made meanwhile is never replaced
            Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        return target;
    }

    @Override
    public String toString() {
        return "ProviderFileDraft[" + id + ", " + models.size() + " models]";
    }

    static String headerName(String header) {
        if (!HEADER_NAME.matcher(header).matches()) {
            throw new IllegalArgumentException("not an HTTP header name: '" + header + "'");
        }
        return header;
    }

    /**
     * Collects a provider's keys. Each setter takes the value and a comment (null for none) that
     * is written above the key; setting a key again replaces it.
     */
    public static final class Builder {
        private final String id;
        private @Nullable String description;
        private final Slot.Group keys = new Slot.Group();
        private final Slot.Group headers = new Slot.Group();
        private final Slot.Group compat = new Slot.Group();
        private final Map<String, ModelDraft> models = new LinkedHashMap<>();

        private Builder(String id) {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("not a provider id: '" + id + "' (lowercase "
                        + "letters, digits, '.', '_' and '-', starting with a letter or digit, "
                        + "at most 64 characters)");
            }
            this.id = id;
            keys.put("id", id, null);
        }

        /** Sets the comment block under the modeline: what the file is and where it came from. */
        public Builder description(@Nullable String text) {
            this.description = text;
            return this;
        }

        /** Sets the human-readable name. */
        public Builder name(String name, @Nullable String comment) {
            keys.put("name", ModelDraft.requireText(name, "name"), comment);
            return this;
        }

        /** Sets the wire dialect, e.g. {@code openai-completions}. */
        public Builder api(String api, @Nullable String comment) {
            keys.put("api", ModelDraft.requireText(api, "api"), comment);
            return this;
        }

        /** Sets the base URL the dialect's paths are appended to, used verbatim. */
        public Builder baseUrl(String baseUrl, @Nullable String comment) {
            keys.put("baseUrl", ModelDraft.requireText(baseUrl, "baseUrl"), comment);
            return this;
        }

        /**
         * Sets the API key as a reference to an environment variable: {@code ${envName}}.
         *
         * @throws IllegalArgumentException if envName is not a variable name
         */
        public Builder apiKeyFromEnv(String envName, @Nullable String comment) {
            keys.put("apiKey", Secrets.reference(envName), comment);
            return this;
        }

        /** Sets whether the key is sent as {@code Authorization: Bearer <apiKey>}. */
        public Builder authHeader(boolean authHeader, @Nullable String comment) {
            keys.put("authHeader", authHeader, comment);
            return this;
        }

        /** Adds a header whose value is read from an environment variable per request. */
        public Builder headerFromEnv(String header, String envName, @Nullable String comment) {
            headers.put(headerName(header), Secrets.reference(envName), comment);
            return this;
        }

        /**
         * Adds a header with a literal value, written as is ({@code ${} escaped); only for
         * values that are not secret.
         */
        public Builder header(String header, String value, @Nullable String comment) {
            headers.put(headerName(header), Secrets.literal(value), comment);
            return this;
        }

        /**
         * Sets a provider-wide compat flag of the provider's dialect; the value is a JSON-like
         * tree (Boolean, Number, String, List, Map or null). The flag is checked when the file
         * is loaded.
         */
        public Builder compat(String flag, @Nullable Object value, @Nullable String comment) {
            compat.put(ModelDraft.requireText(flag, "compat flag"), value, comment);
            return this;
        }

        /** Adds a model; a model with the same id replaces the earlier one in its place. */
        public Builder model(ModelDraft model) {
            models.put(model.id(), model);
            return this;
        }

        /** Returns the immutable draft. */
        public ProviderFileDraft build() {
            return new ProviderFileDraft(this);
        }
    }
}
