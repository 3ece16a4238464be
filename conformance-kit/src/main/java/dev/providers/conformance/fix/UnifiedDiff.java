package dev.providers.conformance.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two versions of a text file ({@code diff -u} style, three lines of context).
 * Lines shared at the start and end are set aside first, so that the quadratic comparison only
 * sees the changed middle; a middle larger than {@value #MAX_MIDDLE} lines is shown as one
 * replacement.
 *
 * <p>Thread-safety: stateless.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;
    private static final int MAX_MIDDLE = 2000;

    private UnifiedDiff() { }

    /** Returns the diff of {@code before} and {@code after}, or "" when they are equal. */
    public static String of(String label, String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        List<Op> ops = operations(a, b);
        if (ops.stream().allMatch(op -> op.kind == ' ')) {
            return "";
        }
        StringBuilder out = new StringBuilder()
                .append("--- ").append(label).append('\n')
                .append("+++ ").append(label).append(" (fixed)\n");
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') {
                i++;
                continue;
            }
            int from = Math.max(0, i - CONTEXT);
            int to = i;
            // extend the hunk while the next change is within twice the context
            while (to < ops.size()) {
                int next = to;
                while (next < ops.size() && ops.get(next).kind != ' ') {
                    next++;
                }
                int gap = next;
                while (gap < ops.size() && ops.get(gap).kind == ' ') {
                    gap++;
                }
                if (gap < ops.size() && gap - next <= 2 * CONTEXT) {
                    to = gap;
                } else {
                    to = Math.min(ops.size(), next + CONTEXT);
                    break;
                }
            }
            hunk(ops.subList(from, to), out);
            i = to;
        }
        return out.toString();
    }

    private static void hunk(List<Op> ops, StringBuilder out) {
        Op first = ops.get(0);
        int oldCount = (int) ops.stream().filter(op -> op.kind != '+').count();
        int newCount = (int) ops.stream().filter(op -> op.kind != '-').count();
        out.append("@@ -").append(range(first.oldLine, oldCount)).append(" +")
                .append(range(first.newLine, newCount)).append(" @@\n");
        for (Op op : ops) {
            out.append(op.kind).append(op.text).append('\n');
        }
    }

    private static String range(int line, int count) {
        // diff -u numbers an empty range by the line before it
        return (count == 0 ? line - 1 : line) + "," + count;
    }

    private static List<Op> operations(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            ops.add(new Op(' ', a.get(i), i + 1, i + 1));
        }
        List<String> middleA = a.subList(prefix, a.size() - suffix);
        List<String> middleB = b.subList(prefix, b.size() - suffix);
        middle(middleA, middleB, prefix, ops);
        int shift = b.size() - a.size();
        for (int i = a.size() - suffix; i < a.size(); i++) {
            ops.add(new Op(' ', a.get(i), i + 1, i + 1 + shift));
        }
        return ops;
    }

    /** Appends the operations of the changed middle: a longest common subsequence. */
    private static void middle(List<String> a, List<String> b, int offset, List<Op> ops) {
        int n = a.size();
        int m = b.size();
        if (n > MAX_MIDDLE || m > MAX_MIDDLE) {
            for (int i = 0; i < n; i++) {
                ops.add(new Op('-', a.get(i), offset + i + 1, offset + 1));
            }
            for (int j = 0; j < m; j++) {
                ops.add(new Op('+', b.get(j), offset + n + 1, offset + j + 1));
            }
            return;
        }
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), offset + i + 1, offset + j + 1));
                i++;
                j++;
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                // removals before additions, as diff -u shows a replacement
                ops.add(new Op('-', a.get(i), offset + i + 1, offset + j + 1));
                i++;
            } else {
                ops.add(new Op('+', b.get(j), offset + i + 1, offset + j + 1));
                j++;
            }
        }
    }

    /** One line of the diff: its kind (' ', '-', '+'), text and 1-based line numbers. */
    private record Op(char kind, String text, int oldLine, int newLine) { }
}
