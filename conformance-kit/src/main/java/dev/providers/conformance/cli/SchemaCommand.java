package dev.providers.conformance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.providers.engine.internal.schema.SchemaCatalog;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code conformance schema}: prints the bundled JSON Schemas, e.g. for editor completion. */
@Command(name = "schema",
        description = "Prints the bundled provider-file JSON Schema (or the compat schema, or a "
                + "table of compat flags with defaults and meanings).")
final class SchemaCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--compat", description = "Print the openai-completions compat schema.")
    private boolean compat;

    @Option(names = "--describe-compat",
            description = "Print each compat flag with its default and meaning.")
    private boolean describe;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (describe) {
            Map<String, JsonNode> flags = SchemaCatalog.get().compatFlags("openai-completions");
            flags.forEach((name, node) -> {
                JsonNode fallback = node.get("default");
                out.println(name + "  (default: " + (fallback == null ? "unset" : fallback) + ")");
                out.println("    " + node.path("description").asText());
            });
            return ExitCodes.OK;
        }
        out.print(SchemaCatalog.schemaText(compat ? SchemaCatalog.OPENAI_COMPAT_SCHEMA
                : SchemaCatalog.PROVIDER_SCHEMA));
        out.flush();
        return ExitCodes.OK;
    }
}
