package dev.providers.conformance;

import dev.providers.conformance.cli.ConsoleInput;
import dev.providers.conformance.cli.RootCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** The {@code conformance} command line: validate, list and explain provider files. */
public final class ConformanceMain {

    private ConformanceMain() { }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, ConsoleInput.system(), out, err, System.getenv()));
    }

    /**
     * Runs the command line with the given streams and environment and returns the exit status:
     * 0 success, 1 invalid files or failed checks, 2 usage errors. Nothing can be typed in: a
     * login that asks for a token gets none.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err,
            Map<String, String> environment) {
        return run(args, ConsoleInput.none(), out, err, environment);
    }

    /**
     * Runs the command line as {@link #run(String[], PrintWriter, PrintWriter, Map)} does, with
     * {@code input} for what a command asks the user (a token pasted at {@code login}).
     */
    public static int run(String[] args, ConsoleInput input, PrintWriter out, PrintWriter err,
            Map<String, String> environment) {
        CommandLine commandLine = RootCommand.commandLine(environment, input);
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
