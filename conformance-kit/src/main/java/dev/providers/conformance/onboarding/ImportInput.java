package dev.providers.conformance.onboarding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an importer's JSON input with bounds: at most {@link #MAX_BYTES}, nesting at most 64
 * levels, strings at most 1 MiB. Problems become an {@link ImportException} with
 * {@code file:line:col} and Jackson's message, which names tokens but quotes no value.
 *
 * <p>Thread-safety: stateless.
 */
final class ImportInput {

    /** The largest input read: models.dev's whole catalog is a few MiB. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(1024 * 1024).build())
            .build());

    private ImportInput() { }

    /** Returns the file's top-level JSON object. */
    static ObjectNode read(Path file) throws ImportException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ImportException(file + ": not a regular file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ImportException(file + ": larger than " + MAX_BYTES / 1024 / 1024
                        + " MiB");
            }
            JsonNode root;
            try (InputStream in = Files.newInputStream(file)) {
                // the size was checked, but the file may grow meanwhile
                root = MAPPER.readTree(in.readNBytes((int) MAX_BYTES + 1));
            }
            if (!(root instanceof ObjectNode object)) {
                throw new ImportException(file + ":1:1: expected a JSON object");
            }
            return object;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? file.toString()
                    : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ImportException(where + ": not valid JSON: " + firstLine(
                    e.getOriginalMessage()));
        } catch (NoSuchFileException e) {
            throw new ImportException(file + ": no such file");
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Returns the tree as plain Java values (Map, List, String, Number, Boolean, null). */
    static Object plain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

    /** The first line of Jackson's message, with quoted token text removed: it may be a key. */
    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
    }
}
