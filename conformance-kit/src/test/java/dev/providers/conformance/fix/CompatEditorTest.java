package dev.providers.conformance.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Compat settings written into a provider file's text: comments, order and indentation kept. */
class CompatEditorTest {

    private static final String FILE = """
            # my server
            id: mine   # the id
            baseUrl: http://127.0.0.1:8080/v1
            compat:
                # the server's store is off
                supportsStore: false
                thinkTags: { open: "<t>", close: "</t>" }   # reasoning in tags
            # the models we serve
            models:
              - id: small
                compat:
                  supportsDeveloperRole: true
              - id: big
            """;

    @Test
    void aNewFlagGoesAtTheEndOfCompatAtItsIndentation() {
        String edited = CompatEditor.apply(FILE, "big",
                CompatSetting.parse("supportsDeveloperRole: false"));
        assertEquals(FILE.replace("""
                    thinkTags: { open: "<t>", close: "</t>" }   # reasoning in tags
                """, """
                    thinkTags: { open: "<t>", close: "</t>" }   # reasoning in tags
                    supportsDeveloperRole: false
                """), edited);
    }

    @Test
    void anExistingFlagHasItsValueReplacedWhereItStands() {
        String edited = CompatEditor.apply(FILE, null,
                CompatSetting.parse("thinkTags: {open: \"<think>\", close: \"</think>\"}"));
        assertEquals(FILE.replace("{ open: \"<t>\", close: \"</t>\" }",
                "{open: \"<think>\", close: \"</think>\"}"), edited);
    }

    @Test
    void aFlagTheModelDeclaresIsReplacedInTheModel() {
        String edited = CompatEditor.apply(FILE, "small",
                CompatSetting.parse("supportsDeveloperRole: false"));
        assertEquals(FILE.replace("      supportsDeveloperRole: true",
                "      supportsDeveloperRole: false"), edited);
    }

    @Test
    void aFileWithoutCompatGetsABlockBeforeItsModelsAndItsComment() {
        String file = """
                id: mine
                headers:
                  X-A: b   # kept
                # the models
                models:
                  - id: small
                """;
        String edited = CompatEditor.apply(file, "small",
                CompatSetting.parse("maxTokensField: max_tokens"));
        assertEquals("""
                id: mine
                headers:
                  X-A: b   # kept
                compat:
                  maxTokensField: max_tokens
                # the models
                models:
                  - id: small
                """, edited);
    }

    @Test
    void aFileWithoutAFinalLineBreakOrModelsGetsCompatAtTheEnd() {
        assertEquals("id: x\nbaseUrl: http://h/v1\ncompat:\n  supportsStore: false\n",
                CompatEditor.apply("id: x\nbaseUrl: http://h/v1", null,
                        CompatSetting.parse("supportsStore: false")));
    }

    @Test
    void flowAndEmptyCompatMappingsAndWindowsLineBreaksAreKept() {
        assertEquals("id: x\ncompat: {supportsStore: false, supportsDeveloperRole: false}\n",
                CompatEditor.apply("id: x\ncompat: {supportsStore: false}\n", null,
                        CompatSetting.parse("supportsDeveloperRole: false")));
        assertEquals("id: x\ncompat:\n  supportsStore: false\nmodels: []\n",
                CompatEditor.apply("id: x\ncompat:\nmodels: []\n", null,
                        CompatSetting.parse("supportsStore: false")));
        assertEquals("id: x\r\ncompat:\r\n  a: 1\r\n  supportsStore: false\r\n",
                CompatEditor.apply("id: x\r\ncompat:\r\n  a: 1\r\n", null,
                        CompatSetting.parse("supportsStore: false")));
    }

    @Test
    void aBlockValueIsReplacedByTheFlowValue() {
        String edited = CompatEditor.apply("""
                id: x
                compat:
                  thinkTags:
                    open: "<t>"
                    close: "</t>"
                  supportsStore: true
                """, null, CompatSetting.parse("thinkTags: {open: a, close: b}"));
        assertEquals("""
                id: x
                compat:
                  thinkTags: {open: a, close: b}
                  supportsStore: true
                """, edited);
    }

    @Test
    void whatCannotBeEditedSaysWhy() {
        IllegalArgumentException notMapping = assertThrows(IllegalArgumentException.class,
                () -> CompatEditor.apply("id: x\ncompat: [a]\n", null,
                        CompatSetting.parse("supportsStore: false")));
        assertEquals("compat at 2:9 is not a mapping", notMapping.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompatEditor.apply(
                "id: [", null, CompatSetting.parse("a: b"))).getMessage().startsWith("not YAML"));
        assertThrows(IllegalArgumentException.class, () -> CompatSetting.parse("no colon"));
        assertThrows(IllegalArgumentException.class, () -> CompatSetting.parse("a b: c"));
    }

    @Test
    void theDeclaredIdIsRead() {
        assertEquals("mine", CompatEditor.declaredId(FILE));
    }
}
