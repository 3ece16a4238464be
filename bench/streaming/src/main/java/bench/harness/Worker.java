package bench.harness;

import bench.api.ChatRequestSpec;
import bench.api.Endpoint;
import bench.api.StreamAdapter;
import bench.api.StreamCall;
import bench.server.Rendered;
import bench.server.StreamSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one scenario for one adapter in this (fresh) JVM and prints one line
 * {@code RESULT {json}} on stdout. Started by {@link Main}; can be run by hand:
 * {@code java -cp ... bench.harness.Worker S1 apache-async <port> chunks=200000}.
 */
public final class Worker {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String USER_MSG = "Write a long story about a fox.";

    final String scenario;
    final StreamAdapter adapter;
    final Endpoint ep;
    final Map<String, String> params;
    final Map<String, Object> out = new LinkedHashMap<>();

    Worker(String scenario, StreamAdapter adapter, Endpoint ep, Map<String, String> params) {
        this.scenario = scenario;
        this.adapter = adapter;
        this.ep = ep;
        this.params = params;
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        String adapterName = args[1];
        int port = Integer.parseInt(args[2]);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            params.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Endpoint ep = new Endpoint("http://127.0.0.1:" + port + "/v1", "127.0.0.1", port, "sk-bench-not-a-key");
        StreamAdapter adapter = Adapters.create(adapterName);
        Worker w = new Worker(scenario, adapter, ep, params);
        w.out.put("scenario", scenario);
        w.out.put("adapter", adapter.name());
        w.out.put("describe", adapter.describe());
        w.out.put("params", params);
        int maxStreams = Integer.parseInt(params.getOrDefault("k", params.getOrDefault("n", "64")));
        adapter.open(ep, maxStreams);
        try {
            switch (scenario) {
                case "S0" -> w.s0();
                case "S1" -> w.s1();
                case "S2" -> w.s2();
                case "S3" -> w.s3();
                case "S4" -> w.s4();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        } catch (Throwable t) {
            w.out.put("fatal", t.toString());
            t.printStackTrace();
        }
        System.out.println("RESULT " + JSON.writeValueAsString(w.out));
        System.out.flush();
        try {
            adapter.close();
        } catch (Throwable ignored) {
        }
        System.exit(0); // some clients leave non-daemon threads behind
    }

    int p(String k, int def) {
        return Integer.parseInt(params.getOrDefault(k, Integer.toString(def)));
    }

    // ---------------------------------------------------------------------------------------

    /** One stream, waited for; returns the listener. */
    Counting once(StreamSpec spec, int cancelAfter, long timeoutSec) throws Exception {
        Counting c = new Counting(cancelAfter);
        c.startNanos = System.nanoTime();
        StreamCall call = adapter.start(new ChatRequestSpec(spec.model(), USER_MSG), c);
        c.bind(call);
        call.completion().get(timeoutSec, TimeUnit.SECONDS);
        return c;
    }

    static String errorText(Throwable t) {
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) t = t.getCause();
        String s = t.getClass().getSimpleName() + ": " + t.getMessage();
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    /** S0: correctness of the typed events (content, tool-call deltas, usage, finish reason). */
    void s0() throws Exception {
        StreamSpec spec = StreamSpec.of(50, 0).withTools(10);
        Rendered r = Rendered.of(spec);
        Counting c = once(spec, 0, 30);
        boolean raw = c.rawFrames > 0;
        out.put("textChars", c.textChars);
        out.put("expectedTextChars", spec.expectedContentChars());
        out.put("toolArgChars", c.toolArgChars);
        out.put("expectedToolArgChars", r.expectedToolArgChars);
        out.put("completionTokens", c.completionTokens);
        out.put("promptTokens", c.promptTokens);
        out.put("finishReason", c.finishReason);
        out.put("rawFrames", c.rawFrames);
        // what the firehose sends: prompt_tokens 19, completion_tokens = chunks + tool chunks,
        // finish_reason "tool_calls" when there are tool calls (see Rendered)
        boolean ok = raw ? c.rawFrames == 50 + 10 + 1 /*role*/ + 1 /*finish*/ + 1 /*usage*/ + 1 /*DONE*/
                : c.textChars == spec.expectedContentChars() && c.toolArgChars == r.expectedToolArgChars
                  && c.completionTokens == 60 && c.promptTokens == 19 && finishMatches(c.finishReason, "tool_calls");
        out.put("ok", ok);
        // plain text-only stream too (what S1..S4 use)
        StreamSpec plain = StreamSpec.of(100, 0);
        Counting c2 = once(plain, 0, 30);
        out.put("plainOk", raw ? c2.rawFrames == 104 : c2.textChars == plain.expectedContentChars()
                && c2.completionTokens == 100 && c2.promptTokens == 19 && finishMatches(c2.finishReason, "stop"));
    }

    /**
     * Whether a reported finish reason is the wire's; LangChain4j only exposes its own enum
     * (STOP, TOOL_EXECUTION), which counts as a match too.
     */
    static boolean finishMatches(String got, String wire) {
        if (got == null) return false;
        return got.equals(wire) || got.equals(wire.equals("tool_calls") ? "TOOL_EXECUTION" : wire.toUpperCase());
    }

    /** S1: single-stream throughput. */
    void s1() throws Exception {
        int chunks = p("chunks", 200_000), warm = p("warmup", 2), iters = p("iters", 3);
        StreamSpec spec = StreamSpec.of(chunks, 0);
        List<Map<String, Object>> samples = new ArrayList<>();
        Metrics.AllocTracker alloc = new Metrics.AllocTracker(2);
        for (int i = 0; i < warm + iters; i++) {
            Metrics.fullGc();
            ServerStats s0 = ServerStats.query(ep.host(), ep.port());
            long[] gc0 = Metrics.gcCountAndMillis();
            long cpu0 = Metrics.processCpuNanos(), alloc0 = alloc.total();
            long t0 = System.nanoTime();
            Counting c = once(spec, 0, 240);
            long t1 = System.nanoTime();
            long cpu1 = Metrics.processCpuNanos(), alloc1 = alloc.total();
            long[] gc1 = Metrics.gcCountAndMillis();
            ServerStats s1 = ServerStats.query(ep.host(), ep.port());
            boolean ok = c.rawFrames > 0 ? c.rawFrames == chunks + 4 : c.textChars == spec.expectedContentChars();
            if (i < warm) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("wallNs", t1 - t0);
            m.put("cpuNs", cpu1 - cpu0);
            m.put("allocBytes", alloc1 - alloc0);
            m.put("gcCount", gc1[0] - gc0[0]);
            m.put("gcMs", gc1[1] - gc0[1]);
            m.put("serverCpuNs", s1.cpuNanos - s0.cpuNanos);
            m.put("serverWallNs", s1.nowNanos - s0.nowNanos);
            m.put("bytes", s1.bytes - s0.bytes);
            m.put("chunks", chunks);
            m.put("ok", ok);
            samples.add(m);
        }
        alloc.close();
        out.put("samples", samples);
    }

    /** S2: request start to first text delta, sequential requests on a kept-alive connection. */
    void s2() throws Exception {
        int warm = p("warmup", 300), n = p("requests", 1000);
        StreamSpec spec = StreamSpec.of(p("chunks", 3), 0);
        for (int i = 0; i < warm; i++) once(spec, 0, 30);
        Metrics.fullGc();
        ServerStats s0 = ServerStats.query(ep.host(), ep.port());
        long cpu0 = Metrics.processCpuNanos();
        long[] first = new long[n], total = new long[n];
        int bad = 0;
        for (int i = 0; i < n; i++) {
            Counting c = once(spec, 0, 30);
            long end = System.nanoTime();
            first[i] = c.firstEventNanos - c.startNanos;
            total[i] = end - c.startNanos;
            if (c.rawFrames == 0 && c.textChars != spec.expectedContentChars()) bad++;
        }
        long cpu1 = Metrics.processCpuNanos();
        ServerStats s1 = ServerStats.query(ep.host(), ep.port());
        out.put("firstNs", first);
        out.put("totalNs", total);
        out.put("bad", bad);
        out.put("cpuNsPerRequest", (cpu1 - cpu0) / n);
        out.put("connsOpened", s1.accepted - s0.accepted);
        out.put("serverCpuNs", s1.cpuNanos - s0.cpuNanos);
    }

    /** S3: K concurrent slow streams. */
    void s3() throws Exception {
        int k = p("k", 100), chunks = p("chunks", 50), delay = p("delay", 20), timeout = p("timeout", 150);
        StreamSpec spec = StreamSpec.of(chunks, delay);
        // warm-up: a small concurrent batch of short streams (loads classes, fills JIT, opens a few conns)
        for (int i = 0; i < 3; i++) runBatch(StreamSpec.of(5, 1), Math.min(k, 200), 0, 30);
        Metrics.fullGc();
        Metrics.resetPeakThreads();
        out.put("threadsBefore", Metrics.threadCount());
        out.put("rssBefore", Metrics.rssBytes());
        out.put("heapBefore", Metrics.heapUsed());
        ServerStats s0 = ServerStats.query(ep.host(), ep.port());
        long cpu0 = Metrics.processCpuNanos();
        long[] gc0 = Metrics.gcCountAndMillis();
        Batch b;
        try (Metrics.Sampler sampler = new Metrics.Sampler(20)) {
            b = runBatch(spec, k, 0, timeout);
            sampler.close();
            out.put("peakRss", sampler.peakRss);
            out.put("peakHeap", sampler.peakHeap);
        }
        long cpu1 = Metrics.processCpuNanos();
        long[] gc1 = Metrics.gcCountAndMillis();
        ServerStats s1 = ServerStats.query(ep.host(), ep.port());
        out.put("peakThreads", Metrics.peakThreadCount());
        out.put("threadsAfter", Metrics.threadCount());
        out.put("k", k);
        out.put("ok", b.ok);
        out.put("errors", b.errors);
        out.put("timedOut", b.timedOut);
        out.put("firstError", b.firstError);
        out.put("wallNs", b.wallNs);
        out.put("startLoopNs", b.startLoopNs);
        out.put("durations", b.durations);
        out.put("ttfts", b.ttfts);
        out.put("cpuNs", cpu1 - cpu0);
        out.put("gcCount", gc1[0] - gc0[0]);
        out.put("gcMs", gc1[1] - gc0[1]);
        out.put("connsOpened", s1.accepted - s0.accepted);
        out.put("serverCpuNs", s1.cpuNanos - s0.cpuNanos);
        out.put("serverAborted", s1.aborted - s0.aborted);
        if (p("probe", 1) == 1) {
            // second batch, same load, with a full GC while streams are live: live heap per stream
            Metrics.fullGc();
            long heap0 = Metrics.heapUsed();
            int threads0 = Metrics.threadCount();
            // at large K the start loop outlasts a 1 s stream: the probe then uses 30 s streams
            // (1,500 chunks, 20 ms apart), so that every stream is live at the histogram, after
            // a batch of 10 s streams, which leaves about K connections in the pool: the probe
            // then measures streams, not the connections it would otherwise open
            StreamSpec probeSpec = spec;
            if (k >= 2000) {
                probeSpec = StreamSpec.of(1500, delay);
                runBatch(StreamSpec.of(500, delay), k, 0, timeout);
                Metrics.fullGc();
                heap0 = Metrics.heapUsed();
                threads0 = Metrics.threadCount();
            }
            out.put("probeChunks", probeSpec.chunks());
            ServerStats beforeProbe = ServerStats.query(ep.host(), ep.port());
            Batch pb = runBatch(probeSpec, k, 0, timeout, true);
            out.put("probeConnsOpened", ServerStats.query(ep.host(), ep.port()).accepted
                    - beforeProbe.accepted);
            out.put("probeHeapBefore", heap0);
            out.put("probeThreadsBefore", threads0);
            out.put("probeLiveStreams", pb.probe[0]);
            out.put("probeHeapAfterGc", pb.probe[1]);
            out.put("probeThreads", pb.probe[2]);
            out.put("probeThreadsInSocketRead", pb.probe[3]);
            out.put("probeRss", pb.probe[4]);
            out.put("probeOk", pb.ok);
        }
    }

    /** S4: N concurrent long streams, each cancelled after its 5th event; repeated to expose leaks. */
    void s4() throws Exception {
        int n = p("n", 1000), rounds = p("rounds", 3), cancelAfter = p("cancelAfter", 5);
        StreamSpec spec = StreamSpec.of(p("chunks", 500), p("delay", 20));
        int warm = p("warm", 20);
        if (warm > 0) runBatch(StreamSpec.of(5, 1), warm, 0, 30); // warm-up (leaves warm idle pooled conns)
        Metrics.fullGc();
        out.put("threadsBefore", Metrics.threadCount());
        out.put("threadsInSocketReadBefore", Metrics.threadsInSocketRead());
        out.put("heapAfterGcBefore", Metrics.heapUsed());
        out.put("rssBefore", Metrics.rssBytes());
        List<Map<String, Object>> rs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            ServerStats s0 = ServerStats.query(ep.host(), ep.port());
            long cpu0 = Metrics.processCpuNanos();
            Batch b = runBatch(spec, n, cancelAfter, 60);
            long cancelledAt = System.nanoTime();
            // how long until the server has seen every cancelled stream go away
            long releaseNs = -1;
            ServerStats s1 = null;
            while (System.nanoTime() - cancelledAt < 10_000_000_000L) {
                s1 = ServerStats.query(ep.host(), ep.port());
                if (s1.active == 0) {
                    releaseNs = System.nanoTime() - cancelledAt;
                    break;
                }
                Thread.sleep(20);
            }
            Thread.sleep(1000);
            ServerStats s2 = ServerStats.query(ep.host(), ep.port());
            long cpu1 = Metrics.processCpuNanos();
            Metrics.fullGc();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cancelled", b.cancelled);
            m.put("completedNormally", b.ok);
            m.put("errors", b.errors);
            m.put("timedOut", b.timedOut);
            m.put("firstError", b.firstError);
            m.put("wallNs", b.wallNs);
            m.put("releaseNs", releaseNs);
            m.put("serverActiveAfter1s", s2.active);
            m.put("serverOpenConnsAfter1s", s2.open);
            m.put("serverAborted", s2.aborted - s0.aborted);
            m.put("serverCompleted", s2.completed - s0.completed);
            m.put("connsOpened", s2.accepted - s0.accepted);
            m.put("threadsAfter", Metrics.threadCount());
            m.put("threadsInSocketRead", Metrics.threadsInSocketRead());
            m.put("heapAfterGc", Metrics.heapUsed());
            m.put("rssAfter", Metrics.rssBytes());
            m.put("cpuNs", cpu1 - cpu0);
            rs.add(m);
        }
        out.put("rounds", rs);
    }

