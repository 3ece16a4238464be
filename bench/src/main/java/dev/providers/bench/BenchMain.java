package dev.providers.bench;

import java.nio.file.Path;
import java.util.Arrays;

/** Runs one named benchmark: {@code loader [REPORT.md]}. */
public final class BenchMain {

    private BenchMain() { }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: bench loader|reload [report.md]");
            System.exit(2);
        }
        Path report = args.length > 1 ? Path.of(args[1]) : null;
        switch (args[0]) {
            case "loader" -> LoaderBenchmark.run(report);
            case "loader-once" -> LoaderBenchmark.once(Path.of(args[1]));
            case "reload" -> ReloadBenchmark.run(report);
            default -> {
                System.err.println("unknown benchmark " + args[0] + "; known: loader, reload "
                        + Arrays.toString(args));
                System.exit(2);
            }
        }
    }
}
