package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.providers.engine.spi.Dialects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dialects from JARs: {@code --extensions DIR} and the {@code extensions/} folder beside the
 * providers directory. Dialects are global to the JVM, so every test uses ids of its own.
 */
class ExtensionsCommandTest {

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "greets": {
                  "description": "Whether the server wants a greeting first.",
                  "type": "boolean",
                  "default": true
                }
              }
            }
            """;

    @TempDir
    Path dir;

    /** Writes a JAR with one dialect into {@code folder} and returns the folder. */
    private Path dialectJar(Path folder, String jarName, String pkg, String api)
            throws Exception {
        Files.createDirectories(folder);
        DialectJars.jar(folder.resolve(jarName), Map.of(pkg + ".Dialect",
                DialectJars.dialectSource(pkg, api, SCHEMA)), List.of(pkg + ".Dialect"));
        return folder;
    }

    private Path providerFile(Path folder, String api, String compat) throws Exception {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve("p.yaml"), "id: p\napi: " + api
                + "\nbaseUrl: http://127.0.0.1:9/v1\ncompat:\n" + compat + "models:\n  - id: m\n");
    }

    @Test
    void validateAcceptsTheExtensionsDialectOnlyWhenItIsLoaded() throws Exception {
        String api = "test-ext-validate";
        Path jars = dialectJar(dir.resolve("jars"), "greeter.jar", "ext.validate", api);
        Path file = providerFile(dir.resolve("files"), api, "  greets: false\n");

        CliRun without = CliRun.run("validate", file.toString());
        assertEquals(1, without.exitCode(), without::all);
        assertTrue(without.out().startsWith(file + ":2:6: error: /api: unknown api '" + api
                + "'; known dialects: "), without.out());
        assertFalse(Dialects.find(api).isPresent());

        CliRun with = CliRun.run("validate", "--extensions", jars.toString(), file.toString());
        assertEquals(0, with.exitCode(), with::all);
        assertEquals("valid: 1 file, 0 errors, 0 warnings\n", with.out());

        Path bad = providerFile(dir.resolve("bad"), api, "  greet: false\n  greets: 1\n");
        CliRun wrong = CliRun.run("validate", "--extensions", jars.toString(), bad.toString());
        assertEquals(1, wrong.exitCode(), wrong::all);
        assertEquals(List.of(
                bad + ":5:3: error: /compat: unknown property 'greet'; did you mean 'greets'?",
                bad + ":6:11: error: /compat/greets: expected boolean, found integer",
                "invalid: 1 file, 2 errors, 0 warnings"), wrong.out().lines().toList());
    }

    @Test
    void theFolderBesideTheProvidersDirectoryIsLoadedAndListed() throws Exception {
        String api = "test-ext-list";
        Path providers = dir.resolve("providers.d");
        Path jars = dialectJar(dir.resolve("extensions"), "greeter.jar", "ext.list", api);
        providerFile(providers, api, "  greets: false\n");
        Map<String, String> env = Map.of("PROVIDERS_DIR", providers.toString());

        CliRun list = CliRun.run(env, "list");
        assertEquals(0, list.exitCode(), list::all);
        assertTrue(list.out().startsWith("extension " + jars.resolve("greeter.jar")
                + ": dialects " + api + "\n"), list.out());
        assertTrue(list.out().contains("\np  " + api + "  http://127.0.0.1:9/v1\n"), list.out());

        JsonNode json = new ObjectMapper().readTree(CliRun.run(env, "list", "--format", "json")
                .out());
        assertEquals(jars.resolve("greeter.jar").toString(),
                json.get("extensions").get(0).get("jar").asText());
        assertEquals(api, json.get("extensions").get(0).get("dialects").get(0).asText());
        assertTrue(json.get("dialects").toString().contains("\"" + api + "\""));

        CliRun explain = CliRun.run(env, "explain", "p/m");
        assertEquals(0, explain.exitCode(), explain::all);
        assertTrue(explain.out().startsWith("p/m  (" + api + ", http://127.0.0.1:9/v1)\n"),
                explain.out());
        assertTrue(explain.out().lines().anyMatch(l -> l.matches("  greets +false +provider "
                + "\\Q" + providers.resolve("p.yaml") + "\\E:5:3")), explain.out());
        assertTrue(explain.out().endsWith("What each flag does: conformance schema "
                + "--describe-compat --api " + api + "\n"), explain.out());

        CliRun schema = CliRun.run(env, "schema", "--api", api);
        assertEquals(0, schema.exitCode(), schema::all);
        assertEquals(SCHEMA, schema.out());
        CliRun describe = CliRun.run(env, "schema", "--describe-compat", "--api", api);
        assertEquals("greets  (default: true)\n    Whether the server wants a greeting first.\n",
                describe.out());
    }

    @Test
    void jarsThatCannotBeLoadedAreOneLineErrorsEach() throws Exception {
        Path jars = dir.resolve("broken");
        Files.createDirectories(jars);
        Files.writeString(jars.resolve("garbage.jar"), "not a zip");
        DialectJars.jar(jars.resolve("missing.jar"), Map.of(), List.of("ext.gone.Dialect"));
        DialectJars.jar(jars.resolve("not-a-dialect.jar"), Map.of("ext.plain.Thing",
                "package ext.plain;\npublic final class Thing { }\n"), List.of("ext.plain.Thing"));
        DialectJars.jar(jars.resolve("throws.jar"), Map.of("ext.boom.Dialect",
                DialectJars.dialectSource("ext.boom", "test-ext-boom", SCHEMA).replace(
                        "public final class Dialect implements dev.providers.engine.spi.Dialect "
                                + "{\n", "public final class Dialect implements "
                                + "dev.providers.engine.spi.Dialect {\n  public Dialect() { "
                                + "throw new IllegalStateException(\"no config\"); }\n")),
                List.of("ext.boom.Dialect"));
        DialectJars.jar(jars.resolve("taken.jar"), Map.of("ext.taken.Dialect",
                DialectJars.dialectSource("ext.taken", "openai-completions", SCHEMA)),
                List.of("ext.taken.Dialect", "not a class name"));
        DialectJars.jar(jars.resolve("bad-schema.jar"), Map.of("ext.schema.Dialect",
                DialectJars.dialectSource("ext.schema", "test-ext-bad-schema", "{\"type\": ")),
                List.of("ext.schema.Dialect"));
        Path file = providerFile(dir.resolve("files"), "openai-completions",
                "  supportsStore: false\n");

        CliRun run = CliRun.run("validate", "--extensions", jars.toString(), file.toString());
        assertEquals(1, run.exitCode(), run::all);
        String taken = jars.resolve("taken.jar") + ": error: ";
        List<String> lines = run.out().lines().toList();
        assertEquals(List.of(
                jars.resolve("bad-schema.jar") + ": error: the compat schema of dialect "
                        + "'test-ext-bad-schema' (ext.schema.Dialect) is not JSON: Unexpected "
                        + "end-of-input within/between Object entries",
                jars.resolve("garbage.jar") + ": error: is not a readable JAR: zip END header "
                        + "not found",
                jars.resolve("missing.jar") + ": error: class ext.gone.Dialect, named in "
                        + "META-INF/services/dev.providers.engine.spi.Dialect, is in no JAR of "
                        + jars + " and not on the class path",
                jars.resolve("not-a-dialect.jar") + ": error: ext.plain.Thing does not "
                        + "implement dev.providers.engine.spi.Dialect",
                taken + "META-INF/services/dev.providers.engine.spi.Dialect line 2: 'not a "
                        + "class name' is not a class name",
                taken + "ext.taken.Dialect is not loaded: dialect 'openai-completions' is "
                        + "already provided by "
                        + "dev.providers.engine.internal.openai.OpenAiCompletionsDialect",
                jars.resolve("throws.jar") + ": error: ext.boom.Dialect failed to start: "
                        + "java.lang.IllegalStateException: no config",
                "invalid: 1 file, 7 errors, 0 warnings"), lines);
        assertFalse(run.all().contains("\tat "), "no stack trace");
        assertTrue(Dialects.find("test-ext-bad-schema").isPresent(),
                "a dialect with an unusable schema is registered; files naming it fail");
        assertFalse(Dialects.find("test-ext-boom").isPresent());
    }

    @Test
    void schemaPrintsTheCompatSchemaOfAnyKnownDialect() {
        CliRun compat = CliRun.run("schema", "--compat");
        assertEquals(0, compat.exitCode(), compat::all);
        assertEquals(compat.out(), CliRun.run("schema", "--api", "openai-completions").out());
        assertTrue(compat.out().contains("\"$id\": \"https://providers.dev/schemas/"
                + "compat-openai-completions.schema.json\""), compat.out());
        assertEquals(CliRun.run("schema", "--describe-compat").out(),
                CliRun.run("schema", "--describe-compat", "--api", "openai-completions").out());

        CliRun unknown = CliRun.run("schema", "--api", "openai-completion");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("conformance schema: unknown api "
                + "'openai-completion'; did you mean 'openai-completions'? "), unknown.err());
        assertEquals(2, CliRun.run("schema", "--compat", "--api", "x").exitCode());
    }

    @Test
    void aNamedExtensionsFolderMustExist() throws Exception {
        Path file = providerFile(dir, "openai-completions", "  supportsStore: false\n");
        CliRun run = CliRun.run("validate", "--extensions", dir.resolve("none").toString(),
                file.toString());
        assertEquals(2, run.exitCode());
        assertEquals("conformance validate: no such directory: " + dir.resolve("none") + "\n",
                run.err());
        assertEquals(2, CliRun.run("list", "--extensions", dir.resolve("none").toString())
                .exitCode());
    }

    @Test
    void theDefaultFolderIsBesideTheProvidersDirectory() {
        assertEquals(Path.of("extensions"), ExtensionOptions.beside(Path.of("providers.d")));
        assertEquals(Path.of("/etc/llm/extensions"),
                ExtensionOptions.beside(Path.of("/etc/llm/providers.d/")));
        assertEquals(Path.of("").toAbsolutePath().resolveSibling("extensions"),
                ExtensionOptions.beside(Path.of(".")));
        assertEquals(Path.of("a/extensions"), ExtensionOptions.beside(Path.of("a/b/../c")));
    }
}
