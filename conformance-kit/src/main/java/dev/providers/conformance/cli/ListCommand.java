package dev.providers.conformance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.auth.CredentialStatus;
import dev.providers.engine.auth.CredentialStore;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.internal.config.BaseUrlTemplate;
import dev.providers.engine.spec.InputKind;
import dev.providers.engine.spec.ModelCost;
import dev.providers.engine.spec.ModelSpec;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spi.Dialects;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code conformance list}: the dialect JARs loaded, providers and models, their source files and
 * overrides.
 */
@Command(name = "list",
        description = {"Lists the dialect JARs loaded from the extensions folder, then providers "
                + "and models with the file each came from, which built-ins are overridden, and "
                + "which credential each provider uses and whether it is ready (variables set, "
                + "helper found, logged in). Secrets are never shown, only the environment "
                + "variables they reference.",
            "Exit status: 0 listed, 1 some provider files are invalid (the valid ones are "
                    + "listed), 2 usage error."})
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RegistryOptions registryOptions;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (format == OutputFormat.GITHUB) {
            err.println("conformance list: --format must be text or json");
            return ExitCodes.USAGE;
        }
        LoadResult result = registryOptions.load(root.environment(), err, "list");
        if (result == null) {
            return ExitCodes.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        List<ExtensionFolder.Jar> jars = registryOptions.loadedExtensions.jars();
        if (format == OutputFormat.JSON) {
            ObjectNode json = json(result, root.environment());
            ArrayNode dialects = json.putArray("dialects");
            new TreeSet<>(Dialects.ids()).forEach(dialects::add);
            ArrayNode extensions = json.putArray("extensions");
            for (ExtensionFolder.Jar jar : jars) {
                ArrayNode ids = extensions.addObject().put("jar", jar.path().toString())
                        .putArray("dialects");
                jar.dialects().forEach(ids::add);
            }
            out.println(Json.pretty(json));
        } else {
            for (ExtensionFolder.Jar jar : jars) {
                out.println("extension " + jar.path() + ": " + (jar.dialects().isEmpty()
                        ? "no dialects (a library for the others)"
                        : "dialects " + String.join(", ", jar.dialects())));
            }
            text(result, root.environment(), out);
        }
        return result.hasErrors() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static void text(LoadResult result, Map<String, String> env, PrintWriter out) {
        int overridden = 0;
        int disabled = 0;
        for (ProviderSpec p : result.registry().providers()) {
            StringBuilder line = new StringBuilder(p.id());
            if (!p.name().equals(p.id())) {
                line.append(" (").append(p.name()).append(')');
            }
            line.append("  ").append(p.api()).append("  ")
                    .append(p.baseUrl() == null ? "(baseUrl per model)"
                            : BaseUrlTemplate.display(p.baseUrl()));
            if (!p.enabled()) {
                line.append("  [disabled]");
                disabled++;
            }
            out.println(line);
            out.println("    source: " + p.origin() + (p.overrides() == null ? ""
                    : "  (overrides " + p.overrides().source() + ")"));
            if (p.overrides() != null) {
                overridden++;
            }
            out.println("    auth: " + auth(p, env));
            for (ModelSpec m : p.models()) {
                out.println("    - " + modelLine(m));
            }
        }
        out.println(result.registry().providers().size() + " providers, "
                + result.registry().modelCount() + " models; " + overridden
                + " built-ins overridden, " + disabled + " disabled");
    }

    /** Returns the credential's status, then the headers and query values that carry secrets. */
    /**
     * Returns what carries a provider's credential, masked: the credential's status with the
     * dialect's key header when that is not {@code Authorization}, then every header and query
     * parameter (such as Azure's {@code api-key}); {@code none} when nothing does.
     */
    static String auth(ProviderSpec p, Map<String, String> env) {
        List<String> parts = new ArrayList<>();
        CredentialStatus status = CredentialStatus.of(p, env::get, store(env));
        if (!status.method().equals("none")) {
            parts.add(Secrets.describe(status) + keyHeaders(p));
        }
        p.headers().forEach((name, value) -> parts.add(name + ": "
                + Secrets.describe(value, env)));
        p.queryParams().forEach((name, value) -> parts.add("?" + name + "="
                + Secrets.describe(value, env)));
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /**
     * Returns where the dialect sends the credential when that is not {@code Authorization}
     * (Gemini's {@code x-goog-api-key}, Anthropic's {@code x-api-key}), else nothing.
     */
    private static String keyHeaders(ProviderSpec p) {
        if (!p.authHeader()) {
            return "";
        }
        Set<String> names = Dialects.find(p.api()).map(d -> d.authHeaders("k").keySet())
                .orElse(Set.of());
        return names.isEmpty() || names.equals(Set.of("Authorization")) ? ""
                : " (sent as " + String.join(", ", names) + ")";
    }

    /** Returns the logins of the command's environment, as `conformance login` stores them. */
    static CredentialStore store(Map<String, String> env) {
        return CredentialStore.file(CredentialStore.defaultPath(env::get));
    }

    private static String modelLine(ModelSpec m) {
        StringBuilder line = new StringBuilder(m.id());
        if (!m.name().equals(m.id())) {
            line.append(" (").append(m.name()).append(')');
        }
        line.append("  context ").append(m.contextWindow() == null ? "?" : m.contextWindow())
                .append(", max output ").append(m.maxTokens() == null ? "?" : m.maxTokens())
                .append(", input ").append(inputs(m));
        if (m.reasoning()) {
            line.append(", reasoning");
        }
        ModelCost c = m.cost();
        if (c.isPriced()) {
            line.append(", $/Mtok in ").append(price(c.input())).append(" out ")
                    .append(price(c.output())).append(" cache r/w ").append(price(c.cacheRead()))
                    .append('/').append(price(c.cacheWrite()));
        }
        if (m.baseUrl() != null) {
            line.append(", baseUrl ").append(BaseUrlTemplate.display(m.baseUrl()));
        }
        if (m.origin().isBuiltin()) {
            line.append("  [").append(m.origin().source()).append(']');
        }
        return line.toString();
    }

    private static String inputs(ModelSpec m) {
        List<String> kinds = new ArrayList<>();
        for (InputKind kind : InputKind.values()) {
            if (m.input().contains(kind)) {
                kinds.add(kind.id());
            }
        }
        return String.join("+", kinds);
    }

    private static String price(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static ObjectNode json(LoadResult result, Map<String, String> env) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("generation", result.registry().generation());
        ArrayNode providers = root.putArray("providers");
        for (ProviderSpec p : result.registry().providers()) {
            ObjectNode node = providers.addObject()
                    .put("id", p.id())
                    .put("name", p.name())
                    .put("api", p.api())
                    .put("baseUrl", p.baseUrl() == null ? null
                            : BaseUrlTemplate.display(p.baseUrl()))
                    .put("enabled", p.enabled())
                    .put("source", p.origin().toString())
                    .put("overrides", Json.origin(p.overrides()));
            ObjectNode auth = node.putObject("auth");
            CredentialStatus status = CredentialStatus.of(p, env::get, store(env));
            auth.put("method", status.method());
            auth.put("ready", status.ready());
            auth.put("detail", status.detail());
            auth.put("authHeader", p.authHeader());
            auth.put("apiKey", p.apiKey() == null ? null : Secrets.describe(p.apiKey(), env));
            ObjectNode headers = node.putObject("headers");
            p.headers().forEach((name, value) -> headers.put(name, Secrets.describe(value, env)));
            ObjectNode query = node.putObject("queryParams");
            p.queryParams().forEach((name, value) -> query.put(name,
                    Secrets.describe(value, env)));
            ArrayNode models = node.putArray("models");
            for (ModelSpec m : p.models()) {
                ObjectNode model = models.addObject()
                        .put("id", m.id())
                        .put("name", m.name())
                        .put("api", m.api() == null ? p.api() : m.api())
                        .put("reasoning", m.reasoning())
                        .put("contextWindow", m.contextWindow())
                        .put("maxTokens", m.maxTokens())
                        .put("source", m.origin().toString());
                if (m.baseUrl() != null) {
                    model.put("baseUrl", BaseUrlTemplate.display(m.baseUrl()));
                }
                ArrayNode input = model.putArray("input");
                for (InputKind kind : InputKind.values()) {
                    if (m.input().contains(kind)) {
                        input.add(kind.id());
                    }
                }
                model.putObject("cost")
                        .put("input", m.cost().input())
                        .put("output", m.cost().output())
                        .put("cacheRead", m.cost().cacheRead())
                        .put("cacheWrite", m.cost().cacheWrite());
            }
        }
        root.set("diagnostics", Json.diagnostics(result.diagnostics()));
        return root;
    }
}
