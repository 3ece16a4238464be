package dev.providers.conformance.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code conformance} command; its subcommands do the work. */
@Command(name = "conformance",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Checks provider files and the endpoints they describe.",
        subcommands = {ValidateCommand.class, ListCommand.class, ExplainCommand.class,
            SchemaCommand.class, ChatCommand.class, ModelsCommand.class, CheckCommand.class,
            CommandLine.HelpCommand.class})
public final class RootCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final Map<String, String> environment;

    private RootCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Returns a command line whose commands read this environment. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new RootCommand(environment));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /** Returns the environment the commands resolve {@code $PROVIDERS_DIR} and secrets from. */
    Map<String, String> environment() {
        return environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
