package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Parses the {@code kernel} probe's text: {@code /proc} files printed in sections, the counters twice (sample
 * {@code 1}, one second's sleep, sample {@code 2}), the gauges once.
 *
 * <p>Invocation (probe {@code kernel}; the fragment keeps only the lines read, with shell builtins):
 * <pre>
 * #### iw-section: 1 /proc/uptime
 * 23977.36 36562.38
 * #### iw-section: 1 /proc/stat            (only the cpu and procs_ lines)
 * cpu  1007993 9055 106386 3656238 1332 0 1028 2416 0 0
 * cpu0 507027 4110 50013 1829521 283 0 199 1191 0 0
 * procs_running 5
 * procs_blocked 0
 * #### iw-section: 1 /proc/vmstat          (pswpin, pswpout, pgmajfault, oom_kill)
 * #### iw-section: 1 /proc/net/snmp        (the two Tcp: lines)
 * #### iw-section: 1 /proc/net/netstat     (the two TcpExt: lines)
 * #### iw-section: 1 /proc/net/dev
 * #### iw-section: 2 /proc/uptime          (and the same five again, a second later)
 * #### iw-section: /proc/loadavg
 * #### iw-section: /proc/sys/fs/file-nr
 * #### iw-section: /proc/pressure/cpu      (and memory, io: only where the kernel has PSI)
 * some avg10=80.76 avg60=44.53 avg300=18.81 total=4496232998
 * #### iw-section: cgroup memory
 * /sys/fs/cgroup/system.slice/web.service/memory.events oom_kill 2
 * files 11
 * </pre>
 *
 * <p>Record: {@link KernelReport}. Checked on Linux 6.18 (Debian 12 userland). A counter seen in one sample
 * only keeps its total and has no delta; a counter that went down (a reset, a re-created interface) has no
 * delta either. A file that is absent is absent from the record; a line that does not read adds a warning.
 * Text with none of these sections is unrecognised.
 */
public final class KernelParser implements OutputParser<KernelReport> {

