package dev.providers.conformance.cli;

import dev.providers.conformance.ConformanceMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the command line, with its captured output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ConformanceMain.run(args, new PrintWriter(out), new PrintWriter(err),
                environment);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    String all() {
        return out + err;
    }
}
