package dev.providers.conformance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.internal.config.ApiNames;
import dev.providers.engine.internal.schema.CompatSchema;
import dev.providers.engine.internal.schema.SchemaCatalog;
import dev.providers.engine.spec.Origin;
import dev.providers.engine.spi.Dialect;
import dev.providers.engine.spi.Dialects;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conformance schema}: prints the bundled provider-file JSON Schema, e.g. for editor
 * completion, or the compat schema of any known dialect, or a table of its flags.
 */
@Command(name = "schema",
        description = {"Prints the bundled provider-file JSON Schema, the compat schema of a "
                + "dialect (--api, --compat), or a table of a dialect's compat flags with "
                + "defaults and meanings (--describe-compat).",
            "Exit status: 0 printed, 1 the dialect's compat schema is unusable, 2 unknown "
                + "dialect or usage error."})
final class SchemaCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--api", paramLabel = "ID",
            description = "Print the compat schema of this dialect; with --describe-compat, "
                    + "describe its flags (default: " + ApiNames.DEFAULT + ").")
    private @Nullable String api;

    @Option(names = "--compat",
            description = "Print the " + ApiNames.DEFAULT + " compat schema (the same as "
                    + "--api " + ApiNames.DEFAULT + ").")
    private boolean compat;

    @Option(names = "--describe-compat",
            description = "Print each compat flag of the dialect with its default and meaning.")
    private boolean describe;

    @Mixin
    private ExtensionOptions extensions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (compat && api != null && !api.equals(ApiNames.DEFAULT)) {
            err.println("conformance schema: --compat means --api " + ApiNames.DEFAULT
                    + "; give one of them");
            return ExitCodes.USAGE;
        }
        if (!describe && !compat && api == null) {
            out.print(SchemaCatalog.schemaText(SchemaCatalog.PROVIDER_SCHEMA));
            out.flush();
            return ExitCodes.OK;
        }
        ExtensionOptions.Extensions loaded = extensions.load(
                ProvidersDirectory.resolve(null, root.environment()).path(), err, "schema");
        if (loaded == null) {
            return ExitCodes.USAGE;
        }
        loaded.problems().forEach(d -> err.println(d.format()));
        String id = api != null ? api : ApiNames.DEFAULT;
        Optional<Dialect> dialect = Dialects.find(id);
        if (dialect.isEmpty()) {
            err.println("conformance schema: " + ApiNames.unknown(id, Origin.ofFile("--api"), "")
                    .fullMessage());
            return ExitCodes.USAGE;
        }
        CompatSchema schema;
        try {
            schema = SchemaCatalog.get().compatSchema(id);
        } catch (IllegalArgumentException e) {
            err.println("conformance schema: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        if (describe) {
            describe(id, schema, out);
        } else {
            String text = dialect.get().compatSchema();
            out.print(text != null ? text : noFlags(id));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void describe(String id, CompatSchema schema, PrintWriter out) {
        if (schema.flags().isEmpty()) {
            out.println("dialect '" + id + "' has no compat flags");
            return;
        }
        schema.flags().forEach((name, node) -> {
            JsonNode fallback = node.get("default");
            out.println(name + "  (default: " + (fallback == null ? "unset" : fallback) + ")");
            out.println("    " + node.path("description").asText());
        });
    }

    /** The schema of a dialect without flags: {@code compat} must be empty. */
    private static String noFlags(String id) {
        return Json.pretty(Json.MAPPER.createObjectNode()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("title", id + " compat flags")
                .put("description", "The " + id + " dialect has no compat flags: compat must be "
                        + "empty.")
                .put("type", "object")
                .put("additionalProperties", false)) + "\n";
    }
}
