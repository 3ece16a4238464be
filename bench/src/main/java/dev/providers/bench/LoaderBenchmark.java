package dev.providers.bench;

import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Loads and validates 1,000 generated provider files of 20 models each, the way {@code
 * conformance validate} and the registry do.
 *
 * <p>Cold loads run in fresh JVMs (class loading, schema compilation and JIT warm-up included),
 * once per JVM, several JVMs per flag set; warm loads repeat in one JVM, as a long-running
 * application reloading its registry would.
 */
final class LoaderBenchmark {

    static final int FILES = 1_000;
    static final int MODELS = 20;
    private static final int COLD_JVMS = 5;
    private static final int WARM_RUNS = 15;
    private static final List<String> FLAG_SETS = List.of("",
            "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");

    private LoaderBenchmark() { }

    static void run(Path report) throws Exception {
        Path dir = Files.createTempDirectory("bench-providers");
        try {
            long bytes = generate(dir, FILES, MODELS);
            StringBuilder rows = new StringBuilder();
            for (String flags : FLAG_SETS) {
                List<Double> cold = new ArrayList<>();
                for (int i = 0; i < COLD_JVMS; i++) {
                    cold.add(coldLoadInFreshJvm(flags, dir));
                }
                rows.append(String.format("| %s | %.0f ms | %.0f / %.0f ms |%n",
                        flags.isEmpty() ? "JVM defaults (C2, G1)" : "`" + flags + "`",
                        median(cold), min(cold), max(cold)));
            }
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < WARM_RUNS + 5; i++) {
                double ms = timeLoad(dir);
                if (i >= 5) {
                    warm.add(ms);
                }
            }
            String text = "# Loader benchmark\n\n"
                    + "Load and validate " + FILES + " generated provider files with " + MODELS
                    + " models each (" + FILES * MODELS + " models, " + bytes / 1024
                    + " KiB of YAML): read, UTF-8 check, SnakeYAML compose with positions, JSON "
                    + "Schema validation (networknt), semantic checks, binding and registry "
                    + "assembly over the built-in catalog. Target: under 1 s.\n\n"
                    + "| | |\n|---|---|\n" + Machine.describe()
                    + "\n## Cold: the first load in a fresh JVM\n\n"
                    + "Median of " + COLD_JVMS + " JVMs each (`java -Xmx1g <flags>`); the time of "
                    + "the load call, JVM start excluded.\n\n"
                    + "| flags | median | best / worst |\n|---|---:|---:|\n" + rows
                    + "\n## Warm: repeated loads in one JVM (a running application)\n\n"
                    + String.format("| median of %d (after 5 warm-up loads) | %.0f ms |%n",
                            WARM_RUNS, median(warm))
                    + String.format("| best / worst | %.0f / %.0f ms |%n", min(warm), max(warm))
                    + String.format("| per file | %.2f ms |%n", median(warm) / FILES)
                    + "\nReproduce: `bench/run.sh loader`.\n";
            System.out.print(text);
            if (report != null) {
                Files.writeString(report, text);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Entry point of the child JVM: prints the milliseconds of one load. */
    static void once(Path dir) {
        System.out.println(timeLoad(dir));
    }

    private static double timeLoad(Path dir) {
        long start = System.nanoTime();
        LoadResult result = ProviderLoader.create().load(dir);
        double ms = (System.nanoTime() - start) / 1e6;
        if (result.hasErrors() || result.registry().modelCount() < FILES * MODELS) {
            throw new IllegalStateException("generated files did not load: "
                    + result.diagnostics().subList(0, Math.min(5, result.diagnostics().size())));
        }
        return ms;
    }

    private static double coldLoadInFreshJvm(String flags, Path dir) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        if (!flags.isEmpty()) {
            command.addAll(List.of(flags.split(" ")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                BenchMain.class.getName(), "loader-once", dir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).trim();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("cold run failed: " + output);
        }
        return Double.parseDouble(output.substring(output.lastIndexOf('\n') + 1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** Writes realistic provider files and returns their total size. */
    static long generate(Path dir, int files, int models) throws IOException {
        long bytes = 0;
        for (int f = 0; f < files; f++) {
            String id = String.format("gen-%04d", f);
            StringBuilder yaml = new StringBuilder()
                    .append("# yaml-language-server: $schema=../schemas/provider.schema.json\n")
                    .append("id: ").append(id).append('\n')
                    .append("name: Generated gateway ").append(f).append('\n')
                    .append("api: openai-completions\n")
                    .append("baseUrl: https://gw-").append(f).append(".internal.example/v1\n")
                    .append("apiKey: ${GEN_KEY_").append(f % 10).append("}\n")
                    .append("authHeader: true\n")
                    .append("headers:\n  X-Team: team-").append(f % 7).append('\n')
                    .append("compat:\n  supportsDeveloperRole: false\n")
                    .append("  maxTokensField: max_tokens\n")
                    .append("models:\n");
            for (int m = 0; m < models; m++) {
                boolean reasoning = m % 3 == 0;
                yaml.append("  - id: family-").append(m % 5).append("/model-").append(m)
                        .append(":").append(8 + m).append("b\n")
                        .append("    name: Model ").append(m).append('\n')
                        .append("    reasoning: ").append(reasoning).append('\n')
                        .append("    input: ").append(m % 4 == 0 ? "[text, image]" : "[text]")
                        .append('\n')
                        .append("    contextWindow: ").append(32768 * (1 + m % 4)).append('\n')
                        .append("    maxTokens: ").append(4096 * (1 + m % 2)).append('\n')
                        .append("    cost: {input: ").append(0.15 * (m + 1)).append(", output: ")
                        .append(0.6 * (m + 1)).append(", cacheRead: 0.075, cacheWrite: 0}\n");
                if (reasoning) {
                    yaml.append("    thinkingLevelMap: {minimal: null, xhigh: null}\n")
                            .append("    compat:\n      thinkingFormat: qwen-chat-template\n");
                }
            }
            Path file = dir.resolve(id + ".yaml");
            Files.writeString(file, yaml);
            bytes += Files.size(file);
        }
        return bytes;
    }
}
