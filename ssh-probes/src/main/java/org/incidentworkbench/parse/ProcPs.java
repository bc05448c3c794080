package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ps probe's {@code /proc} variant (BusyBox or no ps): the same {@link PsReport} rows as procps' ps,
 * from {@code /proc/PID/stat} read twice (each read preceded by {@code /proc/uptime}'s line), {@code status}
 * ({@code Uid:} and {@code VmRSS:} lines as {@code grep} prints them for many files), {@code cmdline}
 * ({@code head -c} of many files, NULs turned into spaces), MemTotal and {@code NAME:UID} pairs. Stateless.
 *
 * <pre>
 * #### iw-section: /proc/[pid]/stat 1
 * 23930.32 36515.60
 * 1 (init) S 0 1 1 0 -1 4194560 ... 0 0 20 0 1 0 11 4505600 812 ...
 * #### iw-section: /proc/[pid]/stat 2
 * ...
 * #### iw-section: /proc/[pid]/status
 * /proc/1/status:Uid:	0	0	0	0
 * /proc/1/status:VmRSS:	    3248 kB
 * #### iw-section: /proc/[pid]/cmdline
 * ==&gt; /proc/1/cmdline &lt;==
 * /sbin/init splash
 * </pre>
 *
 * <p>CPU % is the share of one CPU between the two reads (as top shows it, not ps's lifetime average);
 * times are in clock ticks of {@code USER_HZ}, which is 100 on every Linux architecture that has a
 * {@code /proc} this probe reads (x86, ARM, POWER, s390, RISC-V).
 */
final class ProcPs {

    static final String STAT_1 = "/proc/[pid]/stat 1";
    static final String STAT_2 = "/proc/[pid]/stat 2";
    private static final double USER_HZ = 100.0;
    private static final Pattern STATUS = Pattern.compile("^/proc/(\\d{1,18})/status:(Uid|VmRSS):\\s+(\\d{1,18})");
    private static final Pattern CMDLINE = Pattern.compile("^==> /proc/(\\d{1,18})/cmdline <==$");

    private ProcPs() {
    }

    /** One read of every stat file, with the uptime at its start. */
    private record Sample(double uptime, Map<Long, Stat> stats) {
    }

    /** The fields of one stat line this probe uses. */
    private record Stat(long pid, String comm, String state, long ppid, long ticks, int threads, long startTicks, long vszBytes) {
    }

    static boolean applies(Map<String, String> parts) {
        return parts.containsKey(STAT_1) || parts.containsKey(STAT_2);
    }

    static ParseOutcome<PsReport> parse(Map<String, String> parts, List<String> warnings) {
        Optional<Sample> first = sample(parts.get(STAT_1), warnings);
        Optional<Sample> second = sample(parts.get(STAT_2), warnings);
        Optional<Sample> last = second.or(() -> first);
        if (last.isEmpty()) {
            return ParseOutcome.unrecognised("the /proc/[pid]/stat sections hold no uptime line and no process");
        }
        double interval = first.isPresent() && second.isPresent() ? second.get().uptime() - first.get().uptime() : 0;
        if (second.isEmpty() || interval <= 0) {
            warnings.add("/proc/[pid]/stat was read once: no CPU % without two reads");
        }
        Map<Long, Long> uids = new HashMap<>();
        Map<Long, Long> rssKib = new HashMap<>();
        for (String line : TextTable.nonBlankLines(parts.getOrDefault("/proc/[pid]/status", ""))) {
            Matcher m = STATUS.matcher(line);
            if (m.find()) {
                (m.group(2).equals("Uid") ? uids : rssKib).put(Long.parseLong(m.group(1)), Long.parseLong(m.group(3)));
            }
        }
        Map<Long, String> cmdlines = cmdlines(parts.getOrDefault("/proc/[pid]/cmdline", ""));
        Map<Long, String> users = new HashMap<>();
        for (String line : TextTable.nonBlankLines(parts.getOrDefault("/etc/passwd", ""))) {
            String[] f = line.strip().split(":");
            if (f.length == 2 && f[1].matches("\\d{1,18}")) {
                users.putIfAbsent(Long.parseLong(f[1]), f[0]);
            }
        }
        Long memTotalBytes = null;
        for (String line : TextTable.nonBlankLines(parts.getOrDefault("/proc/meminfo", ""))) {
            List<String> w = TextTable.words(line);
            if (w.size() >= 2 && w.get(0).equals("MemTotal:")) {
                memTotalBytes = Units.longValue(w.get(1), "/proc/meminfo MemTotal", warnings).map(k -> k * Units.KIB).orElse(null);
            }
        }
        Optional<Long> memTotal = Optional.ofNullable(memTotalBytes);
        List<PsReport.ProcessRow> rows = new ArrayList<>();
        Map<Long, Stat> before = first.map(Sample::stats).orElse(Map.of());
        double now = last.get().uptime();
        for (Stat s : last.get().stats().values()) {
            Optional<Double> cpu = Optional.empty();
            Stat b = before.get(s.pid());
            if (b != null && interval > 0 && b.startTicks() == s.startTicks()) {
                cpu = Optional.of(round1(100.0 * Math.max(0, s.ticks() - b.ticks()) / (interval * USER_HZ)));
            }
            Optional<Long> rss = Optional.ofNullable(rssKib.get(s.pid())).map(k -> k * Units.KIB)
                    .or(() -> s.vszBytes() == 0 ? Optional.of(0L) : Optional.empty()); // kernel threads have no VmRSS
            Optional<Double> mem = rss.flatMap(r -> memTotalShare(r, memTotal));
            Optional<String> user = Optional.ofNullable(uids.get(s.pid())).map(u -> users.getOrDefault(u, String.valueOf(u)));
            String cmdline = cmdlines.getOrDefault(s.pid(), "").strip();
            String command = cmdline.isEmpty() ? "[" + s.comm() + "]" : cmdline;
            long elapsed = Math.max(0, Math.round(now - s.startTicks() / USER_HZ));
            rows.add(new PsReport.ProcessRow(s.pid(), Optional.empty(), Optional.of(s.threads()), Optional.empty(),
                    Optional.of(s.ppid()), user, Optional.of(s.state()), cpu, mem, rss,
                    Optional.of(s.vszBytes()), Optional.of(elapsed), Optional.empty(), Optional.empty(),
                    Optional.of(cpuTime(s.ticks())), Optional.of(s.comm()), command, Map.of()));
        }
        return ParseOutcome.parsed(new PsReport(rows, false, PsReport.PROC_SAMPLED), warnings);
    }

    private static Optional<Double> memTotalShare(long rss, Optional<Long> total) {
        return total.filter(t -> t > 0).map(t -> round1(100.0 * rss / t));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** {@code M:SS} of CPU time, as BusyBox and BSD ps print TIME. */
    private static String cpuTime(long ticks) {
        long seconds = Math.round(ticks / USER_HZ);
        return seconds / 60 + ":" + String.format(java.util.Locale.ROOT, "%02d", seconds % 60);
    }

    private static Optional<Sample> sample(String text, List<String> warnings) {
        if (text == null) {
            return Optional.empty();
        }
        List<String> lines = TextTable.nonBlankLines(text);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<String> up = TextTable.words(lines.get(0));
        Optional<Double> uptime = up.size() == 2 ? Units.doubleValue(up.get(0), "/proc/uptime", warnings) : Optional.empty();
        if (uptime.isEmpty()) {
            warnings.add("a /proc/[pid]/stat section does not start with /proc/uptime's line; skipped");
            return Optional.empty();
        }
        Map<Long, Stat> stats = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            stat(line).ifPresentOrElse(s -> stats.put(s.pid(), s),
                    () -> warnings.add("/proc/[pid]/stat line \"" + abbreviate(line) + "\" not understood; skipped"));
        }
        return Optional.of(new Sample(uptime.get(), stats));
    }

    /** {@code pid (comm) state ppid ...}: comm may hold spaces and parentheses, so the last ')' ends it. */
    private static Optional<Stat> stat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            return Optional.empty();
        }
        String pid = line.substring(0, open).strip();
        String[] f = line.substring(close + 1).strip().split("\\s+");
        // after the comm: state(0) ppid(1) ... utime(11) stime(12) ... num_threads(17) starttime(19) vsize(20)
        if (!pid.matches("\\d{1,18}") || f.length < 21) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stat(Long.parseLong(pid), line.substring(open + 1, close), f[0], Long.parseLong(f[1]),
                    Long.parseLong(f[11]) + Long.parseLong(f[12]), Integer.parseInt(f[17]), Long.parseLong(f[19]),
                    Long.parseLong(f[20])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code head -c} of many files: {@code ==> /proc/PID/cmdline <==} before each, a blank line between. */
    private static Map<Long, String> cmdlines(String text) {
        Map<Long, String> out = new HashMap<>();
        Long pid = null;
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher m = CMDLINE.matcher(line);
            if (m.matches()) {
                if (pid != null) {
                    out.put(pid, current.toString());
                }
                pid = Long.parseLong(m.group(1));
                current = new StringBuilder();
            } else if (pid != null) {
                current.append(current.length() > 0 ? " " : "").append(line);
            }
        }
        if (pid != null) {
            out.put(pid, current.toString());
        }
        return out;
    }

    private static String abbreviate(String line) {
        String s = line.strip();
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
