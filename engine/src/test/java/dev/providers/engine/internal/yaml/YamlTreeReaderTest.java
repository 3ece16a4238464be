package dev.providers.engine.internal.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.spec.Origin;
import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {

    private final YamlTreeReader reader = new YamlTreeReader();

    @Test
    void recordsKeyAndValuePositionsForEveryPointer() {
        YamlDocument doc = reader.read("""
                id: demo
                models:
                  - id: a/b
                    cost: {input: 1.5}
                """, "f.yaml");
        assertTrue(doc.problems().isEmpty(), doc.problems()::toString);
        JsonNode root = doc.root();
        assertNotNull(root);
        assertEquals("a/b", root.at("/models/0/id").asText());
        assertEquals(1.5, root.at("/models/0/cost/input").asDouble());
        SourceMap map = doc.sourceMap();
        assertEquals(new Origin("f.yaml", 3, 5), map.keyAt("/models/0/id"));
        assertEquals(new Origin("f.yaml", 3, 9), map.valueAt("/models/0/id"));
        assertEquals(new Origin("f.yaml", 4, 19), map.valueAt("/models/0/cost/input"));
        // an unknown pointer falls back to its nearest ancestor
        assertEquals(new Origin("f.yaml", 4, 11), map.valueAt("/models/0/cost/output"));
    }

    @Test
    void escapesSlashesAndTildesInPointers() {
        YamlDocument doc = reader.read("headers:\n  a/b~c: x\n", "f.yaml");
        assertEquals(new Origin("f.yaml", 2, 3), doc.sourceMap().keyAt("/headers/a~1b~0c"));
    }

    @Test
    void usesTheCoreSchemaSoNoAndOnStayStrings() {
        JsonNode root = reader.read("a: no\nb: on\nc: true\nd: 0x1F\ne: 0o17\nf: ~\ng: 12\n"
                + "h: 1e3\n", "f.yaml").root();
        assertNotNull(root);
        assertTrue(root.get("a").isTextual());
        assertTrue(root.get("b").isTextual());
        assertTrue(root.get("c").isBoolean());
        assertEquals(31, root.get("d").intValue());
        assertEquals(15, root.get("e").intValue());
        assertTrue(root.get("f").isNull());
        assertTrue(root.get("g").isIntegralNumber());
        assertEquals(1000.0, root.get("h").doubleValue());
    }

    @Test
    void warnsWhereYaml11ToolsWouldReadABoolean() {
        YamlDocument doc = reader.read("""
                thinkingLevelMap:
                  off: none
                  'on': "yes"
                  high: on
                name: No
                flag: true
                true: x
                """, "f.yaml");
        assertNotNull(doc.root(), "warnings never reject");
        assertEquals("none", doc.root().at("/thinkingLevelMap/off").asText());
        assertEquals(java.util.List.of(
                "f.yaml:2:3: warning: /thinkingLevelMap/off: the key off is the boolean false to "
                        + "YAML 1.1 tools (PyYAML, go-yaml v2, SnakeYAML 1.x); quote it: 'off'",
                "f.yaml:4:9: warning: /thinkingLevelMap/high: this unquoted string is a "
                        + "boolean to YAML 1.1 tools (PyYAML, go-yaml v2); quote it, or write "
                        + "true or false if a boolean is meant",
                "f.yaml:5:7: warning: /name: this unquoted string is a boolean to YAML 1.1 "
                        + "tools (PyYAML, go-yaml v2); quote it, or write true or false if a "
                        + "boolean is meant",
                "f.yaml:7:1: warning: /true: the key true is the boolean true to YAML 1.1 tools "
                        + "(PyYAML, go-yaml v2, SnakeYAML 1.x); quote it: 'true'"),
                doc.problems().stream().map(Diagnostic::format).toList());
    }

    @Test
    void aYaml11BooleanWarningNeverQuotesTheValue() {
        // the same fixed text whatever the value, which may be a secret
        for (String value : java.util.List.of("on", "Off", "y", "NO")) {
            YamlDocument doc = reader.read("apiKey: " + value + "\n", "f.yaml");
            assertEquals(java.util.List.of("f.yaml:1:9: warning: /apiKey: this unquoted string "
                    + "is a boolean to YAML 1.1 tools (PyYAML, go-yaml v2); quote it, or write "
                    + "true or false if a boolean is meant"),
                    doc.problems().stream().map(Diagnostic::format).toList());
        }
    }

    @Test
    void neverSubstitutesEnvironmentReferences() {
        JsonNode root = reader.read("apiKey: ${HOME}\n", "f.yaml").root();
        assertNotNull(root);
        assertEquals("${HOME}", root.get("apiKey").asText());
    }

    @Test
    void rejectsDuplicateKeysAtTheSecondKey() {
        YamlDocument doc = reader.read("a: 1\nb: 2\na: 3\n", "f.yaml");
        assertNull(doc.root());
        assertEquals(
                "f.yaml:3:1: error: /a: duplicate key 'a' (first defined at line 1)",
                only(doc).format());
    }

    @Test
    void rejectsASecondDocumentWhereItStarts() {
        YamlDocument doc = reader.read("a: 1\n---\nb: 2\n", "f.yaml");
        assertNull(doc.root());
        assertEquals("f.yaml:2:1: error: a second YAML document starts here; a provider file "
                + "holds exactly one", only(doc).format());
    }

    @Test
    void rejectsEmptyAndCommentOnlyFiles() {
        assertEquals("f.yaml:1:1: error: the file is empty; a provider file is a mapping with "
                + "at least 'id'", only(reader.read("# nothing\n", "f.yaml")).format());
        assertEquals(1, reader.read("", "f.yaml").problems().size());
    }

    @Test
    void locatesSyntaxErrors() {
        Diagnostic d = only(reader.read("a: 1\nb: [1, 2\nc: 3\n", "f.yaml"));
        assertEquals(3, d.line());
        assertTrue(d.message().startsWith("syntax error: "), d.message());
    }

    @Test
    void locatesTabsUsedForIndentation() {
        Diagnostic d = only(reader.read("a:\n\tb: 1\n", "f.yaml"));
        assertEquals(2, d.line());
        assertTrue(d.message().contains("syntax error"), d.message());
    }

    @Test
    void stopsAliasBombsByTheirExpandedSize() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        String previous = "a";
        for (char level = 'b'; level <= 'g'; level++) {
            yaml.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = String.valueOf(level);
        }
        YamlDocument doc = reader.read(yaml.toString(), "bomb.yaml");
        // bounded work: the walk stops at its budget (and says so) instead of expanding 9^7
        assertNull(doc.root());
        assertTrue(only(doc).message().contains("alias bomb"), only(doc).message());
    }

    @Test
    void rejectsMoreAliasesThanTheLimit() {
        StringBuilder yaml = new StringBuilder("a: &a [x]\nb: [");
        for (int i = 0; i <= YamlTreeReader.MAX_ALIASES; i++) {
            yaml.append(i == 0 ? "" : ", ").append("*a");
        }
        yaml.append("]\n");
        Diagnostic d = only(reader.read(yaml.toString(), "f.yaml"));
        assertTrue(d.message().contains("alias"), d.message());
    }

    @Test
    void rejectsRecursiveAliases() {
        Diagnostic d = only(reader.read("a: &a [*a]\n", "f.yaml"));
        assertTrue(d.isError());
    }

    @Test
    void rejectsNonScalarKeysUnsupportedTagsAndNonFiniteNumbers() {
        assertTrue(only(reader.read("? [a, b]\n: 1\n", "f.yaml")).message()
                .contains("keys must be plain scalars"));
        assertTrue(only(reader.read("a: !!binary aGVsbG8=\n", "f.yaml")).message()
                .contains("unsupported YAML tag"));
        assertTrue(only(reader.read("a: .inf\n", "f.yaml")).message()
                .contains("infinite and NaN"));
    }

    @Test
    void locatesForbiddenControlCharacters() {
        Diagnostic d = only(reader.read("a: 1\nb: x\u0007y\n", "f.yaml"));
        assertEquals(2, d.line());
        assertTrue(d.message().contains("U+0007"), d.message());
    }

    private static Diagnostic only(YamlDocument doc) {
        assertEquals(1, doc.problems().size(), doc.problems()::toString);
        return doc.problems().get(0);
    }
}
