package dev.providers.bench;

import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads and validates 1,000 generated provider files of 20 models each, the way {@code
 * conformance validate} and the registry do, and reports the time of the first load in a fresh
 * JVM (class loading, schema compilation and cold JIT included) and of warm loads.
 */
final class LoaderBenchmark {

    static final int FILES = 1_000;
    static final int MODELS = 20;
    private static final int WARM_RUNS = 15;

    private LoaderBenchmark() { }

    static void run(Path report) throws IOException {
        Path dir = Files.createTempDirectory("bench-providers");
        try {
            long bytes = generate(dir, FILES, MODELS);
            long coldStart = System.nanoTime();
            LoadResult cold = ProviderLoader.create().load(dir);
            double coldMs = (System.nanoTime() - coldStart) / 1e6;
            check(cold);
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < WARM_RUNS; i++) {
                long start = System.nanoTime();
                check(ProviderLoader.create().load(dir));
                warm.add((System.nanoTime() - start) / 1e6);
            }
            List<Double> sorted = new ArrayList<>(warm);
            sorted.sort(null);
            double median = sorted.get(sorted.size() / 2);
            double best = sorted.get(0);
            double worst = sorted.get(sorted.size() - 1);
            String text = "# Loader benchmark\n\n"
                    + "Load and validate " + FILES + " generated provider files with " + MODELS
                    + " models each (" + FILES * MODELS + " models, " + bytes / 1024
                    + " KiB of YAML): read, UTF-8 check, SnakeYAML compose, JSON Schema "
                    + "validation (networknt), semantic checks, binding and registry assembly "
                    + "over the built-in catalog. Target: under 1 s.\n\n"
                    + "| | |\n|---|---|\n" + Machine.describe()
                    + "\n| run | time |\n|---|---:|\n"
                    + String.format("| first load in a fresh JVM (cold) | %.0f ms |%n", coldMs)
                    + String.format("| warm, median of %d | %.0f ms |%n", WARM_RUNS, median)
                    + String.format("| warm, best / worst | %.0f / %.0f ms |%n", best, worst)
                    + String.format("| warm, per file | %.2f ms |%n", median / FILES)
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

    private static void check(LoadResult result) {
        if (result.hasErrors() || result.registry().modelCount() < FILES * MODELS) {
            throw new IllegalStateException("generated files did not load: "
                    + result.diagnostics().subList(0, Math.min(5, result.diagnostics().size())));
        }
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
