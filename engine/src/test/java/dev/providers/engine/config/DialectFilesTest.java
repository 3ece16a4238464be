package dev.providers.engine.config;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.ModelRef;
import dev.providers.engine.internal.config.FileParser;
import dev.providers.engine.internal.config.ProviderFile;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import dev.providers.engine.spec.EffectiveCompat.Source;
import dev.providers.engine.spi.Dialects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider files for any registered dialect: an unknown {@code api} is a located error with the
 * known dialects and a "did you mean", and each {@code compat} is checked against the compat
 * schema of its own dialect and resolved with that schema's defaults.
 */
class DialectFilesTest {

    private static final String HOW_TO_ADD = "add its dialect as a JAR in extensions/ (the "
            + "conformance CLI) or on the class path (see README, 'Your own dialect')";

    @TempDir
    Path dir;

    @BeforeAll
    static void registerTheTestDialects() {
        TestDialect.register();
    }

    private static String known() {
        return "known dialects: " + String.join(", ", new TreeSet<>(Dialects.ids()));
    }

    private List<String> problems(String yaml) {
        Path file = write(dir, "p.yaml", yaml);
        return ProviderLoader.withoutBuiltins().load(List.of(file)).diagnostics().stream()
                .map(Diagnostic::format).map(line -> line.substring(file.toString().length()))
                .toList();
    }

    private LoadResult load(String yaml) {
        return ProviderLoader.withoutBuiltins().load(List.of(write(dir, "p.yaml", yaml)));
    }

    @Test
    void theKnownDialectsAreTheBuiltInAndTheRegisteredOnes() {
        assertTrue(Dialects.ids().containsAll(List.of("openai-completions", "test-one-flag",
                "test-no-flags")), Dialects.ids()::toString);
    }

    @Test
    void aMisspeltProviderApiSuggestsAWellKnownIdAndSaysItIsNotHereYet() {
        assertEquals(List.of(":2:6: error: /api: unknown api 'bedrock-converse-steam'; did you "
                + "mean 'bedrock-converse-stream'? 'bedrock-converse-stream' is not available in "
                + "this engine yet: " + HOW_TO_ADD + "; " + known()), problems("""
                id: p
                api: bedrock-converse-steam
                baseUrl: http://h:1/v1
                models:
                  - id: m
                """));
    }

    @Test
    void aMisspeltModelApiSuggestsTheRegisteredId() {
        assertEquals(List.of(":6:10: error: /models/1/api: unknown api 'test-one-flog'; did you "
                + "mean 'test-one-flag' or 'test-no-flags'? " + known()), problems("""
                id: p
                baseUrl: http://h:1/v1
                models:
                  - id: a
                  - id: b
                    api: test-one-flog
                """));
    }

    @Test
    void aWellKnownIdThatIsNotRegisteredSaysHowToAddIt() {
        assertEquals(List.of(":2:6: error: /api: api 'bedrock-converse-stream' is not available "
                + "in this engine: no registered dialect has that id; " + HOW_TO_ADD + "; "
                + known()), problems("""
                id: p
                api: bedrock-converse-stream
                baseUrl: http://h:1/v1
                models:
                  - id: m
                """));
    }

    @Test
    void anUnknownApiWithNothingCloseListsTheKnownOnes() {
        assertEquals(List.of(":2:6: error: /api: unknown api 'zzz'; " + known()), problems("""
                id: p
                api: zzz
                baseUrl: http://h:1/v1
                models:
                  - id: m
                """));
    }

    @Test
    void anApiThatIsNoIdIsASchemaErrorOnly() {
        assertEquals(List.of(":2:6: error: /api: must be a dialect id: letters, digits, '.', '_' "
                + "or '-', starting with a letter or digit"), problems("""
                id: p
                api: "anthropic messages"
                baseUrl: http://h:1/v1
                models:
                  - id: m
                """));
    }

    @Test
    void compatIsCheckedAgainstTheDialectsOwnSchema() {
        assertEquals(List.of(
                ":4:3: error: /compat: unknown property 'sendGreeting'; did you mean "
                        + "'sendsGreeting'?",
                ":5:3: error: /compat: unknown property 'supportsStore'",
                ":9:29: error: /models/0/compat/sendsGreeting: expected boolean, found string"),
                problems("""
                id: p
                api: test-one-flag
                compat:
                  sendGreeting: true
                  supportsStore: false
                baseUrl: http://h:1/v1
                models:
                  - id: m
                    compat: {sendsGreeting: "yes"}
                """));
    }

    @Test
    void theDefaultsOfTheDialectsSchemaAreResolved() {
        LoadResult result = load("""
                id: p
                api: test-one-flag
                baseUrl: http://h:1/v1
                models:
                  - id: plain
                  - id: quiet
                    compat:
                      sendsGreeting: false
                """);
        assertEquals(List.of(), result.diagnostics());
        EffectiveCompat plain = result.registry().model(ModelRef.of("p", "plain")).compat();
        assertEquals("test-one-flag", plain.api());
        assertEquals(List.of("sendsGreeting"), List.copyOf(plain.values().keySet()));
        assertEquals(new EffectiveCompat.Value(true, Source.DEFAULT, null),
                plain.entry("sendsGreeting"));
        EffectiveCompat quiet = result.registry().model(ModelRef.of("p", "quiet")).compat();
        assertEquals(false, quiet.get("sendsGreeting"));
        assertEquals(Source.MODEL, quiet.entry("sendsGreeting").source());
        assertEquals(dir.resolve("p.yaml") + ":8:7",
                quiet.entry("sendsGreeting").origin().toString());
    }

