package org.incidentworkbench.parse;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Processes as {@code ps} lists them, or their threads ({@code ps -eLf}, {@code ps -T}, {@code ps -eLo lwp,...}).
 *
 * @param processes one per row, in the order printed; with {@code threads} one per thread, grouped by {@code pid}
 * @param threads   true when the rows are threads (the header has {@code LWP}, {@code SPID} or {@code TID})
 * @param source    {@code ps} (%CPU is ps's lifetime average) or {@link #PROC_SAMPLED} (the probe's {@code /proc}
 *                  variant: %CPU over its half-second sample, as top shows it)
 */
public record PsReport(List<ProcessRow> processes, boolean threads, String source) {

    /** The source of rows read from {@code /proc/PID/stat} twice: their %CPU is a current sample. */
    public static final String PROC_SAMPLED = "/proc sampled";

    public PsReport {
        processes = List.copyOf(processes);
        source = source == null ? "ps" : source;
    }

    /** Rows as ps printed them. */
    public PsReport(List<ProcessRow> processes, boolean threads) {
        this(processes, threads, "ps");
    }

    /** True when %CPU is a current sample rather than ps's average over each process's lifetime. */
    public boolean cpuSampled() {
        return source.equals(PROC_SAMPLED);
    }

    /** A process listing. */
    public PsReport(List<ProcessRow> processes) {
        this(processes, false);
    }

    /** How many processes the listing shows: the rows, or for a thread listing the distinct PIDs. */
    public int processCount() {
        return threads ? (int) processes.stream().mapToLong(ProcessRow::pid).distinct().count() : processes.size();
    }

    /** One row per process: a thread listing's first row of each PID (its main thread), else every row. */
    public List<ProcessRow> perProcess() {
        if (!threads) {
            return processes;
        }
        Map<Long, ProcessRow> first = new LinkedHashMap<>();
        processes.forEach(p -> first.putIfAbsent(p.pid(), p));
        return List.copyOf(first.values());
    }

    /** The threads of one process (for a process listing, its one row). */
    public List<ProcessRow> threadsOf(long pid) {
        return processes.stream().filter(p -> p.pid() == pid).toList();
    }

    /**
     * One process (or thread). Fields the invocation did not ask for are empty ({@code ps -ef} has no RSS):
     * never zero.
     *
     * @param pid            process id (of the thread's process, in a thread listing)
     * @param threadId       the thread's id ({@code LWP}, {@code SPID}, {@code TID}) in a thread listing
     * @param threadCount    the process's number of threads ({@code NLWP}, {@code THCNT}), when printed
     * @param depth          the level in a {@code ps auxf}/{@code ps -ef --forest} tree (0 for a root), when drawn
     * @param ppid           parent's process id
     * @param user           owner (name, or number when ps has no name for it)
     * @param state          the STAT/S column ({@code Ss}, {@code R+}, {@code D}, {@code Z}); the first letter is the state
     * @param cpuPercent     ps's %CPU: CPU time over the process's lifetime (not a current sample); ps -ef's {@code C}
     * @param memPercent     resident memory as a share of RAM
     * @param rssBytes       resident set size
     * @param vszBytes       virtual size
     * @param elapsedSeconds time since start ({@code etimes}, or {@code etime}'s {@code [[dd-]hh:]mm:ss})
     * @param tty            controlling terminal, empty for {@code ?}
     * @param started        start time as printed ({@code 20:11}, {@code Oct25})
     * @param cpuTime        accumulated CPU time as printed ({@code 00:00:02}, {@code 0:03})
     * @param comm           the executable name (ps's {@code comm}; may hold spaces), when printed separately
     * @param command        the full command line ({@code args}/{@code COMMAND}/{@code CMD}; {@code [kthreadd]} for kernel threads)
     * @param other          any other columns, by header
     */
    public record ProcessRow(long pid, Optional<Long> threadId, Optional<Integer> threadCount, Optional<Integer> depth,
                             Optional<Long> ppid, Optional<String> user, Optional<String> state,
                             Optional<Double> cpuPercent, Optional<Double> memPercent, Optional<Long> rssBytes,
                             Optional<Long> vszBytes, Optional<Long> elapsedSeconds, Optional<String> tty,
                             Optional<String> started, Optional<String> cpuTime, Optional<String> comm, String command,
                             Map<String, String> other) {

        public ProcessRow {
            other = Map.copyOf(other);
        }

        /** This row at another tree level. */
        ProcessRow atDepth(int level) {
            return new ProcessRow(pid, threadId, threadCount, Optional.of(level), ppid, user, state, cpuPercent, memPercent,
                    rssBytes, vszBytes, elapsedSeconds, tty, started, cpuTime, comm, command, other);
        }

        /** The process state letter (R, S, D, Z, T, I...), from the first character of STAT. */
        public Optional<Character> stateLetter() {
            return state.filter(s -> !s.isEmpty()).map(s -> s.charAt(0));
        }

        /** The name to show: comm when printed, else the command line's first word. */
        public String name() {
            if (comm.isPresent()) {
                return comm.get();
            }
            String first = command.strip().split("\\s+", 2)[0];
            int slash = first.lastIndexOf('/');
            return slash >= 0 && !first.startsWith("[") ? first.substring(slash + 1) : first;
        }
    }

    /** Processes in the given state (first STAT letter), for example 'Z' or 'D'; a process once, whatever its threads. */
    public List<ProcessRow> inState(char letter) {
        Map<Long, ProcessRow> first = new LinkedHashMap<>();
        processes.stream().filter(p -> p.stateLetter().map(c -> c == letter).orElse(false)).forEach(p -> first.putIfAbsent(p.pid(), p));
        return List.copyOf(first.values());
    }

    /** The n processes using the most CPU (ps's lifetime %CPU). */
    public List<ProcessRow> topByCpu(int n) {
        return processes.stream().filter(p -> p.cpuPercent().isPresent())
                .sorted(Comparator.comparingDouble((ProcessRow p) -> p.cpuPercent().get()).reversed()).limit(n).toList();
    }

    /** The n processes with the largest resident set (threads share their process's, so a process counts once). */
    public List<ProcessRow> topByRss(int n) {
        return perProcess().stream().filter(p -> p.rssBytes().isPresent())
                .sorted(Comparator.comparingLong((ProcessRow p) -> p.rssBytes().get()).reversed()).limit(n).toList();
    }
}
