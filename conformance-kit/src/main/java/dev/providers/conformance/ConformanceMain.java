package dev.providers.conformance;

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
        System.exit(run(args, out, err, System.getenv()));
    }

    /**
     * Runs the command line with the given streams and environment and returns the exit status:
     * 0 success, 1 invalid files or failed checks, 2 usage errors.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err,
            Map<String, String> environment) {
        CommandLine commandLine = RootCommand.commandLine(environment);
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
