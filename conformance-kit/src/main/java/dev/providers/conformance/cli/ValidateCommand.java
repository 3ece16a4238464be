package dev.providers.conformance.cli;

import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.internal.config.FileKind;
import dev.providers.engine.registry.LiveRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code conformance validate [PATH...]}: checks provider files, all problems in one run. */
@Command(name = "validate",
        description = {"Validates provider files against the schema, their dialects' compat "
                + "schemas and the overlay rules, reporting every problem of every file with "
                + "file:line:col.",
            "Exit status: 0 valid, 1 invalid, 2 usage error."})
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "Provider files or directories (default: the providers directory).")
    private List<Path> paths = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|github",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Option(names = "--providers-dir", paramLabel = "DIR",
            description = "The providers directory used when no PATH is given "
                    + "(default: $PROVIDERS_DIR, else ./providers.d).")
    private Path providersDir;

    @Option(names = "--watch",
            description = "Keep running and print one line per reload of the directory "
                    + "(Ctrl-C stops).")
    private boolean watch;

    @Option(names = "--debounce", defaultValue = "200", paramLabel = "MS",
            description = "With --watch: the quiet period in milliseconds that coalesces a burst "
                    + "of changes and that a file must be left alone before it is read, at "
                    + "least 50 (default: ${DEFAULT-VALUE}).")
    private long debounceMillis;

    @Mixin
    private ExtensionOptions extensions;

    @Option(names = "--no-builtins",
            description = "Validate the files on their own, without the built-in catalog that "
                    + "override files refer to.")
    private boolean noBuiltins;

    @Override
    public Integer call() {
        List<Path> targets = new ArrayList<>(paths);
        if (targets.isEmpty()) {
            targets.add(ProvidersDirectory.resolve(providersDir, root.environment()).path());
        }
        for (Path target : targets) {
            // judged from metadata: a named pipe is never opened, a link loop is named as such
            FileKind kind = FileKind.of(target);
            if (kind == FileKind.MISSING) {
                spec.commandLine().getErr().println("conformance validate: no such file or "
                        + "directory: " + target);
                return ExitCodes.USAGE;
            }
            if (kind == FileKind.LINK_LOOP || kind == FileKind.DANGLING_LINK) {
                spec.commandLine().getErr().println("conformance validate: " + target + " "
                        + kind.description());
                return ExitCodes.USAGE;
            }
        }
        ExtensionOptions.Extensions loaded = extensions.load(providersDirectory(targets),
                spec.commandLine().getErr(), "validate");
        if (loaded == null) {
            return ExitCodes.USAGE;
        }
        ProviderLoader loader = noBuiltins ? ProviderLoader.withoutBuiltins()
                : ProviderLoader.create();
        if (watch) {
            long minimum = LiveRegistry.MIN_DEBOUNCE.toMillis();
            if (targets.size() != 1 || !Files.isDirectory(targets.get(0))
                    || format != OutputFormat.TEXT || debounceMillis < minimum) {
                spec.commandLine().getErr().println("conformance validate: --watch takes one "
                        + "directory, text output and a debounce >= " + minimum + " ms");
                return ExitCodes.USAGE;
            }
            loaded.problems().forEach(d -> spec.commandLine().getOut().println(d.format()));
            return new WatchLoop(targets.get(0), loader, Duration.ofMillis(debounceMillis),
                    spec.commandLine().getOut()).run();
        }
        LoadResult result = loaded.withProblems(loader.load(targets));
        DiagnosticPrinter.print(result, format, spec.commandLine().getOut());
        return result.hasErrors() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * Returns the providers directory whose {@code extensions/} sibling holds the default
     * dialect JARs: the one directory validated, else the usual providers directory.
     */
    private Path providersDirectory(List<Path> targets) {
        if (targets.size() == 1 && Files.isDirectory(targets.get(0))) {
            return targets.get(0);
        }
        return ProvidersDirectory.resolve(providersDir, root.environment()).path();
    }
}
