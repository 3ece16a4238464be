package dev.providers.conformance.cli;

import dev.providers.engine.ProviderException;
import dev.providers.engine.spec.ModelSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code conformance models}: what the endpoint serves, beside what the file declares. */
@Command(name = "models",
        description = {"Lists the endpoint's /models beside the models the provider file "
                + "declares.", "Exit status: 0 listed, 1 the endpoint failed, 2 usage error."})
final class ModelsCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (EngineSession session = target.open(root.environment(), err, "models")) {
            if (session == null) {
                return ExitCodes.USAGE;
            }
            out = session.redacted(out);
            err = session.redacted(err);
            List<String> served;
            try {
                served = session.servedModels();
            } catch (ProviderException failure) {
                err.println("conformance models: " + failure.kind().name()
                        .toLowerCase(Locale.ROOT) + ": " + failure.getMessage());
                return ExitCodes.FAILED;
            }
            Set<String> declared = new LinkedHashSet<>();
            for (ModelSpec m : session.provider.models()) {
                declared.add(m.id());
            }
            List<String> both = new ArrayList<>();
            List<String> declaredOnly = new ArrayList<>();
            for (String id : declared) {
                (served.contains(id) ? both : declaredOnly).add(id);
            }
            List<String> servedOnly = served.stream().filter(id -> !declared.contains(id))
                    .toList();
            out.println(target.provider + " at " + session.provider.baseUrl() + ": " + served.size()
                    + " served, " + declared.size() + " declared");
            print(out, "declared and served", both);
            print(out, "declared, not served", declaredOnly);
            print(out, "served, not declared", servedOnly);
            return ExitCodes.OK;
        }
    }

    private static void print(PrintWriter out, String title, List<String> ids) {
        out.println("  " + title + " (" + ids.size() + ")" + (ids.isEmpty() ? "" : ":"));
        ids.forEach(id -> out.println("    " + id));
    }
}