    static final class Batch {
        int ok, errors, cancelled, timedOut;
        String firstError;
        long wallNs, startLoopNs;
        long[] durations, ttfts;
        long[] probe; // live streams, heap after full GC, threads, threads in socket read, rss
    }

    Batch runBatch(StreamSpec spec, int k, int cancelAfter, int timeoutSec) throws Exception {
        return runBatch(spec, k, cancelAfter, timeoutSec, false);
    }

    Batch runBatch(StreamSpec spec, int k, int cancelAfter, int timeoutSec, boolean probe) throws Exception {
        Batch b = new Batch();
        Counting[] cs = new Counting[k];
        StreamCall[] calls = new StreamCall[k];
        long[] done = new long[k];
        ChatRequestSpec req = new ChatRequestSpec(spec.model(), USER_MSG);
        long t0 = System.nanoTime();
        CompletableFuture<?>[] fs = new CompletableFuture<?>[k];
        for (int i = 0; i < k; i++) {
            Counting c = new Counting(cancelAfter);
            c.startNanos = System.nanoTime();
            cs[i] = c;
            try {
                calls[i] = adapter.start(req, c);
                c.bind(calls[i]);
                final int idx = i;
                fs[i] = calls[i].completion().whenComplete((v, e) -> done[idx] = System.nanoTime());
            } catch (Throwable t) {
                fs[i] = CompletableFuture.failedFuture(t);
            }
        }
        b.startLoopNs = System.nanoTime() - t0;
        if (probe) {
            // footprint while streams are live: 300 ms after the start loop, and until every
            // stream has had its first event (at most 5 s more), count live streams, then full GC
            Thread.sleep(300);
            for (int wait = 0; wait < 50; wait++) {
                int started = 0;
                for (int i = 0; i < k; i++) if (cs[i] != null && cs[i].firstEventNanos != 0) started++;
                if (started == k) break;
                Thread.sleep(100);
            }
            int active = 0;
            for (int i = 0; i < k; i++) if (cs[i] != null && cs[i].firstEventNanos != 0 && done[i] == 0) active++;
            int threads = Metrics.threadCount(), inRead = Metrics.threadsInSocketRead();
            long rss = Metrics.rssBytes();
            System.gc();
            long heap = Metrics.heapUsed();
            int active2 = 0;
            for (int i = 0; i < k; i++) if (cs[i] != null && cs[i].firstEventNanos != 0 && done[i] == 0) active2++;
            b.probe = new long[] {Math.min(active, active2), heap, threads, inRead, rss};
        }
        long deadline = t0 + timeoutSec * 1_000_000_000L;
        for (int i = 0; i < k; i++) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                fs[i].get(left, TimeUnit.NANOSECONDS);
                if (cancelAfter > 0 || cs[i].rawFrames > 0
                        || cs[i].textChars == spec.expectedContentChars()) b.ok++;
                else {
                    b.errors++;
                    if (b.firstError == null) b.firstError = "wrong content count " + cs[i].textChars;
                }
            } catch (TimeoutException e) {
                b.timedOut++;
                if (calls[i] != null) calls[i].cancel();
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof CancellationException || e instanceof CancellationException) b.cancelled++;
                else {
                    b.errors++;
                    if (b.firstError == null) b.firstError = errorText(cause);
                }
            }
        }
        long last = 0;
        List<Long> durs = new ArrayList<>(), ttft = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (done[i] != 0) {
                last = Math.max(last, done[i]);
                durs.add(done[i] - cs[i].startNanos);
            }
            if (cs[i].firstEventNanos != 0) ttft.add(cs[i].firstEventNanos - cs[i].startNanos);
        }
        b.wallNs = (last == 0 ? System.nanoTime() : last) - t0;
        b.durations = durs.stream().mapToLong(Long::longValue).sorted().toArray();
        b.ttfts = ttft.stream().mapToLong(Long::longValue).sorted().toArray();
        if (b.durations.length > 2000) b.durations = downsample(b.durations);
        if (b.ttfts.length > 2000) b.ttfts = downsample(b.ttfts);
        return b;
    }

    /** Keeps percentiles intact while shrinking the JSON: 1001 evenly spaced order statistics. */
    static long[] downsample(long[] sorted) {
        long[] r = new long[1001];
        for (int i = 0; i <= 1000; i++) r[i] = sorted[(int) ((long) (sorted.length - 1) * i / 1000)];
        return r;
    }

    static String arr(long[] a) {
        return Arrays.toString(a);
    }
}
