package dev.providers.engine.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.config.Diagnostic;
import dev.providers.engine.internal.yaml.SourceMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator refuses a tree too deep to recurse over, whoever built it. */
class TreeDepthTest {

    private static ObjectNode nested(int depth) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode node = root;
        for (int i = 1; i < depth; i++) {
            node = node.putObject("a");
        }
        return root;
    }

    @Test
    void measuresWithoutRecursing() {
        assertFalse(TreeDepth.exceeds(nested(64), 64));
        assertTrue(TreeDepth.exceeds(nested(65), 64));
        assertTrue(TreeDepth.exceeds(nested(200_000), 64));
        assertFalse(TreeDepth.exceeds(JsonNodeFactory.instance.textNode("x"), 0));
    }

    @Test
    void theValidatorReportsATooDeepTreeInsteadOfOverflowingTheStack() {
        ObjectNode root = nested(200_000);
        List<Diagnostic> problems = new SchemaValidator(SchemaCatalog.get())
                .validate(root, new SourceMap("f.yaml"));
        assertEquals(List.of("f.yaml:1:1: error: collections nest deeper than 64 levels"),
                problems.stream().map(Diagnostic::format).toList());
    }
}
