package bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/** Turns result files into markdown tables (medians, p99, ratios vs raw-nio). */
public final class Report {

    static final String RAW = "raw-nio";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/results");
        List<JsonNode> docs = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json")).sorted(Comparator.comparing(Report::order))
                    .toList()) {
                docs.add(m.readTree(p.toFile()));
            }
        }
        String md = render(docs);
        Files.writeString(dir.resolve("table.md"), md);
        System.out.println(md);
    }

    static String order(Path p) {
        // S3-k100 < S3-k1000 < S3-k5000
        return java.util.regex.Pattern.compile("\\d+").matcher(p.getFileName().toString())
                .replaceAll(mr -> String.format("%08d", Long.parseLong(mr.group())));
    }

    public static String render(List<JsonNode> docs) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode doc : docs) {
            String sc = doc.path("meta").path("scenario").asText();
            Map<String, List<JsonNode>> by = new LinkedHashMap<>();
            for (JsonNode r : doc.path("results")) by.computeIfAbsent(r.path("adapter").asText(), k -> new ArrayList<>())
                    .add(r);
            sb.append("\n### ").append(doc.path("meta").path("tag").asText()).append("  (")
                    .append(doc.path("meta").path("rounds").asInt()).append(" round(s), loadavg ")
                    .append(doc.path("meta").path("loadavgStart").asText()).append(")\n\n");
            switch (sc) {
                case "S0" -> s0(sb, by);
                case "S1" -> s1(sb, by);
                case "S2" -> s2(sb, by);
                case "S3" -> s3(sb, by);
                case "S4" -> s4(sb, by);
                default -> sb.append("(unknown scenario)\n");
            }
            for (var e : by.entrySet()) for (JsonNode r : e.getValue()) if (r.has("fatal")) sb.append("- ")
                    .append(e.getKey()).append(" round ").append(r.path("round").asInt()).append(": FATAL ")
                    .append(r.path("fatal").asText()).append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------

    static void s0(StringBuilder sb, Map<String, List<JsonNode>> by) {
        sb.append("| adapter | typed events correct (content, tool-call args, usage, finish reason) | text-only stream correct | library |\n");
        sb.append("|---|---|---|---|\n");
        for (var e : by.entrySet()) {
            JsonNode r = e.getValue().get(0);
            sb.append("| ").append(e.getKey()).append(" | ").append(r.path("ok").asBoolean() ? "yes" : "**NO** ("
                    + r.path("textChars") + "/" + r.path("expectedTextChars") + " chars, tool " + r.path("toolArgChars")
                    + "/" + r.path("expectedToolArgChars") + ", usage " + r.path("promptTokens") + "/"
                    + r.path("completionTokens") + ", finish " + r.path("finishReason").asText() + ")")
                    .append(" | ").append(r.path("plainOk").asBoolean() ? "yes" : "**NO**").append(" | ")
                    .append(r.path("describe").asText()).append(" |\n");
        }
    }

    static void s1(StringBuilder sb, Map<String, List<JsonNode>> by) {
        Map<String, double[]> rows = new LinkedHashMap<>(); // chunks/s, cpu s/100k, alloc B/chunk, server util, ok
        for (var e : by.entrySet()) {
            List<JsonNode> samples = new ArrayList<>();
            for (JsonNode r : e.getValue()) r.path("samples").forEach(samples::add);
            if (samples.isEmpty()) continue;
            double tput = median(samples, s -> s.path("chunks").asDouble() / (s.path("wallNs").asDouble() / 1e9));
            double cpu = median(samples, s -> s.path("cpuNs").asDouble() / 1e9 / s.path("chunks").asDouble() * 1e5);
            double alloc = median(samples, s -> s.path("allocBytes").asDouble() / s.path("chunks").asDouble());
            double util = median(samples, s -> s.path("serverCpuNs").asDouble() / s.path("wallNs").asDouble());
            double bytes = median(samples, s -> s.path("bytes").asDouble() / s.path("chunks").asDouble());
            double gcs = median(samples, s -> s.path("gcCount").asDouble());
            long bad = samples.stream().filter(s -> !s.path("ok").asBoolean()).count();
            rows.put(e.getKey(), new double[] {tput, cpu, alloc, util, samples.size(), bad, bytes, gcs});
        }
        double[] raw = rows.get(RAW);
        sb.append("| adapter | chunks/s (median) | x slower than raw | client CPU s / 100k chunks | CPU x raw | "
                + "alloc B/chunk | GCs/run | server CPU (cores) | samples (bad) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var e : rows.entrySet()) {
            double[] v = e.getValue();
            sb.append("| ").append(e.getKey()).append(" | ").append(fmtInt(v[0])).append(" | ")
                    .append(raw == null ? "-" : fmt(raw[0] / v[0], 1)).append(" | ").append(fmt(v[1], 3)).append(" | ")
                    .append(raw == null ? "-" : fmt(v[1] / raw[1], 1)).append(" | ").append(fmtInt(v[2])).append(" | ")
                    .append(fmt(v[7], 0)).append(" | ").append(fmt(v[3], 2)).append(" | ").append((int) v[4])
                    .append(v[5] > 0 ? " (**" + (int) v[5] + "**)" : "").append(" |\n");
        }
        if (!rows.isEmpty()) sb.append("\nwire bytes per chunk: ").append(fmt(rows.values().iterator().next()[6], 0))
                .append("\n");
    }

    static void s2(StringBuilder sb, Map<String, List<JsonNode>> by) {
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (var e : by.entrySet()) {
            List<Long> first = new ArrayList<>(), total = new ArrayList<>();
            long conns = 0, bad = 0;
            List<Double> cpu = new ArrayList<>();
            for (JsonNode r : e.getValue()) {
                r.path("firstNs").forEach(x -> first.add(x.asLong()));
                r.path("totalNs").forEach(x -> total.add(x.asLong()));
                conns = Math.max(conns, r.path("connsOpened").asLong());
                bad += r.path("bad").asLong();
                if (r.has("cpuNsPerRequest")) cpu.add(r.path("cpuNsPerRequest").asDouble());
            }
            if (first.isEmpty()) continue;
            first.sort(null);
            total.sort(null);
            cpu.sort(null);
            rows.put(e.getKey(), new double[] {pct(first, 50) / 1e3, pct(first, 99) / 1e3, pct(total, 50) / 1e3,
                    cpu.isEmpty() ? 0 : cpu.get(cpu.size() / 2) / 1e3, conns, first.size(), bad});
        }
        double[] raw = rows.get(RAW);
        sb.append("| adapter | first delta p50 (us) | p99 (us) | p50 x raw | whole request p50 (us) | "
                + "client CPU us/request | new conns in measured part (max per round) | samples |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var e : rows.entrySet()) {
            double[] v = e.getValue();
            sb.append("| ").append(e.getKey()).append(" | ").append(fmt(v[0], 0)).append(" | ").append(fmt(v[1], 0))
                    .append(" | ").append(raw == null ? "-" : fmt(v[0] / raw[0], 1)).append(" | ").append(fmt(v[2], 0))
                    .append(" | ").append(fmt(v[3], 0)).append(" | ").append((long) v[4]).append(" | ")
                    .append((long) v[5]).append(v[6] > 0 ? " (**" + (long) v[6] + " bad**)" : "").append(" |\n");
        }
    }

    static void s3(StringBuilder sb, Map<String, List<JsonNode>> by) {
        double rawCpu = -1;
        if (by.containsKey(RAW)) rawCpu = median(by.get(RAW), r -> r.path("cpuNs").asDouble());
        sb.append("| adapter | ok / K | errors (first) | wall s | stream p50 / p99 ms | first delta p50 / p99 ms | "
                + "client CPU s | CPU x raw | peak threads (before) | peak heap MB | peak RSS MB (before) | "
                + "conns opened | server CPU s | live streams at probe | live heap KB / stream | threads at probe |\n");
        sb.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var e : by.entrySet()) {
            for (JsonNode r : e.getValue()) {
                if (r.has("fatal") && !r.has("k")) continue;
                long[] d = longs(r.path("durations")), t = longs(r.path("ttfts"));
                String err = r.path("errors").asInt() + r.path("timedOut").asInt() > 0
                        ? r.path("errors").asInt() + " err, " + r.path("timedOut").asInt() + " timeout ("
                          + r.path("firstError").asText("").replace('|', '/') + ")" : "0";
                sb.append("| ").append(e.getKey()).append(" | ").append(r.path("ok").asInt()).append(" / ")
                        .append(r.path("k").asInt()).append(" | ").append(err).append(" | ")
                        .append(fmt(r.path("wallNs").asDouble() / 1e9, 2)).append(" | ")
                        .append(fmt(pct(d, 50) / 1e6, 0)).append(" / ").append(fmt(pct(d, 99) / 1e6, 0)).append(" | ")
                        .append(fmt(pct(t, 50) / 1e6, 1)).append(" / ").append(fmt(pct(t, 99) / 1e6, 1)).append(" | ")
                        .append(fmt(r.path("cpuNs").asDouble() / 1e9, 2)).append(" | ")
                        .append(rawCpu > 0 ? fmt(r.path("cpuNs").asDouble() / rawCpu, 1) : "-").append(" | ")
                        .append(r.path("peakThreads").asInt()).append(" (").append(r.path("threadsBefore").asInt())
                        .append(") | ").append(mb(r.path("peakHeap").asDouble())).append(" | ")
                        .append(mb(r.path("peakRss").asDouble())).append(" (").append(mb(r.path("rssBefore").asDouble()))
                        .append(") | ").append(r.path("connsOpened").asLong()).append(" | ")
                        .append(fmt(r.path("serverCpuNs").asDouble() / 1e9, 2)).append(" | ");
                long live = r.path("probeLiveStreams").asLong();
                if (r.has("probeLiveStreams")) {
                    sb.append(live);
                    if (r.has("probeConnsOpened")) {
                        sb.append(" (").append(r.path("probeConnsOpened").asLong()).append(" new conns)");
                    }
                    sb.append(" | ").append(live > 0 ? fmt((r.path("probeHeapAfterGc").asDouble()
                            - r.path("probeHeapBefore").asDouble()) / live / 1024, 1) : "-").append(" | ")
                            .append(r.path("probeThreads").asInt()).append(" |\n");
                } else sb.append("- | - | - |\n");
            }
        }
    }

    static void s4(StringBuilder sb, Map<String, List<JsonNode>> by) {
        sb.append("| adapter | cancelled / N per round | server saw aborted (per round) | server streams still active after 1 s | "
                + "open conns after 1 s | release ms | live threads / in socket read: before -> after each round | heap after GC MB "
                + "before -> after rounds | errors |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (var e : by.entrySet()) {
            for (JsonNode r : e.getValue()) {
                if (!r.has("rounds")) continue;
                List<String> canc = new ArrayList<>(), ab = new ArrayList<>(), act = new ArrayList<>(),
                        open = new ArrayList<>(), rel = new ArrayList<>(), thr = new ArrayList<>(),
                        heap = new ArrayList<>(), errs = new ArrayList<>();
                int n = Integer.parseInt(r.path("params").path("n").asText("1000"));
                for (JsonNode x : r.path("rounds")) {
                    canc.add(x.path("cancelled").asInt() + "/" + n);
                    ab.add(Long.toString(x.path("serverAborted").asLong()));
                    act.add(Long.toString(x.path("serverActiveAfter1s").asLong()));
                    open.add(Long.toString(x.path("serverOpenConnsAfter1s").asLong()));
                    rel.add(x.path("releaseNs").asLong() < 0 ? ">10000" : fmt(x.path("releaseNs").asDouble() / 1e6, 0));
                    thr.add(x.path("threadsAfter").asInt() + "/" + x.path("threadsInSocketRead").asInt());
                    heap.add(mb(x.path("heapAfterGc").asDouble()));
                    int er = x.path("errors").asInt() + x.path("timedOut").asInt();
                    if (er > 0) errs.add(er + " (" + x.path("firstError").asText("").replace('|', '/') + ")");
                }
                sb.append("| ").append(e.getKey()).append(" | ").append(String.join(", ", canc)).append(" | ")
                        .append(String.join(", ", ab)).append(" | ").append(String.join(", ", act)).append(" | ")
                        .append(String.join(", ", open)).append(" | ").append(String.join(", ", rel)).append(" | ")
                        .append(r.path("threadsBefore").asInt()).append("/").append(r.path("threadsInSocketReadBefore").asInt())
                        .append(" -> ").append(String.join(", ", thr))
                        .append(" | ").append(mb(r.path("heapAfterGcBefore").asDouble())).append(" -> ")
                        .append(String.join(", ", heap)).append(" | ").append(errs.isEmpty() ? "0"
                                : String.join("; ", errs)).append(" |\n");
            }
        }
    }

    // ---------------------------------------------------------------------------------------

    static double median(List<JsonNode> xs, ToDoubleFunction<JsonNode> f) {
        double[] v = xs.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static long[] longs(JsonNode arr) {
        long[] r = new long[arr.size()];
        for (int i = 0; i < r.length; i++) r[i] = arr.get(i).asLong();
        java.util.Arrays.sort(r);
        return r;
    }

    static String fmt(double v, int digits) {
        if (Double.isNaN(v)) return "-";
        return String.format("%,." + digits + "f", v);
    }

    static String fmtInt(double v) {
        return Double.isNaN(v) ? "-" : String.format("%,d", Math.round(v));
    }

    static String mb(double bytes) {
        return bytes <= 0 ? "-" : String.format("%,.0f", bytes / (1024 * 1024));
    }
}
