package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The top probe's fallback where procps' {@code top} is missing: the summary rebuilt from
 * {@code /proc/stat} (CPU split since boot, running and blocked tasks), {@code /proc/meminfo} (memory
 * as top computes it: buff/cache = Buffers + Cached + SReclaimable, used = total - free - buff/cache)
 * and {@code /proc/loadavg}. Stateless.
 *
 * <pre>
 * #### iw-section: /proc/stat
 * cpu  10132153 290696 3084719 46828483 16683 0 25195 0 0 0
 * procs_running 2
 * procs_blocked 0
 * #### iw-section: /proc/meminfo
 * MemTotal:       24683656 kB
 * MemAvailable:   23998820 kB
 * </pre>
 */
final class ProcTop {

    private ProcTop() {
    }

    static ParseOutcome<TopReport> parse(Map<String, String> parts, List<String> warnings) {
        Optional<CpuSplit> cpu = Optional.empty();
        Integer running = null;
        Integer blocked = null;
        // two reads (the probe's fallback since this change): the split over the interval between them
        long[] first = cpuTicks(parts.getOrDefault("/proc/stat", ""), warnings);
        long[] second = cpuTicks(parts.getOrDefault("/proc/stat 2", ""), warnings);
        boolean sampled = first != null && second != null;
        long[] v = sampled ? new long[8] : first;
        if (sampled) {
            for (int i = 0; i < 8; i++) {
                v[i] = Math.max(0, second[i] - first[i]);
            }
        }
        if (v != null) {
            long total = java.util.Arrays.stream(v).sum();
            if (total > 0) {
                double t = total;
                cpu = Optional.of(new CpuSplit(Optional.of(100 * v[0] / t), Optional.of(100 * v[2] / t),
                        Optional.of(100 * v[1] / t), Optional.of(100 * v[3] / t), Optional.of(100 * v[4] / t),
                        Optional.of(100 * v[5] / t), Optional.of(100 * v[6] / t), Optional.of(100 * v[7] / t)));
            }
        }
        for (String line : TextTable.nonBlankLines(parts.getOrDefault(sampled ? "/proc/stat 2" : "/proc/stat", ""))) {
            List<String> w = TextTable.words(line);
            if (w.get(0).equals("cpu")) {
                continue;
            } else if (w.get(0).equals("procs_running") && w.size() > 1) {
                running = Units.intValue(w.get(1), "/proc/stat procs_running", warnings).orElse(null);
            } else if (w.get(0).equals("procs_blocked") && w.size() > 1) {
                blocked = Units.intValue(w.get(1), "/proc/stat procs_blocked", warnings).orElse(null);
            }
        }
        Map<String, Long> mi = new HashMap<>();
        for (String line : TextTable.nonBlankLines(parts.getOrDefault("/proc/meminfo", ""))) {
            List<String> w = TextTable.words(line);
            if (w.size() >= 2 && w.get(0).endsWith(":")) {
                String key = w.get(0).substring(0, w.get(0).length() - 1);
                Units.longValue(w.get(1), "/proc/meminfo " + key, warnings)
                        .ifPresent(n -> mi.put(key, w.size() > 2 && w.get(2).equals("kB") ? n * Units.KIB : n));
            }
        }
        Optional<TopReport.Memory> memory = Optional.empty();
        if (mi.containsKey("MemTotal")) {
            long total = mi.get("MemTotal");
            long free = mi.getOrDefault("MemFree", 0L);
            long buffCache = mi.getOrDefault("Buffers", 0L) + mi.getOrDefault("Cached", 0L) + mi.getOrDefault("SReclaimable", 0L);
            Optional<Long> swapTotal = Optional.ofNullable(mi.get("SwapTotal"));
            Optional<Long> swapFree = Optional.ofNullable(mi.get("SwapFree"));
            memory = Optional.of(new TopReport.Memory(Optional.of(total), Optional.ofNullable(mi.get("MemFree")),
                    Optional.of(Math.max(0, total - free - buffCache)), Optional.of(buffCache),
                    Optional.ofNullable(mi.get("MemAvailable")), swapTotal, swapFree,
                    swapTotal.flatMap(t -> swapFree.map(f -> t - f))));
        }
        Optional<UptimeReport> summary = Optional.empty();
        String loadavg = parts.get("/proc/loadavg");
        Integer total = null;
        if (loadavg != null && !loadavg.isBlank()) {
            ParseOutcome<UptimeReport> up = new UptimeParser().parse(Sections.marker("/proc/loadavg") + "\n" + loadavg);
            if (up instanceof ParseOutcome.Parsed<UptimeReport> p) {
                summary = Optional.of(p.value());
                warnings.addAll(p.warnings());
                total = p.value().totalEntities().orElse(null);
            }
        }
        Optional<TopReport.Tasks> tasks = running == null && blocked == null && total == null ? Optional.empty()
                : Optional.of(new TopReport.Tasks(Optional.ofNullable(total), Optional.ofNullable(running), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.ofNullable(blocked)));
        if (cpu.isEmpty() && memory.isEmpty() && summary.isEmpty()) {
            return ParseOutcome.unrecognised("the /proc sections hold no cpu line, no MemTotal and no load average");
        }
        return ParseOutcome.parsed(new TopReport(summary, tasks, cpu, memory, List.of(), sampled ? SAMPLED : "/proc"),
                new ArrayList<>(warnings));
    }

    /** The source of a report whose CPU split is over the probe's half second, not since boot. */
    static final String SAMPLED = "/proc sampled";

    /** The aggregate {@code cpu} line's first eight counters, or null when there is none. */
    private static long[] cpuTicks(String stat, List<String> warnings) {
        for (String line : TextTable.nonBlankLines(stat)) {
            List<String> w = TextTable.words(line);
            if (w.get(0).equals("cpu") && w.size() >= 5) {
                long[] v = new long[8];
                for (int i = 0; i < 8 && i + 1 < w.size(); i++) {
                    v[i] = Units.longValue(w.get(i + 1), "/proc/stat cpu field " + (i + 1), warnings).orElse(0L);
                }
                return v;
            }
        }
        return null;
    }
}
