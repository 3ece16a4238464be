package bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a worker (CPU samples and allocation samples) with the focus on
 * one package: where the CPU goes (by thread group, by top frame, inclusive by method of the
 * focus package) and where the bytes are allocated (by class, by allocating frame, and by the
 * innermost frame of the focus package, with line numbers).
 *
 * <pre>
 * java -cp ... bench.harness.JfrSummary recording.jfr [focusPrefix] [top] [threadRegex]
 * </pre>
 * Defaults: focus {@code dev.providers.engine}, top 25, all threads ({@code providers-.*} keeps
 * the engine's I/O and callback threads only).
 *
 * Record with {@code -XX:StartFlightRecording=filename=x.jfr,settings=profile} on the worker JVM.
 */
public final class JfrSummary {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String focus = args.length > 1 ? args[1] : "dev.providers.engine";
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        java.util.regex.Pattern threads = java.util.regex.Pattern.compile(args.length > 3 ? args[3] : ".*");

        Map<String, Long> cpuByThread = new HashMap<>();
        Map<String, Long> cpuSelf = new HashMap<>();
        Map<String, Long> cpuSelfLine = new HashMap<>();
        Map<String, Long> cpuFocusInclusive = new HashMap<>();
        Map<String, Long> cpuFocusInnermost = new HashMap<>();
        long cpuTotal = 0;
        Map<String, Long> allocByClass = new HashMap<>();
        Map<String, Long> allocByTop = new HashMap<>();
        Map<String, Long> allocByFocus = new HashMap<>();
        Map<String, Long> allocByFocusClass = new HashMap<>();
        Map<String, Long> allocByThread = new HashMap<>();
        long allocTotal = 0;

        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                RecordedThread t = e.getThread("sampledThread");
                if (!threads.matcher(t == null || t.getJavaName() == null ? "?" : t.getJavaName()).matches()) continue;
                cpuTotal++;
                add(cpuByThread, group(t == null ? "?" : t.getJavaName()), 1);
                List<RecordedFrame> frames = frames(e.getStackTrace());
                if (frames.isEmpty()) continue;
                add(cpuSelf, method(frames.get(0)), 1);
                add(cpuSelfLine, method(frames.get(0)) + ":" + frames.get(0).getLineNumber(), 1);
                Set<String> seen = new HashSet<>();
                boolean innermost = true;
                for (RecordedFrame f : frames) {
                    String m = method(f);
                    if (!m.startsWith(focus)) continue;
                    if (innermost) {
                        add(cpuFocusInnermost, m + ":" + f.getLineNumber(), 1);
                        innermost = false;
                    }
                    if (seen.add(m)) add(cpuFocusInclusive, m, 1);
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                RecordedThread t = e.getThread("eventThread");
                if (!threads.matcher(t == null || t.getJavaName() == null ? "?" : t.getJavaName()).matches()) continue;
                long w = e.getLong("weight");
                allocTotal += w;
                String cls = e.getClass("objectClass").getName();
                add(allocByClass, cls, w);
                add(allocByThread, group(t == null ? "?" : t.getJavaName()), w);
                List<RecordedFrame> frames = frames(e.getStackTrace());
                if (frames.isEmpty()) continue;
                add(allocByTop, cls + " @ " + method(frames.get(0)) + ":" + frames.get(0).getLineNumber(), w);
                String site = "(no " + focus + " frame)";
                for (RecordedFrame f : frames) {
                    if (method(f).startsWith(focus)) {
                        site = method(f) + ":" + f.getLineNumber();
                        break;
                    }
                }
                add(allocByFocus, site, w);
                add(allocByFocusClass, site + "  [" + cls + "]", w);
            }
        }
        System.out.println("# " + file.getFileName() + "  (focus " + focus + ", threads " + threads + ")");
        System.out.println("\n## CPU: " + cpuTotal + " execution samples");
        print("by thread", cpuByThread, cpuTotal, top, "samples");
        print("self (top frame)", cpuSelf, cpuTotal, top, "samples");
        print("self (top frame, line)", cpuSelfLine, cpuTotal, top, "samples");
        print("inclusive, " + focus + " methods", cpuFocusInclusive, cpuTotal, top, "samples");
        print("innermost " + focus + " frame (line)", cpuFocusInnermost, cpuTotal, top, "samples");
        System.out.println("\n## Allocation: " + String.format("%,d", allocTotal) + " sampled bytes (weight)");
        print("by thread", allocByThread, allocTotal, top, "bytes");
        print("by class", allocByClass, allocTotal, top, "bytes");
        print("by allocating frame", allocByTop, allocTotal, top, "bytes");
        print("by innermost " + focus + " frame", allocByFocus, allocTotal, top, "bytes");
        print("by innermost " + focus + " frame and class", allocByFocusClass, allocTotal, top, "bytes");
    }

    static List<RecordedFrame> frames(RecordedStackTrace st) {
        if (st == null) return List.of();
        List<RecordedFrame> out = new ArrayList<>();
        for (RecordedFrame f : st.getFrames()) if (f.isJavaFrame()) out.add(f);
        return out;
    }

    static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** Thread names without their running number: providers-io-1 -> providers-io-*. */
    static String group(String name) {
        return name == null ? "?" : name.replaceAll("\\d+$", "*");
    }

    static void add(Map<String, Long> m, String k, long v) {
        m.merge(k, v, Long::sum);
    }

    static void print(String title, Map<String, Long> m, long total, int top, String unit) {
        System.out.println("\n### " + title + "\n");
        System.out.println("| share | " + unit + " | where |");
        System.out.println("|---:|---:|---|");
        Map<String, Long> sorted = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(x -> sorted.put(x.getKey(), x.getValue()));
        sorted.forEach((k, v) -> System.out.printf("| %.1f %% | %,d | `%s` |%n", 100.0 * v / Math.max(1, total), v, k));
    }
}
