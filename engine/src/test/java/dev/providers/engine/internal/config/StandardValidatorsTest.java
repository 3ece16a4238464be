package dev.providers.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.internal.schema.SchemaValidator;
import dev.providers.engine.internal.yaml.SourceMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schemas as editors and JavaScript tooling read them: Ajv 8 in strict mode with
 * ajv-formats (run by {@code scripts/check-schemas.sh}, which installs both from the npm
 * registry once) must compile them, and must accept exactly the values the loader accepts for
 * every {@code pattern}; for {@code overflowPatterns}, the loader accepts exactly what is valid
 * both as ECMA-262 ({@code format: regex}, judged by node itself) and as RE2/J syntax.
 */
class StandardValidatorsTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "check-schemas.sh");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @TempDir
    static Path work;

    /** Runs the script; returns its standard output, failing on a non-zero exit. */
    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        // the first run installs ajv from the npm registry
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("scripts/check-schemas.sh did not finish");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail("scripts/check-schemas.sh exited with " + process.exitValue() + ": " + stdout
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return stdout;
    }

    /** Returns, for each document, whether Ajv finds it valid. */
    private static List<Boolean> ajv(List<ObjectNode> documents) throws Exception {
        Path probe = Files.createTempFile(work, "probe", ".json");
        Files.writeString(probe, JSON.writeValueAsString(documents), StandardCharsets.UTF_8);
        JsonNode verdicts = JSON.readTree(run("--probe", probe.toString()));
        List<Boolean> out = new ArrayList<>();
        verdicts.forEach(v -> out.add(v.booleanValue()));
        assertEquals(documents.size(), out.size());
        return out;
    }

    private static ObjectNode minimal() {
        try {
            return (ObjectNode) JSON.readTree("{\"id\": \"p\", \"baseUrl\": \"http://h:1/v1\", "
                    + "\"models\": [{\"id\": \"m\"}]}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void theSchemasCompileInStrictMode() throws Exception {
        String out = run();
        assertTrue(out.contains("in strict mode with ajv-formats compiles"), out);
    }

    @Test
    void ajvAndTheLoaderAgreeOnEveryPattern() throws Exception {
        List<String> urls = List.of("http://h:1/v1", "https://h", "HTTP://H/x", "ftp://h",
                "http:///x", "http://h\u00a0x/", "http://h/a b", "http://h/\n", "http://h/x\n",
                "http://h/\u2028", "http://h/\u0085", "http://h/\u3000", "http://h/\ufeff",
                "http://ex\u00e4mple.com/v1", "http://h/\u200b", "http://h/\u0000",
                "http://h/\u007f", "http://h/\t", "http://h/\u180e", "http://h/\ud83d\ude00");
        List<String> ids = List.of("my-llm", "a.b_c-d", "9lives", "My", "-a", "a b",
                "a\u00a0b", "\u00e9", "a\n", "a\u2028", "");
        List<String> secrets = List.of("abc", "${X}", "", "a\nb", "abc\n", "\n", "a\rb",
                "a\u2028b", "a\u0085b");
        List<String> headerNames = List.of("X-Api-Key", "!#$%&'*+.^_`|~", "X Api", "X:Y",
                "\u00e9", "a\n", "x{}");
        List<String> queryNames = List.of("api-version", "a~b", "a b", "a=b", "\u00e9", "a\n");
        List<String> apis = List.of("openai-completions", "My.Dialect_2", "9x", "-x", "a b",
                "a/b", "\u00e9", "", "a\n", "x".repeat(64), "x".repeat(65));
        List<String> modelIds = List.of("Qwen/Qwen3-8B", "qwen3:8b", "\u6a21\u578b",
                "\ud83d\ude00", "a\u200bb", "a b", "a\u00a0b", "a\tb", "a\u3000b", "a\u2028b",
                "a\ufeffb", "a\u0085b", "a\u0000b", "a\n", "a\u180eb", "a\u2007b", "a\u202fb",
                "");
        List<ObjectNode> documents = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String url : urls) {
            ObjectNode doc = minimal();
            doc.put("baseUrl", url);
            documents.add(doc);
            labels.add("baseUrl " + JSON.writeValueAsString(url));
        }
        for (String id : ids) {
            ObjectNode doc = minimal();
            doc.put("id", id);
            documents.add(doc);
            labels.add("id " + JSON.writeValueAsString(id));
        }
        for (String secret : secrets) {
            ObjectNode doc = minimal();
            doc.put("apiKey", secret);
            documents.add(doc);
            labels.add("apiKey " + JSON.writeValueAsString(secret));
        }
        for (String name : headerNames) {
            ObjectNode doc = minimal();
            doc.putObject("headers").put(name, "v");
            documents.add(doc);
            labels.add("header name " + JSON.writeValueAsString(name));
        }
        for (String name : queryNames) {
            ObjectNode doc = minimal();
            doc.putObject("queryParams").put(name, "v");
            documents.add(doc);
            labels.add("query parameter " + JSON.writeValueAsString(name));
        }
        for (String api : apis) {
            ObjectNode doc = minimal();
            doc.put("api", api);
            documents.add(doc);
            labels.add("api " + JSON.writeValueAsString(api));
        }
        for (String id : modelIds) {
            ObjectNode doc = minimal();
            ((ObjectNode) doc.get("models").get(0)).put("id", id);
            documents.add(doc);
            labels.add("model id " + JSON.writeValueAsString(id));
        }
        List<Boolean> ajv = ajv(documents);
        SchemaValidator loader = new SchemaValidator(SchemaCatalog.get());
        List<String> disagreements = new ArrayList<>();
        int valid = 0;
        for (int i = 0; i < documents.size(); i++) {
            boolean java = loader.validate(documents.get(i), new SourceMap("probe")).isEmpty();
            valid += java ? 1 : 0;
            if (java != ajv.get(i)) {
                disagreements.add(labels.get(i) + ": loader " + java + ", Ajv " + ajv.get(i));
            }
        }
        assertEquals(List.of(), disagreements);
        assertTrue(valid > 10 && valid < documents.size() - 10, "both verdicts are exercised");
    }

    @Test
    void theLoaderAcceptsAnOverflowPatternExactlyWhenEcmaScriptAndRe2Both() throws Exception {
        List<String> patterns = List.of("context length", "maximum context length is \\d+",
                "^prompt is too long$", "a|b", "(?:x)", "()", "(|a)", "(?<n>x)", "\\pL",
                "\\p{Greek}", "[[:alpha:]]", "a*?", "a{2}?", "a{,3}", "a{1000}", "]", "{", "}",
                "a{", "\\0", "\\012", "[]a]", "[^]a]", "\\b", "\\_", "\\-", "\\/", "\\ ", "\\v",
                "[\\w-a]", "[\\d-z]", "\\x{41}", "\\x41", "\\Qa.b\\E", "x\\z", "\\A", ".*",
                "[a-z&&[b]]", "\\W\\S\\D", "\\u00e9", "\\cA", "\\e", "\\8", "(?i)context",
                "(?i:ctx)", "(?s).", "(?-i)x", "(?U)x", "(?m)^x", "(?i)(?s)x", "(?flags)",
                "(?=x)", "(?!x)", "(?<=x)y", "(?P<n>x)", "(?P=n)", "(?<1n>x)", "(?<n>x)(?<n>y)",
                "(?<n>x)\\k<n>", "\\k<n>", "\\1(a)", "a{2,1}", "a{1001}", "\\Z", "(", ")",
                "a**", "x{2}{3}", "[z-a]", "[a-\\w]", "{2}", "a|{2}", "^{2}", "\\b{2}", "$?",
                "^*", "\\B*", "(^*)", "(?:^)*", "(?#c)", "\\Q(\\E", "[^]", "[\\b]", "\\C", "\\R",
                "(*)", "(+a)", "[a-z]{2}+", "\\", "[", "(?", "(?:", "\\cA\\c", "[\\c_]",
                "(?<a_b>x)", "(?<a$>x)", "(?<\u00e9>x)", "(?<>x)", "\\u{41}", "x(?=a)*");
        List<ObjectNode> documents = new ArrayList<>();
        for (String pattern : patterns) {
            ObjectNode doc = minimal();
            doc.putObject("compat").putArray("overflowPatterns").add(pattern);
            documents.add(doc);
        }
        List<Boolean> ecma = ajv(documents);
        FileParser parser = new FileParser();
        List<String> disagreements = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            byte[] yaml = JSON.writeValueAsBytes(documents.get(i)); // JSON is YAML 1.2
            boolean loader = parser.parse("probe.yaml", "p.yaml", yaml).diagnostics().stream()
                    .noneMatch(d -> d.isError());
            boolean re2 = compilesInRe2(pattern);
            accepted += loader ? 1 : 0;
            if (loader != (ecma.get(i) && re2)) {
                disagreements.add(JSON.writeValueAsString(pattern) + ": loader " + loader
                        + ", ECMA-262 " + ecma.get(i) + ", RE2/J " + re2);
            }
        }
        assertEquals(List.of(), disagreements);
        assertTrue(accepted > 20 && accepted < patterns.size() - 20, "both verdicts exercised");
    }

    private static boolean compilesInRe2(String pattern) {
        try {
            com.google.re2j.Pattern.compile(pattern, com.google.re2j.Pattern.CASE_INSENSITIVE);
            return true;
        } catch (com.google.re2j.PatternSyntaxException e) {
            return false;
        }
    }

    @Test
    void theProbesReachAjv() throws Exception {
        ArrayNode none = JSON.createArrayNode();
        assertEquals(List.of(true, false), ajv(List.of(minimal(), (ObjectNode) minimal()
                .set("models", none))));
    }
}
