package dev.providers.conformance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.ResponseFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code chat --response-format}: {@code json}, {@code text}, or a file holding either a
 * bare JSON Schema or OpenAI's {@code {name, schema, strict}} object.
 *
 * <p>Thread-safety: stateless.
 */
final class ResponseFormats {

    /** The largest schema file read, so a wrong path to a huge file fails fast. */
    static final long MAX_FILE_BYTES = 1 << 20;

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private ResponseFormats() {
    }

    /**
     * Returns the format {@code value} names.
     *
     * @throws IllegalArgumentException when the file is not a JSON object, with its location
     * @throws IOException when the file cannot be read
     */
    static ResponseFormat read(String value) throws IOException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "json" -> {
                return ResponseFormat.JSON_OBJECT;
            }
            case "text" -> {
                return ResponseFormat.TEXT;
            }
            default -> {
                return schemaFile(Path.of(value));
            }
        }
    }

    private static ResponseFormat schemaFile(Path file) throws IOException {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("--response-format: " + file + " is larger "
                        + "than " + MAX_FILE_BYTES + " bytes");
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--response-format must be json, text or a "
                    + "schema file; there is no file " + file);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": a JSON Schema must be an object");
        }
        JsonNode wrapped = root.get("schema");
        if (wrapped != null && wrapped.isObject() && root.path("name").isTextual()) {
            return ResponseFormat.jsonSchema(root.get("name").asText(),
                    Json.MAPPER.convertValue(wrapped, OBJECT), root.path("strict").asBoolean());
        }
        return ResponseFormat.jsonSchema(nameOf(file), Json.MAPPER.convertValue(root, OBJECT),
                false);
    }

    /** Returns the file's name as a schema name: OpenAI allows a-z, 0-9, _ and -, 64 long. */
    static String nameOf(Path file) {
        String name = file.getFileName().toString().replaceFirst("(?i)\\.(schema\\.)?json$", "")
                .replaceAll("[^A-Za-z0-9_-]", "_");
        if (name.isEmpty()) {
            name = "answer";
        }
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
