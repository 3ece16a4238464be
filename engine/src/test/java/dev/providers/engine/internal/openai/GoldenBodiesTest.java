package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.providers.engine.registry.ResolvedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * W19: golden request bodies per compat flag, per {@code thinkingFormat} (on and off), for
 * replayed histories and for the caller's options, compared canonically.
 */
class GoldenBodiesTest {

    @TempDir
    Path dir;

    static List<GoldenCase> cases() {
        List<GoldenCase> all = new ArrayList<>();
        all.addAll(CompatFlagCases.all());
        all.addAll(ThinkingCases.all());
        all.addAll(ReplayCases.all());
        all.addAll(OptionCases.all());
        return all;
    }

    @TestFactory
    Stream<DynamicTest> bodiesMatchTheirGoldens() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            ResolvedModel model = TestModels.load(dir, c.compat(), c.model());
            EncodedRequest request = RequestEncoder.encode(model, c.context(), c.options());
            GoldenFiles.assertMatches(c.name() + ".json", request.body());
            String headersFile = c.name() + ".headers.json";
            if (request.headers().isEmpty()) {
                assertNull(GoldenFiles.read(headersFile), "no headers expected for " + c.name());
            } else {
                GoldenFiles.assertMatches(headersFile, WireJson.tree(request.headers()));
            }
        }));
    }

    @Test
    void caseNamesAreUnique() {
        Set<String> names = new HashSet<>();
        for (GoldenCase c : cases()) {
            assertEquals(true, names.add(c.name()), "duplicate golden case " + c.name());
        }
    }
}
