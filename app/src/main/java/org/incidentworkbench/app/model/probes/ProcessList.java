package org.incidentworkbench.app.model.probes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentworkbench.parse.PsReport;
import org.incidentworkbench.parse.TopReport;

/**
 * The process list of the ps and top views: rows from either tool, sorted by what consumes most, kernel
 * threads told apart, and the parent/child tree in display order. Pure; the view only lays it out.
 *
 * <pre>
 * List&lt;ProcessLine&gt; rows = ProcessList.sorted(ProcessList.of(ps), ProcessList.SortKey.CPU);
 * </pre>
 */
public final class ProcessList {

    /** What "top consumers" means: the column sorted on, largest first. */
    public enum SortKey {
        CPU("CPU", Comparator.comparingDouble(p -> Double.isNaN(p.cpuPercent()) ? -1 : p.cpuPercent())),
        RSS("RSS", Comparator.comparingLong(ProcessLine::rssBytes)),
        ELAPSED("running time", Comparator.comparingLong(ProcessLine::elapsedSeconds));

        private final String label;
        private final Comparator<ProcessLine> ascending;

        SortKey(String label, Comparator<ProcessLine> ascending) {
            this.label = label;
            this.ascending = ascending;
        }

        public String label() {
            return label;
        }

        /** Largest first; ties by pid, so the order is stable between triages. */
        public Comparator<ProcessLine> descending() {
            return ascending.reversed().thenComparingLong(ProcessLine::pid);
        }
    }

    /** Linux's kthreadd: every kernel thread is it or its child. */
    private static final long KTHREADD = 2;

    private ProcessList() {
    }

    public static List<ProcessLine> of(PsReport ps) {
        List<ProcessLine> out = new ArrayList<>();
        for (PsReport.ProcessRow p : ps.processes()) {
            long ppid = p.ppid().orElse(-1L);
            out.add(new ProcessLine(p.pid(), ppid, p.user().orElse(""), p.state().orElse(""),
                    p.cpuPercent().orElse(Double.NaN), p.memPercent().orElse(Double.NaN), p.rssBytes().orElse(-1L),
                    p.elapsedSeconds().orElse(-1L), p.name(), p.command(),
                    kernelThread(p.pid(), ppid, p.command(), p.vszBytes().orElse(-1L), p.state().orElse("")), 0));
        }
        return out;
    }

    /** top's rows: no parent and no start time, so no tree and no elapsed sort. */
    public static List<ProcessLine> of(TopReport top) {
        List<ProcessLine> out = new ArrayList<>();
        for (TopReport.TopProcess p : top.processes()) {
            String state = p.state().orElse("");
            out.add(new ProcessLine(p.pid(), -1, p.user().orElse(""), state, p.cpuPercent().orElse(Double.NaN),
                    p.memPercent().orElse(Double.NaN), p.resBytes().orElse(-1L), -1, p.command(), p.command(),
                    kernelThread(p.pid(), -1, "[" + p.command() + "]", p.virtBytes().orElse(-1L), state), 0));
        }
        return out;
    }

    /**
     * kthreadd and its children; without a ppid (top), a process with no virtual memory that is not a
     * zombie (zombies have none either, and ps shows them as {@code [name] <defunct>}).
     */
    static boolean kernelThread(long pid, long ppid, String command, long vszBytes, String state) {
        if (pid == KTHREADD || ppid == KTHREADD) {
            return true;
        }
        if (ppid >= 0) {
            return false;
        }
        String c = command.strip();
        return vszBytes == 0 && c.startsWith("[") && c.endsWith("]") && !state.startsWith("Z");
    }

    public static List<ProcessLine> sorted(List<ProcessLine> rows, SortKey key) {
        return rows.stream().sorted(key.descending()).toList();
    }

    /** Without kernel threads unless asked for. */
    public static List<ProcessLine> visible(List<ProcessLine> rows, boolean kernelThreads) {
        return kernelThreads ? rows : rows.stream().filter(p -> !p.kernelThread()).toList();
    }

    /**
     * Depth-first order of the parent/child tree, each process at its {@link ProcessLine#depth()}, siblings
     * by {@code key}. A process whose parent is not in {@code rows} (filtered out, or exited) is a root, so
     * no row is lost.
     */
    public static List<ProcessLine> tree(List<ProcessLine> rows, SortKey key) {
        Set<Long> pids = new HashSet<>();
        rows.forEach(p -> pids.add(p.pid()));
        Map<Long, List<ProcessLine>> children = new HashMap<>();
        List<ProcessLine> roots = new ArrayList<>();
        for (ProcessLine p : rows) {
            if (p.ppid() >= 0 && p.ppid() != p.pid() && pids.contains(p.ppid())) {
                children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
            } else {
                roots.add(p);
            }
        }
        List<ProcessLine> out = new ArrayList<>(rows.size());
        Set<Long> seen = new HashSet<>();
        roots.sort(key.descending());
        for (ProcessLine r : roots) {
            walk(r, 0, children, key, out, seen);
        }
        // a ppid cycle (pid reuse between ps's reads) has no root: show those rows flat rather than lose them
        rows.stream().filter(p -> !seen.contains(p.pid())).sorted(key.descending()).forEach(out::add);
        return out;
    }

    private static void walk(ProcessLine p, int depth, Map<Long, List<ProcessLine>> children, SortKey key,
                             List<ProcessLine> out, Set<Long> seen) {
        if (!seen.add(p.pid())) {
            return;
        }
        out.add(p.atDepth(depth));
        List<ProcessLine> kids = children.getOrDefault(p.pid(), new ArrayList<>());
        kids.sort(key.descending());
        for (ProcessLine k : kids) {
            walk(k, depth + 1, children, key, out, seen);
        }
    }

    /**
     * The text a copy puts on the clipboard: one line per process with its full command line (the table
     * shows it shortened), tab-separated as a spreadsheet pastes it.
     */
    public static String copyText(List<ProcessLine> rows) {
        StringBuilder s = new StringBuilder();
        for (ProcessLine p : rows) {
            s.append(p.pid()).append('\t').append(p.user()).append('\t').append(p.state()).append('\t')
                    .append(p.cpuText()).append('\t').append(p.rssText()).append('\t').append(p.elapsedText())
                    .append('\t').append(p.command()).append('\n');
        }
        return s.toString();
    }

    /** One line about the list: how many, and the states that matter ("2 zombies, 1 in D state"). */
    public static String summary(List<ProcessLine> rows) {
        long kernel = rows.stream().filter(ProcessLine::kernelThread).count();
        long running = rows.stream().filter(p -> p.stateLetter() == 'R').count();
        long zombies = rows.stream().filter(ProcessLine::zombie).count();
        long d = rows.stream().filter(ProcessLine::uninterruptible).count();
        StringBuilder s = new StringBuilder(rows.size() + " processes (" + kernel + " kernel threads), " + running + " running");
        if (d > 0) {
            s.append(", ").append(d).append(" in D state (waiting on I/O)");
        }
        if (zombies > 0) {
            s.append(", ").append(zombies).append(zombies == 1 ? " zombie" : " zombies");
        }
        return s.toString();
    }
}