    @Test
    void aModelWithItsOwnApiHasItsOwnFlagsAndNotTheProviders() {
        LoadResult result = load("""
                id: p
                compat:
                  supportsStore: true
                baseUrl: http://h:1/v1
                models:
                  - id: chat
                  - id: greeter
                    api: test-one-flag
                    compat: {sendsGreeting: false}
                """);
        assertEquals(List.of(), result.diagnostics());
        ResolvedModel chat = result.registry().model(ModelRef.of("p", "chat"));
        assertEquals(true, chat.compat().get("supportsStore"));
        assertEquals(Source.PROVIDER, chat.compat().entry("supportsStore").source());
        ResolvedModel greeter = result.registry().model(ModelRef.of("p", "greeter"));
        assertEquals("test-one-flag", greeter.api());
        assertEquals(List.of("sendsGreeting"),
                List.copyOf(greeter.compat().values().keySet()));
        assertEquals(false, greeter.compat().get("sendsGreeting"));
    }

    @Test
    void aModelWithItsOwnApiIsCheckedAgainstItsOwnSchema() {
        assertEquals(List.of(":8:14: error: /models/0/compat: unknown property 'supportsStore'"),
                problems("""
                id: p
                compat:
                  supportsStore: true
                baseUrl: http://h:1/v1
                models:
                  - id: greeter
                    api: test-one-flag
                    compat: {supportsStore: true}
                """));
    }

    @Test
    void aDialectWithoutACompatSchemaTakesNoFlags() {
        assertEquals(List.of(":4:3: error: /compat/anything: unknown property 'anything': "
                + "dialect 'test-no-flags' has no compat flags"), problems("""
                id: p
                api: test-no-flags
                compat:
                  anything: 1
                baseUrl: http://h:1/v1
                models:
                  - id: m
                """));
        LoadResult empty = load("""
                id: p
                api: test-no-flags
                compat: {}
                baseUrl: http://h:1/v1
                models:
                  - id: m
                """);
        assertEquals(List.of(), empty.diagnostics());
        assertTrue(empty.registry().model(ModelRef.of("p", "m")).compat().values().isEmpty());
    }

    @Test
    void aDialectWhoseSchemaIsBrokenIsNamedOnceAndBlamed() {
        List<String> problems = problems("""
                id: p
                api: test-broken-schema
                compat:
                  x: 1
                baseUrl: http://h:1/v1
                models:
                  - id: m
                    compat: {z: 2}
                """);
        assertEquals(1, problems.size(), problems::toString);
        String problem = problems.get(0);
        assertTrue(problem.startsWith(":3:1: error: /compat: cannot be checked: the compat "
                + "schema of dialect 'test-broken-schema' (" + TestDialect.class.getName()
                + ") is not JSON: "), problem);
        assertTrue(problem.endsWith("; this is a bug in the dialect"), problem);
    }

    @Test
    void overflowPatternsAreCheckedOnlyForDialectsThatDeclareThem() {
        assertEquals(List.of(":4:22: error: /compat/overflowPatterns/0: is not RE2 syntax, which "
                + "the engine matches overflow patterns with (no lookaround, no "
                + "backreferences): invalid or unsupported Perl syntax"), problems("""
                id: p
                baseUrl: http://h:1/v1
                compat:
                  overflowPatterns: ["(?=x)y"]
                models:
                  - id: m
                """));
        assertEquals(List.of(":5:3: error: /compat: unknown property 'overflowPatterns'"),
                problems("""
                id: p
                api: test-one-flag
                baseUrl: http://h:1/v1
                compat:
                  overflowPatterns: ["(?=x)y"]
                models:
                  - id: m
                """));
    }

    @Test
    void anOverrideThatChangesTheApiOfABuiltinMustDeclareItsModels() {
        write(dir, "ollama.yaml", "id: ollama\napi: test-one-flag\n");
        LoadResult result = ProviderLoader.create().load(dir);
        assertEquals(List.of(dir.resolve("ollama.yaml") + ":2:1: error: /api: api "
                + "'test-one-flag' differs from the api of built-in provider 'ollama' "
                + "(openai-completions), whose models and their compat flags are written for "
                + "it: declare this provider's models"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
        assertEquals("openai-completions",
                result.registry().provider("ollama").orElseThrow().api(),
                "the built-in stays");

        write(dir, "ollama.yaml", """
                id: ollama
                api: test-one-flag
                compat: {sendsGreeting: false}
                models:
                  - id: m
                """);
        LoadResult replaced = ProviderLoader.create().load(dir);
        assertEquals(List.of(), replaced.diagnostics());
        ResolvedModel model = replaced.registry().model(ModelRef.of("ollama", "m"));
        assertEquals("test-one-flag", model.api());
        assertEquals(List.of("sendsGreeting"), List.copyOf(model.compat().values().keySet()),
                "none of the built-in's openai-completions flags are carried over");
        assertEquals(false, model.compat().get("sendsGreeting"));
    }

    @Test
    void anOverrideWithoutApiIsCheckedAgainstItsBuiltinsDialect() {
        byte[] yaml = "id: x\ncompat:\n  sendsGreeting: false\n".getBytes(
                StandardCharsets.UTF_8);
        ProviderFile standalone = new FileParser().parse("x.yaml", "x.yaml", yaml);
        assertEquals(List.of("x.yaml:3:3: error: /compat: unknown property 'sendsGreeting'"),
                standalone.diagnostics().stream().map(Diagnostic::format).toList());
        ProviderFile override = new FileParser(id -> id.equals("x") ? "test-one-flag" : null)
                .parse("x.yaml", "x.yaml", yaml);
        assertEquals(List.of(), override.diagnostics());
        assertTrue(override.isValid());
    }
}
