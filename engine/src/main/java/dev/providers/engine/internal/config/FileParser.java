package dev.providers.engine.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.internal.schema.SchemaValidator;
import dev.providers.engine.internal.yaml.SourceMap;
import dev.providers.engine.internal.yaml.YamlDocument;
import dev.providers.engine.internal.yaml.YamlTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes of one provider file into a {@link ProviderFile}: size and encoding checks,
 * YAML composition, schema validation, semantic checks, dialect checks (each {@code api} is
 * registered, each {@code compat} matches its dialect's schema) and binding, stopping at the
 * first stage that reports an error so that later stages never see an invalid tree.
 *
 * <p>Thread-safety: immutable; one instance may parse many files concurrently.
 */
public final class FileParser {

    /** The largest provider file accepted: 1 MiB. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private final YamlTreeReader yaml = new YamlTreeReader();
    private final SchemaValidator validator = new SchemaValidator(SchemaCatalog.get());
    private final SpecBinder binder = new SpecBinder();
    private final Function<String, @Nullable String> inheritedApi;

    /** Creates a parser of stand-alone files: one without {@code api} speaks the default. */
    public FileParser() {
        this(id -> null);
    }

    /**
     * Creates a parser of files that may override built-ins: {@code inheritedApi} returns the
     * api of the built-in provider with an id (null when there is none), which a file with that
     * id speaks when it names no api of its own.
     */
    public FileParser(Function<String, @Nullable String> inheritedApi) {
        this.inheritedApi = inheritedApi;
    }

    /** Reads and parses one file; I/O failures and files that are not regular become errors. */
    public ProviderFile read(Path path, String source) {
        byte[] bytes;
        try {
            bytes = readBytes(path);
        } catch (NoSuchFileException e) {
            return rejected(source, new byte[0], Diagnostic.error(source, 0, 0, "",
                    "the file disappeared while it was being read"));
        } catch (NotRegularFileException e) {
            return rejected(source, new byte[0], Diagnostic.error(source, 0, 0, "",
                    e.kind().description()));
        } catch (IOException e) {
            return unreadable(source);
        }
        return parse(source, path.getFileName().toString(), bytes);
    }

    /**
     * Reads a file's bytes, at most one byte more than the size limit; refuses to open anything
     * but a regular file, since opening a named pipe blocks until a writer comes.
     *
     * @throws NotRegularFileException if {@code path} is not a regular file
     */
    public static byte[] readBytes(Path path) throws IOException {
        FileKind kind = FileKind.of(path);
        if (kind == FileKind.MISSING || kind == FileKind.DANGLING_LINK) {
            throw new NoSuchFileException(path.toString());
        }
        if (kind != FileKind.REGULAR) {
            throw new NotRegularFileException(path, kind);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(MAX_FILE_BYTES + 1);
        }
    }

    /** Thrown instead of opening a path that is not a regular file. */
    public static final class NotRegularFileException extends IOException {
        private static final long serialVersionUID = 1L;

        private final FileKind kind;

        NotRegularFileException(Path path, FileKind kind) {
            super(path + " " + kind.description());
            this.kind = kind;
        }

        /** Returns what the path is instead. */
        public FileKind kind() {
            return kind;
        }
    }

    /** Returns the rejection of a file that exists but cannot be read. */
    public static ProviderFile unreadable(String source) {
        return rejected(source, new byte[0], Diagnostic.error(source, 0, 0, "",
                "cannot read the file (permissions?)"));
    }

    /** Parses the bytes of one file named {@code fileName}, labelled {@code source}. */
    public ProviderFile parse(String source, String fileName, byte[] bytes) {
        if (bytes.length > MAX_FILE_BYTES) {
            return rejected(source, bytes, Diagnostic.error(source, 1, 1, "",
                    "the file is larger than 1 MiB; provider files are small"));
        }
        String text;
        try {
            text = decode(bytes);
        } catch (MalformedInputException e) {
            return rejected(source, bytes, encodingError(source, bytes));
        } catch (CharacterCodingException e) {
            return rejected(source, bytes, encodingError(source, bytes));
        }
        try {
            return check(source, fileName, bytes, text);
        } catch (StackOverflowError e) {
            // every recursive stage is bounded by the reader's depth limit; this is a backstop
            return rejected(source, bytes, Diagnostic.error(source, 1, 1, "",
                    "the file nests too deeply to be checked"));
        } catch (RuntimeException e) {
            // a defect of the engine, not of the file: one file's crash must not hide the others;
            // the exception's message is left out because it may quote the file's values
            return rejected(source, bytes, Diagnostic.error(source, 1, 1, "",
                    "internal error while checking this file (" + e.getClass().getSimpleName()
                            + "); this is a bug in the engine, please report it"));
        }
    }

    private ProviderFile check(String source, String fileName, byte[] bytes, String text) {
        YamlDocument document = yaml.read(text, source);
        List<Diagnostic> diagnostics = new ArrayList<>(document.problems());
        JsonNode root = document.root();
        SourceMap map = document.sourceMap();
        if (root == null) {
            return new ProviderFile(source, digest(bytes), null, null, map, diagnostics);
        }
        if (!root.isObject()) {
            diagnostics.add(Diagnostic.error(source, 1, 1, "", "expected a mapping of provider "
                    + "keys at the top level, found " + kind(root)));
            return new ProviderFile(source, digest(bytes), null, null, map, diagnostics);
        }
        diagnostics.addAll(validator.validate(root, map));
        SemanticChecks.check(root, map, fileName, diagnostics);
        JsonNode id = root.get("id");
        DialectChecks.check(root, map, id != null && id.isTextual()
                ? inheritedApi.apply(id.asText()) : null, validator, diagnostics);
        diagnostics.sort(Comparator.comparingInt(Diagnostic::line)
                .thenComparingInt(Diagnostic::column));
        if (hasErrors(diagnostics)) {
            return new ProviderFile(source, digest(bytes), null, null, map, diagnostics);
        }
        ProviderDocument bound = binder.bind(root);
        return new ProviderFile(source, digest(bytes), bound,
                bound.models() == null ? null : binder.models(bound, map), map, diagnostics);
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Locates the first byte that is not valid UTF-8. */
    private static Diagnostic encodingError(String source, byte[] bytes) {
        int bad = firstInvalidUtf8(bytes);
        String prefix = new String(bytes, 0, bad, StandardCharsets.UTF_8);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < prefix.length(); i++) {
            if (prefix.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = prefix.codePointCount(lineStart, prefix.length()) + 1;
        return Diagnostic.error(source, line, column, "", String.format(
                "invalid UTF-8 (byte 0x%02X at offset %d); provider files must be UTF-8",
                bytes[bad] & 0xFF, bad));
    }

    static int firstInvalidUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int extra = b < 0x80 ? 0 : b >= 0xC2 && b < 0xE0 ? 1 : b >= 0xE0 && b < 0xF0 ? 2
                    : b >= 0xF0 && b < 0xF5 ? 3 : -1;
            if (extra < 0 || i + extra >= bytes.length) {
                return i;
            }
            int cp = extra == 0 ? b : b & (0x3F >> extra);
            for (int k = 1; k <= extra; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (bytes[i + k] & 0x3F);
            }
            boolean overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
            if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
                return i;
            }
            i += extra + 1;
        }
        return Math.max(0, bytes.length - 1);
    }

    private static ProviderFile rejected(String source, byte[] bytes, Diagnostic why) {
        return new ProviderFile(source, digest(bytes), null, null, new SourceMap(source),
                List.of(why));
    }

    private static boolean hasErrors(List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "a list" : node.isNull() ? "nothing" : "a single value";
    }

    /** Returns the hex SHA-256 of the bytes. */
    public static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
