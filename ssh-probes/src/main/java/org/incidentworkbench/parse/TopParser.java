package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code top -b}: summary (load, tasks, CPU split, memory) and process list of the LAST
 * iteration, or the {@code /proc} sections the probe prints where top is missing.
 *
 * <p>Invocation (probe {@code top}, under {@code LC_ALL=C}): {@code top -b -n 1 -w 512}; when top is
 * missing, part {@code ""} is empty and sections {@code /proc/stat}, {@code /proc/meminfo},
 * {@code /proc/loadavg} follow. Sample (procps-ng 4.0.2, Debian 12):
 * <pre>
 * top - 20:11:09 up 40 min,  0 user,  load average: 1.40, 2.61, 1.72
 * Tasks:  11 total,   3 running,   7 sleeping,   0 stopped,   1 zombie
 * %Cpu(s):  0.0 us,100.0 sy,  0.0 ni,  0.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st
 * MiB Mem :  24105.1 total,  23466.9 free,    431.9 used,    507.0 buff/cache
 * MiB Swap:      0.0 total,      0.0 free,      0.0 used.  23673.2 avail Mem
 *
 *     PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
 *       6 root      20   0    2920   1724   1604 R  93.8   0.0   0:02.46 yes
 * </pre>
 *
 * <p>Record: {@link TopReport}. Memory lines are scaled by their prefix ({@code KiB}, {@code MiB},
 * {@code GiB}..., or old top's {@code Mem: 3861332k total}) to bytes; process VIRT/RES/SHR are KiB unless
 * suffixed ({@code 125.1m}, {@code 2.2g}, as {@code top -E}/{@code -e} print). Values glued together when
 * a field is full ({@code 0.0 us,100.0 sy}) are read by pattern, not by splitting. Per-CPU lines
 * ({@code %Cpu0}) are ignored in favour of the total when both exist, else averaged; with {@code top -1} on a
 * wide terminal two CPUs share a line, and Mem shares one with Swap, which is split before reading. {@code /proc/stat}'s
 * CPU split is the average since boot ({@code source} says {@code /proc}).
 *
 * <p>Fields added after COMMAND (field screen, toprc) are read by their fixed positions: right-aligned numbers
 * end at their header's end, left-aligned text ({@code ENVIRON}, {@code SUPGRPS}, {@code WCHAN}...) may hold
 * spaces and runs to the next column, so a value with spaces does not shift the columns after it.
 *
 * <p>The CPU line of a single iteration is dropped with a warning when it claims 100 % idle while the
 * process list shows at least 10 % CPU in use: procps-ng 4.0.2 prints such an empty first frame on this
 * kernel (6.x, Debian 12 VM); the second frame of {@code top -b -n 2 -d 0.5} is a real sample.
 *
 * <p>Checked against procps-ng 4.0.2 (Debian 12) and 3.3.10 (CentOS 7, also {@code -n 3} and GiB units).
 * BSD/macOS top ({@code Processes: ... CPU usage:}) is unrecognised.
 */
public final class TopParser implements OutputParser<TopReport> {

    private static final ParserInfo INFO = new ParserInfo("top",
            List.of("top -b -n 1 -w 512", "top -b", "cat /proc/stat /proc/meminfo /proc/loadavg"),
            List.of("linux"), "CPU split (us, sy, ni, id, wa, hi, si, st), memory, swap, tasks by state, top processes");

    private static final Pattern TASKS = Pattern.compile("(\\d{1,9})\\s+(total|running|sleeping|stopped|zombie)");
    private static final Pattern CPU = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*%?\\s*(us|sy|ni|id|wa|hi|si|st)\\b");
    private static final Pattern MEM = Pattern.compile("(\\d+(?:[.,]\\d+)?)([kKmMgG]?)\\+?\\s+(total|free|used|buff/cache|buffers|cached|avail)");
    private static final Set<String> FREE_TEXT = Set.of("COMMAND");
    /** Where a second summary block starts on the same line: "   %Cpu1  :", "   MiB Swap:". */
    private static final Pattern SIDE_BY_SIDE = Pattern.compile("\\s{2,}(?=%Cpu\\d+\\s*:|[KMGTPE]iB Swap\\s*:)");

    @Override
    public boolean hasData(TopReport value) {
        return value.summary().isPresent() || value.cpu().isPresent() || value.memory().isPresent()
                || !value.processes().isEmpty();
    }

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        List<String> lines = TextTable.nonBlankLines(TextTable.stripPrompt(text));
        if (lines.isEmpty()) {
            return false;
        }
        if (lines.get(0).startsWith("top - ") || BusyBoxTop.recognises(lines)) {
            return true;
        }
        Map<String, String> parts = Sections.split(text);
        return parts.containsKey("/proc/stat") && parts.containsKey("/proc/meminfo");
    }

    @Override
    public ParseOutcome<TopReport> parse(String text) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> parts = Sections.split(TextTable.stripPrompt(text));
        List<String> lines = TextTable.lines(Sections.main(parts));
        List<String> nonBlank = TextTable.nonBlankLines(Sections.main(parts));
        if (BusyBoxTop.recognises(nonBlank)) {
            return BusyBoxTop.parse(nonBlank, warnings);
        }
        if (lines.stream().allMatch(String::isBlank)) {
            if (parts.containsKey("/proc/stat") || parts.containsKey("/proc/meminfo")) {
                return ProcTop.parse(parts, warnings);
            }
            return ParseOutcome.parsed(new TopReport(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), List.of(), "top"));
        }
        int last = -1;
        int iterations = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("top - ")) {
                last = i;
                iterations++;
            }
        }
        if (last < 0) {
            return ParseOutcome.unrecognised("no \"top - \" summary line found; this is not Linux top -b output");
        }
        lines = lines.subList(last, lines.size());
        Optional<UptimeReport> summary = UptimeParser.parseLine(lines.get(0), warnings);
        Optional<TopReport.Tasks> tasks = Optional.empty();
        Optional<CpuSplit> cpu = Optional.empty();
        List<Map<String, Double>> perCpu = new ArrayList<>();
        Map<String, Long> mem = new HashMap<>();
        int i = 1;
        for (; i < lines.size(); i++) {
            if (TextTable.words(lines.get(i)).contains("PID")) {
                break;
            }
            // top -1 on a wide terminal prints two CPUs, and Mem beside Swap, on one line
            for (String part : SIDE_BY_SIDE.split(lines.get(i))) {
                String line = part.strip();
                if (line.startsWith("Tasks:") || line.startsWith("Threads:")) {
                    Map<String, Integer> t = new HashMap<>();
                    Matcher m = TASKS.matcher(line);
                    while (m.find()) {
                        t.put(m.group(2), Integer.parseInt(m.group(1)));
                    }
                    tasks = Optional.of(new TopReport.Tasks(Optional.ofNullable(t.get("total")), Optional.ofNullable(t.get("running")),
                            Optional.ofNullable(t.get("sleeping")), Optional.ofNullable(t.get("stopped")),
                            Optional.ofNullable(t.get("zombie")), Optional.empty()));
                } else if (line.startsWith("%Cpu") || line.startsWith("Cpu")) {
                    Map<String, Double> c = new HashMap<>();
                    Matcher m = CPU.matcher(line);
                    while (m.find()) {
                        c.put(m.group(2), Double.parseDouble(m.group(1).replace(',', '.')));
                    }
                    if (line.startsWith("%Cpu(s)") || line.startsWith("Cpu(s)")) {
                        cpu = Optional.of(split(c));
                    } else {
                        perCpu.add(c);
                    }
                } else if (line.contains("Mem") || line.contains("Swap")) {
                    readMemory(line, mem, warnings);
                }
            }
        }
        if (cpu.isEmpty() && !perCpu.isEmpty()) {
            Map<String, Double> avg = new HashMap<>();
            for (Map<String, Double> c : perCpu) {
                c.forEach((k, v) -> avg.merge(k, v / perCpu.size(), Double::sum));
            }
            cpu = Optional.of(split(avg));
        }
        Optional<TopReport.Memory> memory = mem.isEmpty() ? Optional.empty() : Optional.of(new TopReport.Memory(
                Optional.ofNullable(mem.get("mem.total")), Optional.ofNullable(mem.get("mem.free")),
                Optional.ofNullable(mem.get("mem.used")),
                Optional.ofNullable(mem.get("mem.buff/cache")).or(() -> sum(mem.get("mem.buffers"), mem.get("swap.cached"))),
                Optional.ofNullable(mem.get("swap.avail")),
                Optional.ofNullable(mem.get("swap.total")), Optional.ofNullable(mem.get("swap.free")),
                Optional.ofNullable(mem.get("swap.used"))));
        List<TopReport.TopProcess> processes = i < lines.size()
                ? readProcesses(lines.get(i), lines.subList(i + 1, lines.size()), warnings) : List.of();
        if (iterations == 1 && cpu.isPresent() && cpu.get().idlePercent().orElse(0.0) >= 100.0
                && processes.stream().mapToDouble(p -> p.cpuPercent().orElse(0.0)).sum() >= 10) {
            // procps-ng 4 on some kernels prints an all-idle %Cpu line in the first frame while its own process
            // list shows busy CPUs; an "all idle" CPU split would hide the load, so leave it out and say why
            warnings.add("top's only iteration reports 100 % idle while its processes use "
                    + Math.round(processes.stream().mapToDouble(p -> p.cpuPercent().orElse(0.0)).sum())
                    + " % CPU: the first frame's CPU summary is not a sample, so it was left out (top -b -n 2 -d 0.5 gives a real one)");
            cpu = Optional.empty();
        }
        return ParseOutcome.parsed(new TopReport(summary, tasks, cpu, memory, processes, "top"), warnings);
    }

    private static Optional<Long> sum(Long a, Long b) {
        return a == null || b == null ? Optional.empty() : Optional.of(a + b);
    }

    static CpuSplit split(Map<String, Double> c) {
        return new CpuSplit(Optional.ofNullable(c.get("us")), Optional.ofNullable(c.get("sy")), Optional.ofNullable(c.get("ni")),
                Optional.ofNullable(c.get("id")), Optional.ofNullable(c.get("wa")), Optional.ofNullable(c.get("hi")),
                Optional.ofNullable(c.get("si")), Optional.ofNullable(c.get("st")));
    }

    /**
     * {@code MiB Mem :  24105.1 total, ...} or old {@code Mem:   3861332k total, ...}. The swap line also
     * carries {@code avail Mem} (and old top's {@code cached}), kept under {@code swap.}.
     */
    private static void readMemory(String line, Map<String, Long> mem, List<String> warnings) {
        String prefix = line.substring(0, Math.max(0, line.indexOf(':'))).strip();
        String kind = prefix.contains("Swap") ? "swap." : "mem.";
        long unit = Units.KIB;
        String scale = prefix.split("\\s+")[0].toUpperCase(Locale.ROOT);
        switch (scale) {
            case "MIB" -> unit = Units.MIB;
            case "GIB" -> unit = Units.MIB * Units.KIB;
            case "TIB" -> unit = Units.MIB * Units.MIB;
            case "PIB" -> unit = Units.MIB * Units.MIB * Units.KIB;
            case "EIB" -> unit = Units.MIB * Units.MIB * Units.MIB;
            default -> { }
        }
        Matcher m = MEM.matcher(line.substring(Math.max(0, line.indexOf(':'))));
        while (m.find()) {
            long u = unit;
            switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> u = Units.KIB;
                case "m" -> u = Units.MIB;
                case "g" -> u = Units.MIB * Units.KIB;
                default -> { }
            }
            Optional<Long> bytes = Units.scaledBytes(m.group(1), u, "top " + kind + m.group(3), warnings);
            if (bytes.isPresent()) {
                mem.put(kind + m.group(3), bytes.get());
            }
        }
    }

    /**
     * Fields top prints as left-aligned text padded to a fixed width (the rest are right-aligned numbers): a
     * text value may hold spaces ({@code ENVIRON}, {@code SUPGRPS}) and ends where the next column begins.
     */
    private static final Set<String> LEFT_ALIGNED = Set.of("USER", "RUSER", "SUSER", "GROUP", "TTY", "WCHAN", "Flags", "CGROUPS",
            "SUPGIDS", "SUPGRPS", "ENVIRON", "LXC", "CGNAME", "EXE", "COMMAND", "LOGID");

    /**
     * The columns after COMMAND, by their fixed positions: a right-aligned column's value is the word ending at
     * its header's end; a left-aligned one runs from its header's start to where the next column's value
     * starts, spaces and all. Reading word by word instead shifts every column after a value with spaces.
     */
    static List<String> trailingCells(String row, int from, List<TextTable.Column> columns) {
        List<String> cells = new ArrayList<>();
        int pos = from;
        int[][] spans = new int[columns.size()][];
        for (int k = 0; k < columns.size(); k++) {
            TextTable.Column c = columns.get(k);
            if (!LEFT_ALIGNED.contains(c.name())) {
                spans[k] = wordEndingAt(row, pos, c.end());
                if (spans[k] != null) {
                    pos = spans[k][1];
                }
            } else {
                spans[k] = new int[] {Math.max(pos, Math.min(row.length(), c.start())), -1};
                pos = spans[k][0];
            }
        }
        for (int k = 0; k < columns.size(); k++) {
            if (spans[k] == null) {
                cells.add("");
                continue;
            }
            int start = spans[k][0];
            int end = spans[k][1];
            if (end < 0) {
                end = row.length();
                for (int j = k + 1; j < columns.size(); j++) {
                    if (spans[j] != null) {
                        end = spans[j][0];
                        break;
                    }
                }
            }
            cells.add(start >= end ? "" : row.substring(start, Math.min(end, row.length())).strip());
        }
        return cells;
    }

    /** The word of {@code row} after {@code from} that covers position {@code end - 1}, else the last one ending before it. */
    private static int[] wordEndingAt(String row, int from, int end) {
        int[] best = null;
        int i = TextTable.skipSpaces(row, from);
        while (i < row.length()) {
            int e = TextTable.skipWord(row, i);
            if (i < end) {
                best = new int[] {i, e};
            }
            if (e >= end || i >= end) {
                break;
            }
            i = TextTable.skipSpaces(row, e);
        }
        return best;
    }

    private static List<TopReport.TopProcess> readProcesses(String headerLine, List<String> rows, List<String> warnings) {
        List<TextTable.Column> all = TextTable.columns(headerLine);
        int cmd = -1;
        for (int k = 0; k < all.size(); k++) {
            if (FREE_TEXT.contains(all.get(k).name())) {
                cmd = k;
            }
        }
        // with extra fields (top -w and field management) COMMAND is padded to a fixed width and more
        // columns follow, some with spaces: cut each row after COMMAND and read the rest word by word
        List<TextTable.Column> header = cmd >= 0 ? all.subList(0, cmd + 1) : all;
        List<TextTable.Column> trailing = cmd >= 0 ? all.subList(cmd + 1, all.size()) : List.of();
        boolean[] free = new boolean[header.size()];
        for (int k = 0; k < header.size(); k++) {
            free[k] = FREE_TEXT.contains(header.get(k).name());
        }
        List<TopReport.TopProcess> out = new ArrayList<>();
        for (String full : rows) {
            if (full.isBlank()) {
                continue;
            }
            String row = full;
            List<String> tailCells = List.of();
            if (!trailing.isEmpty()) {
                int cut = Math.min(full.length(), trailing.get(0).start());
                while (cut > header.get(cmd).start() + 1 && !Character.isWhitespace(full.charAt(cut - 1))) {
                    cut--;
                }
                row = full.substring(0, cut);
                tailCells = trailingCells(full, cut, trailing);
            }
            List<String> cells = new ArrayList<>(TextTable.splitByHeader(row, header, free));
            for (int k = 0; k < trailing.size(); k++) {
                cells.add(k < tailCells.size() ? tailCells.get(k) : "");
            }
            Map<String, String> v = new HashMap<>();
            Map<String, String> other = new HashMap<>();
            for (int k = 0; k < all.size(); k++) {
                String name = all.get(k).name();
                switch (name) {
                    case "PID", "USER", "PR", "NI", "VIRT", "RES", "SHR", "S", "%CPU", "%MEM", "TIME+", "COMMAND" -> v.put(name, cells.get(k));
                    default -> other.put(name, cells.get(k));
                }
            }
            Optional<Long> pid = Units.longValue(v.get("PID"), "top PID", warnings);
            if (pid.isEmpty()) {
                warnings.add("top line \"" + row.strip() + "\" has no PID; skipped");
                continue;
            }
            String at = "top " + pid.get() + ": ";
            out.add(new TopReport.TopProcess(pid.get(), Units.text(v.get("USER")), Units.text(v.get("PR")),
                    Units.intValue(v.get("NI"), at + "NI", warnings),
                    Units.humanBytes(v.get("VIRT"), Units.KIB, at + "VIRT", warnings),
                    Units.humanBytes(v.get("RES"), Units.KIB, at + "RES", warnings),
                    Units.humanBytes(v.get("SHR"), Units.KIB, at + "SHR", warnings),
                    Units.text(v.get("S")), Units.doubleValue(v.get("%CPU"), at + "%CPU", warnings),
                    Units.doubleValue(v.get("%MEM"), at + "%MEM", warnings), Units.text(v.get("TIME+")),
                    v.getOrDefault("COMMAND", "").strip(), other));
        }
        return out;
    }
}