    private static final ParserInfo INFO = new ParserInfo("kernel",
            List.of("cat /proc/stat /proc/vmstat /proc/net/snmp /proc/net/netstat /proc/net/dev", "cat /proc/loadavg",
                    "cat /proc/sys/fs/file-nr", "cat /proc/pressure/cpu /proc/pressure/memory /proc/pressure/io"),
            List.of("linux"), "run queue, per-CPU busy, pressure stalls, TCP retransmits and listen overflows, "
            + "interface errors, file handles, swapping, cgroup OOM kills");

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        return text.contains(Sections.marker("1 /proc/stat")) || text.contains(Sections.marker("/proc/sys/fs/file-nr"));
    }

    @Override
    public ParseOutcome<KernelReport> parse(String text) {
        Map<String, String> parts = Sections.split(text);
        List<String> warnings = new ArrayList<>();
        boolean any = parts.keySet().stream().anyMatch(k -> k.contains("/proc/"));
        if (!any && !text.isBlank()) {
            return ParseOutcome.unrecognised("no /proc section (#### iw-section: 1 /proc/stat ...) in the text");
        }
        Optional<Double> up1 = uptime(parts.get("1 /proc/uptime"), warnings);
        Optional<Double> up2 = uptime(parts.get("2 /proc/uptime"), warnings);
        Optional<Double> interval = up1.flatMap(a -> up2.map(b -> b - a)).filter(d -> d > 0);
        Stat s1 = stat(parts.get("1 /proc/stat"), warnings);
        Stat s2 = stat(parts.get("2 /proc/stat"), warnings);
        Stat latest = s2.cpus.isEmpty() ? s1 : s2;
        List<KernelReport.CpuShare> perCpu = new ArrayList<>();
        Optional<KernelReport.CpuShare> all = Optional.empty();
        for (Map.Entry<String, long[]> e : s2.cpus.entrySet()) {
            long[] before = s1.cpus.get(e.getKey());
            if (before == null) {
                continue;
            }
            Optional<KernelReport.CpuShare> share = share(e.getKey(), before, e.getValue());
            if (e.getKey().equals("cpu")) {
                all = share;
            } else {
                share.ifPresent(perCpu::add);
            }
        }
        int cpus = (int) latest.cpus.keySet().stream().filter(k -> !k.equals("cpu")).count();
        List<Integer> running = new ArrayList<>();
        List<Integer> blocked = new ArrayList<>();
        for (Stat s : List.of(s1, s2)) {
            s.running.ifPresent(running::add);
            s.blocked.ifPresent(blocked::add);
        }
        Map<String, Counter2> tcp = new LinkedHashMap<>();
        for (String file : List.of("/proc/net/snmp", "/proc/net/netstat")) {
            pairs(parts.get("1 " + file), warnings).forEach((k, v) -> tcp.computeIfAbsent(k, x -> new Counter2()).first = v);
            pairs(parts.get("2 " + file), warnings).forEach((k, v) -> tcp.computeIfAbsent(k, x -> new Counter2()).second = v);
        }
        Map<String, Counter2> vm = new LinkedHashMap<>();
        keyValues(parts.get("1 /proc/vmstat"), warnings).forEach((k, v) -> vm.computeIfAbsent(k, x -> new Counter2()).first = v);
        keyValues(parts.get("2 /proc/vmstat"), warnings).forEach((k, v) -> vm.computeIfAbsent(k, x -> new Counter2()).second = v);
        List<KernelReport.Interface> interfaces = interfaces(netDev(parts.get("1 /proc/net/dev"), warnings),
                netDev(parts.get("2 /proc/net/dev"), warnings));
        List<KernelReport.Pressure> pressure = new ArrayList<>();
        for (String resource : List.of("cpu", "memory", "io")) {
            String p = parts.get("/proc/pressure/" + resource);
            if (p != null) {
                pressure.add(pressure(resource, p, warnings));
            }
        }
        KernelReport report = new KernelReport(interval, up2.or(() -> up1), cpus == 0 ? Optional.empty() : Optional.of(cpus),
                running, blocked, all, perCpu, loadavg(parts.get("/proc/loadavg"), warnings), pressure, counters(tcp),
                interfaces, fileNr(parts.get("/proc/sys/fs/file-nr"), warnings), counters(vm),
                cgroups(parts.get("cgroup memory"), warnings));
        return ParseOutcome.parsed(report, warnings);
    }

    /** A counter's two readings while parsing. */
    private static final class Counter2 {
        Long first;
        Long second;

        KernelReport.Counter counter() {
            long total = second != null ? second : first;
            Optional<Long> delta = first != null && second != null && second >= first ? Optional.of(second - first) : Optional.empty();
            return new KernelReport.Counter(total, delta);
        }
    }

    private static Map<String, KernelReport.Counter> counters(Map<String, Counter2> raw) {
        Map<String, KernelReport.Counter> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, v.counter()));
        return out;
    }

    private static Optional<Double> uptime(String part, List<String> warnings) {
        if (part == null || part.isBlank()) {
            return Optional.empty();
        }
        return Units.doubleValue(TextTable.words(part.strip()).get(0), "/proc/uptime", warnings);
    }

    /** The cpu lines (by name, in order) and the procs_ lines of one /proc/stat sample. */
    private record Stat(Map<String, long[]> cpus, Optional<Integer> running, Optional<Integer> blocked) {
    }

    private static Stat stat(String part, List<String> warnings) {
        Map<String, long[]> cpus = new LinkedHashMap<>();
        Optional<Integer> running = Optional.empty();
        Optional<Integer> blocked = Optional.empty();
        if (part == null) {
            return new Stat(cpus, running, blocked);
        }
        for (String line : TextTable.nonBlankLines(part)) {
            List<String> w = TextTable.words(line);
            if (w.get(0).startsWith("cpu") && w.size() >= 5) {
                long[] v = new long[8];
                boolean ok = true;
                for (int i = 0; i < 8 && i + 1 < w.size(); i++) {
                    try {
                        v[i] = Long.parseLong(w.get(i + 1));
                    } catch (NumberFormatException e) {
                        ok = false;
                    }
                }
                if (ok) {
                    cpus.put(w.get(0), v);
                } else {
                    warnings.add("/proc/stat line \"" + line + "\" is not a cpu line of numbers; ignored");
                }
            } else if (w.get(0).equals("procs_running") && w.size() == 2) {
                running = Units.intValue(w.get(1), "procs_running", warnings);
            } else if (w.get(0).equals("procs_blocked") && w.size() == 2) {
                blocked = Units.intValue(w.get(1), "procs_blocked", warnings);
            }
        }
        return new Stat(cpus, running, blocked);
    }

    /** user nice system idle iowait irq softirq steal (guest time is already inside user). */
    private static Optional<KernelReport.CpuShare> share(String cpu, long[] a, long[] b) {
        long[] d = new long[8];
        long total = 0;
        for (int i = 0; i < 8; i++) {
            d[i] = Math.max(0, b[i] - a[i]);
            total += d[i];
        }
        if (total == 0) {
            return Optional.empty();
        }
        double t = total;
        double user = 100 * (d[0] + d[1]) / t;
        double system = 100 * d[2] / t;
        double iowait = 100 * d[4] / t;
        double irq = 100 * (d[5] + d[6]) / t;
        double steal = 100 * d[7] / t;
        return Optional.of(new KernelReport.CpuShare(cpu, user + system + irq, user, system, iowait, irq, steal));
    }

    /** {@code Tcp: Name...} then {@code Tcp: value...}: each name as {@code Tcp.Name}. */
    private static Map<String, Long> pairs(String part, List<String> warnings) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (part == null) {
            return out;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : TextTable.nonBlankLines(part)) {
            List<String> w = TextTable.words(line);
            String group = w.get(0).endsWith(":") ? w.get(0).substring(0, w.get(0).length() - 1) : w.get(0);
            List<String> names = headers.remove(group);
            if (names == null) {
                headers.put(group, w.subList(1, w.size()));
                continue;
            }
            if (names.size() != w.size() - 1) {
                warnings.add(group + " has " + names.size() + " names but " + (w.size() - 1) + " values; ignored");
                continue;
            }
            for (int i = 0; i < names.size(); i++) {
                try {
                    out.put(group + "." + names.get(i), Long.parseLong(w.get(i + 1)));
                } catch (NumberFormatException e) {
                    // Tcp.MaxConn is -1 (no limit) and reads; anything else that is not a number is not a counter
                    warnings.add(group + "." + names.get(i) + " is \"" + w.get(i + 1) + "\", not a number; left out");
                }
            }
        }
        return out;
    }

    private static Map<String, Long> keyValues(String part, List<String> warnings) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (part == null) {
            return out;
        }
        for (String line : TextTable.nonBlankLines(part)) {
            List<String> w = TextTable.words(line);
            if (w.size() == 2) {
                Units.longValue(w.get(1), w.get(0), warnings).ifPresent(v -> out.put(w.get(0), v));
            }
        }
        return out;
    }

    private static Map<String, long[]> netDev(String part, List<String> warnings) {
        Map<String, long[]> out = new LinkedHashMap<>();
        if (part == null) {
            return out;
        }
        for (String line : TextTable.nonBlankLines(part)) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) {
                continue; // the two header lines
            }
            String name = line.substring(0, colon).strip();
            // old kernels print "eth0:12345" with no space after the colon
            List<String> w = TextTable.words(line.substring(colon + 1));
            if (w.size() < 16) {
                warnings.add("/proc/net/dev line for " + name + " has " + w.size() + " numbers, not 16; ignored");
                continue;
            }
            long[] v = new long[16];
            try {
                for (int i = 0; i < 16; i++) {
                    v[i] = Long.parseLong(w.get(i));
                }
                out.put(name, v);
            } catch (NumberFormatException e) {
                warnings.add("/proc/net/dev line for " + name + " is not numbers; ignored");
            }
        }
        return out;
    }

    private static List<KernelReport.Interface> interfaces(Map<String, long[]> first, Map<String, long[]> second) {
        Map<String, long[]> latest = second.isEmpty() ? first : second;
        List<KernelReport.Interface> out = new ArrayList<>();
        latest.forEach((name, v) -> {
            long[] before = second.isEmpty() ? null : first.get(name);
            BiFunction<Integer, Integer, KernelReport.Counter> c = (i, unused) -> new KernelReport.Counter(v[i],
                    before != null && v[i] >= before[i] ? Optional.of(v[i] - before[i]) : Optional.empty());
            // receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes packets errs drop ...
            out.add(new KernelReport.Interface(name, c.apply(0, 0), c.apply(1, 0), c.apply(2, 0), c.apply(3, 0),
                    c.apply(8, 0), c.apply(9, 0), c.apply(10, 0), c.apply(11, 0)));
        });
        return out;
    }

    private static Optional<KernelReport.LoadAverage> loadavg(String part, List<String> warnings) {
        if (part == null || part.isBlank()) {
            return Optional.empty();
        }
        List<String> w = TextTable.words(part.strip());
        String[] rt = w.size() >= 4 ? w.get(3).split("/") : new String[0];
        if (w.size() < 4 || rt.length != 2) {
            warnings.add("/proc/loadavg is \"" + part.strip() + "\", not \"L1 L5 L15 R/T PID\"; ignored");
            return Optional.empty();
        }
        try {
            return Optional.of(new KernelReport.LoadAverage(Double.parseDouble(w.get(0)), Double.parseDouble(w.get(1)),
                    Double.parseDouble(w.get(2)), Integer.parseInt(rt[0]), Integer.parseInt(rt[1])));
        } catch (NumberFormatException e) {
            warnings.add("/proc/loadavg is \"" + part.strip() + "\", not numbers; ignored");
            return Optional.empty();
        }
    }

    private static Optional<KernelReport.FileHandles> fileNr(String part, List<String> warnings) {
        if (part == null || part.isBlank()) {
            return Optional.empty();
        }
        List<String> w = TextTable.words(part.strip());
        try {
            if (w.size() == 3) {
                return Optional.of(new KernelReport.FileHandles(Long.parseLong(w.get(0)), Long.parseLong(w.get(1)),
                        Long.parseLong(w.get(2))));
            }
        } catch (NumberFormatException e) {
            // falls through to the warning
        }
        warnings.add("/proc/sys/fs/file-nr is \"" + part.strip() + "\", not \"ALLOCATED UNUSED MAX\"; ignored");
        return Optional.empty();
    }

    private static KernelReport.Pressure pressure(String resource, String part, List<String> warnings) {
        Optional<KernelReport.Stall> some = Optional.empty();
        Optional<KernelReport.Stall> full = Optional.empty();
        for (String line : TextTable.nonBlankLines(part)) {
            List<String> w = TextTable.words(line);
            Map<String, String> kv = new LinkedHashMap<>();
            for (String f : w.subList(1, w.size())) {
                int eq = f.indexOf('=');
                if (eq > 0) {
                    kv.put(f.substring(0, eq), f.substring(eq + 1));
                }
            }
            Optional<KernelReport.Stall> stall;
            try {
                stall = Optional.of(new KernelReport.Stall(Double.parseDouble(kv.get("avg10")), Double.parseDouble(kv.get("avg60")),
                        Double.parseDouble(kv.get("avg300")), Long.parseLong(kv.get("total"))));
            } catch (RuntimeException e) {
                warnings.add("/proc/pressure/" + resource + " line \"" + line + "\" is not \"some avg10=.. avg60=.. avg300=.. total=..\"; ignored");
                continue;
            }
            if (w.get(0).equals("some")) {
                some = stall;
            } else if (w.get(0).equals("full")) {
                full = stall;
            }
        }
        return new KernelReport.Pressure(resource, some, full);
    }

    private static Optional<KernelReport.CgroupOoms> cgroups(String part, List<String> warnings) {
        if (part == null) {
            return Optional.empty();
        }
        Map<String, long[]> byFile = new LinkedHashMap<>(); // oom_kill, oom (-1: none), under_oom
        int files = -1;
        for (String line : TextTable.nonBlankLines(part)) {
            List<String> w = TextTable.words(line);
            if (w.size() == 2 && w.get(0).equals("files")) {
                files = Units.intValue(w.get(1), "cgroup files read", warnings).orElse(-1);
                continue;
            }
            if (w.size() < 3) {
                warnings.add("cgroup line \"" + line + "\" is not \"FILE KEY VALUE\"; ignored");
                continue;
            }
            // a cgroup path may hold spaces: the key and value are the last two words
            String key = w.get(w.size() - 2);
            String file = line.strip().substring(0, line.strip().lastIndexOf(key)).strip();
            Optional<Long> value = Units.longValue(w.get(w.size() - 1), file + " " + key, warnings);
            long[] v = byFile.computeIfAbsent(file, f -> new long[] {0, -1, 0});
            value.ifPresent(n -> {
                switch (key) {
                    case "oom_kill" -> v[0] = n;
                    case "oom" -> v[1] = n;
                    case "under_oom" -> v[2] = n;
                    default -> warnings.add("cgroup counter " + key + " is not read; ignored");
                }
            });
        }
        if (files < 0) {
            // find was missing or the section was cut: the tree was not read
            return Optional.empty();
        }
        List<KernelReport.CgroupOom> counted = new ArrayList<>();
        byFile.forEach((file, v) -> {
            boolean v2 = file.endsWith("/memory.events");
            String dir = file.substring(0, Math.max(0, file.lastIndexOf('/')));
            counted.add(new KernelReport.CgroupOom(dir.isEmpty() ? "/" : dir, v2 ? "v2" : "v1", v[0],
                    v2 ? Optional.of(Math.max(0, v[1])) : Optional.empty(), v[2] > 0));
        });
        return Optional.of(new KernelReport.CgroupOoms(files, counted));
    }
}
