package dev.providers.conformance.cli;

import dev.providers.conformance.containers.ContainerKind;
import dev.providers.conformance.launch.SuiteExecutor;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root {@code conformance} command: with {@code --provider} it runs the conformance suite;
 * otherwise its subcommands do the work.
 */
@Command(name = "conformance",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Checks provider files and the endpoints they describe.",
            "With --provider, runs the conformance suite against that provider's endpoint and "
                + "writes report.md, report.json, JUnit XML and captures of failures.",
            "Exit status: 0 passed, 1 failed, 2 invalid files, unknown provider or usage "
                + "error."},
        subcommands = {ValidateCommand.class, ListCommand.class, ExplainCommand.class,
            SchemaCommand.class, ChatCommand.class, ModelsCommand.class, CheckCommand.class,
            ImportCommand.class, InitCommand.class, ServeCommand.class, LoginCommand.class,
            LogoutCommand.class, CommandLine.HelpCommand.class})
public final class RootCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SuiteOptions suite;

    @Mixin
    private TargetPreparation preparation;

    private final Map<String, String> environment;
    private final ConsoleInput input;

    private RootCommand(Map<String, String> environment, ConsoleInput input) {
        this.environment = Map.copyOf(environment);
        this.input = input;
    }

    /** Returns a command line whose commands read this environment and no input. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment, ConsoleInput.none());
    }

    /** Returns a command line whose commands read this environment and this input. */
    public static CommandLine commandLine(Map<String, String> environment, ConsoleInput input) {
        CommandLine commandLine = new CommandLine(new RootCommand(environment, input));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /** Returns the environment the commands resolve {@code $PROVIDERS_DIR} and secrets from. */
    Map<String, String> environment() {
        return environment;
    }

    /** Returns where commands read what they ask the user. */
    ConsoleInput input() {
        return input;
    }

    @Override
    public Integer call() {
        if (suite.provider == null && preparation.container != null) {
            // the container decides the provider: the catalog entry of the server it runs
            suite.provider = ContainerKind.byId(preparation.container.split(":", 2)[0])
                    .map(ContainerKind::catalogId)
                    .orElse(preparation.container.split(":", 2)[0]);
        }
        if (suite.provider == null) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return ExitCodes.USAGE;
        }
        return new SuiteAction(SuiteExecutor.create()).run(suite, preparation, environment,
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
