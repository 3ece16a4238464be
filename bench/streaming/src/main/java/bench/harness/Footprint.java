package bench.harness;

import bench.api.ChatRequestSpec;
import bench.api.Endpoint;
import bench.api.StreamAdapter;
import bench.api.StreamCall;
import bench.server.StreamSpec;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * Where the heap of a live stream goes: a class histogram of live objects (after a full GC)
 * with K slow streams open, minus the idle histogram, per live stream. A diagnostic companion to
 * S3's "live heap KB / stream" column.
 *
 * <pre>
 * java -cp ... bench.harness.Footprint &lt;adapter&gt; &lt;port&gt; [k=1000] [top=30]
 * </pre>
 *
 * Streams are {@code StreamSpec.of(500, 20)} (10 s, the S4 spec); the histogram is taken 2 s after
 * the start loop, then every stream is cancelled. As in S3's probe, the baseline is taken after
 * batches of k short concurrent streams, so idle pooled connections are not counted per stream.
 */
public final class Footprint {

    public static void main(String[] args) throws Exception {
        String adapterName = args[0];
        int port = Integer.parseInt(args[1]);
        int k = 1000, top = 30;
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv[0].equals("k")) k = Integer.parseInt(kv[1]);
            if (kv[0].equals("top")) top = Integer.parseInt(kv[1]);
        }
        Endpoint ep = new Endpoint("http://127.0.0.1:" + port + "/v1", "127.0.0.1", port, "sk-bench-not-a-key");
        StreamAdapter adapter = Adapters.create(adapterName);
        adapter.open(ep, k);
        // warm-up: classes loaded, JIT, and (as before S3's probe) a batch of k concurrent streams,
        // so that the idle pooled connections are in the baseline and only per-stream state is counted
        // (1 s streams, so that they overlap even when start() is slow)
        for (int round = 0; round < 2; round++) {
            List<StreamCall> warm = new ArrayList<>();
            StreamSpec spec = round == 0 ? StreamSpec.of(5, 1) : StreamSpec.of(50, 20);
            for (int i = 0; i < k; i++) {
                warm.add(adapter.start(new ChatRequestSpec(spec.model(), Worker.USER_MSG), new Counting(0)));
            }
            for (StreamCall c : warm) c.completion().get(60, TimeUnit.SECONDS);
        }
        Thread.sleep(500);
        Map<String, long[]> before = histogram();
        int threadsBefore = Metrics.threadCount();
        ServerStats s0 = stats(ep);
        if (s0 != null) System.out.printf("after warm-up: server sees %d open connections (%d accepted in all)%n", s0.open, s0.accepted);

        Counting[] cs = new Counting[k];
        StreamCall[] calls = new StreamCall[k];
        ChatRequestSpec req = new ChatRequestSpec(StreamSpec.of(500, 20).model(), Worker.USER_MSG);
        for (int i = 0; i < k; i++) {
            cs[i] = new Counting(0);
            calls[i] = adapter.start(req, cs[i]);
            cs[i].bind(calls[i]);
        }
        Thread.sleep(2000);
        int live = 0;
        for (int i = 0; i < k; i++) if (cs[i].firstEventNanos != 0 && !calls[i].completion().isDone()) live++;
        int threads = Metrics.threadCount();
        Map<String, long[]> during = histogram();
        int live2 = 0;
        for (int i = 0; i < k; i++) if (cs[i].firstEventNanos != 0 && !calls[i].completion().isDone()) live2++;
        live = Math.min(live, live2);
        ServerStats s1 = stats(ep);
        for (StreamCall c : calls) c.cancel();

        List<Map.Entry<String, long[]>> diff = new ArrayList<>();
        long totalBytes = 0;
        for (var e : during.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long[] d = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
            totalBytes += d[1];
            diff.add(Map.entry(e.getKey(), d));
        }
        for (var e : before.entrySet()) {
            if (!during.containsKey(e.getKey())) totalBytes -= e.getValue()[1];
        }
        diff.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        System.out.printf("%s: %d of %d streams live at the histogram; threads %d -> %d; new connections %d;"
                + " live heap +%,d bytes = %.1f KB / stream%n", adapter.name(), live, k, threadsBefore, threads,
                s0 == null || s1 == null ? -1 : s1.accepted - s0.accepted, totalBytes, totalBytes / 1024.0 / Math.max(1, live));
        System.out.println();
        System.out.println("| class | instances / stream | bytes / stream | share |");
        System.out.println("|---|---:|---:|---:|");
        for (int i = 0; i < Math.min(top, diff.size()); i++) {
            var e = diff.get(i);
            System.out.printf("| `%s` | %.2f | %,.0f | %.1f %% |%n", e.getKey(), e.getValue()[0] / (double) Math.max(1, live),
                    e.getValue()[1] / (double) Math.max(1, live), 100.0 * e.getValue()[1] / Math.max(1, totalBytes));
        }
        adapter.close();
        System.exit(0);
    }

    /** The server's counters, or null when it is too busy to answer in time. */
    static ServerStats stats(Endpoint ep) {
        try {
            return ServerStats.query(ep.host(), ep.port());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** class name -> {instances, bytes} of live objects (the diagnostic command runs a full GC). */
    public static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> m = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] p = line.trim().split("\\s+");
            if (p.length < 4 || !p[0].endsWith(":")) continue;
            m.put(p[3], new long[] {Long.parseLong(p[1]), Long.parseLong(p[2])});
        }
        return m;
    }
}
