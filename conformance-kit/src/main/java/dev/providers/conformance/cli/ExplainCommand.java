package dev.providers.conformance.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.ModelRef;
import dev.providers.engine.auth.CredentialStatus;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.internal.config.ApiNames;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.EffectiveCompat;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conformance explain provider/model}: every effective compat flag of the model's dialect
 * and its origin.
 */
@Command(name = "explain",
        description = {"Prints which credential the model's provider uses and whether it is "
                + "ready, then every compat flag in force for the model, with where its value "
                + "comes from: the model's file:line, the provider's file:line, or the schema "
                + "default.",
            "Exit status: 0 explained, 1 unknown model, 2 usage error."})
final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RegistryOptions registryOptions;

    @Parameters(index = "0", paramLabel = "PROVIDER/MODEL",
            description = "The model reference, e.g. ollama/qwen3:8b.")
    private String reference;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ModelRef ref;
        try {
            ref = ModelRef.parse(reference);
        } catch (IllegalArgumentException e) {
            err.println("conformance explain: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        LoadResult result = registryOptions.load(root.environment(), err, "explain");
        if (result == null) {
            return ExitCodes.USAGE;
        }
        ResolvedModel model;
        try {
            model = result.registry().model(ref);
        } catch (IllegalArgumentException e) {
            err.println("conformance explain: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        EffectiveCompat compat;
        try {
            compat = model.compat();
        } catch (IllegalArgumentException e) {
            err.println("conformance explain: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        PrintWriter out = spec.commandLine().getOut();
        CredentialStatus credential = CredentialStatus.of(model.provider(),
                root.environment()::get, ListCommand.store(root.environment()));
        if (format == OutputFormat.JSON) {
            ObjectNode node = Json.MAPPER.createObjectNode().put("model", ref.toString())
                    .put("api", compat.api());
            node.putObject("auth").put("method", credential.method())
                    .put("ready", credential.ready()).put("detail", credential.detail());
            ObjectNode values = node.putObject("compat");
            compat.values().forEach((flag, value) -> values.putObject(flag)
                    .putPOJO("value", value.value())
                    .put("source", value.source().name().toLowerCase())
                    .put("origin", Json.origin(value.origin())));
            out.println(Json.pretty(node));
            return ExitCodes.OK;
        }
        out.println(ref + "  (" + compat.api() + ", " + model.baseUrl() + ")");
        out.println("  auth: " + Secrets.describe(credential));
        if (compat.values().isEmpty()) {
            out.println("  (dialect " + compat.api() + " has no compat flags)");
            return ExitCodes.OK;
        }
        int width = compat.values().keySet().stream().mapToInt(String::length).max().orElse(0);
        compat.values().forEach((flag, value) -> {
            String where = switch (value.source()) {
                case DEFAULT -> "default";
                case PROVIDER -> "provider " + value.origin();
                case MODEL -> "model " + value.origin();
            };
            out.printf("  %-" + width + "s  %-28s %s%n", flag, render(value.value()), where);
        });
        out.println("What each flag does: conformance schema --describe-compat"
                + (compat.api().equals(ApiNames.DEFAULT) ? "" : " --api " + compat.api()));
        return ExitCodes.OK;
    }

    private static String render(Object value) {
        if (value == null) {
            return "(unset)";
        }
        if (value instanceof Map<?, ?> || value instanceof java.util.List<?>) {
            return Json.MAPPER.valueToTree(value).toString();
        }
        return String.valueOf(value);
    }
}
