package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BusyBox {@code top -b -n 1}: its own summary lines and process table, as a {@link TopReport} with
 * source {@code busybox top}. Stateless.
 *
 * <pre>
 * Mem: 1439896K used, 23243768K free, 9568K shrd, 19528K buff, 739020K cached
 * CPU: 100% usr   0% sys   0% nic   0% idle   0% io   0% irq   0% sirq
 * Load average: 4.32 1.83 0.77 12/181 11379
 *   PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND
 * 11251 11248 root     R     2268   0%  14% busybox sh -c while :; do :; done
 * </pre>
 *
 * <p>BusyBox's "used" memory includes buffers and cache: used here is total - free - buff - cached, as procps
 * top computes it. Its CPU line and %CPU cover the tenth of a second top waits before its first frame.
 * VSZ is KiB, or with a suffix ({@code 8767m}) when wide; {@code %VSZ}, {@code PPID} and any per-CPU column
 * land in {@code other}. Checked against BusyBox 1.35 (Debian 12's busybox-static).
 */
final class BusyBoxTop {

    private static final Pattern MEM = Pattern.compile("(\\d+)K\\s+(used|free|shrd|buff|cached)");
    private static final Pattern CPU = Pattern.compile("(\\d+(?:\\.\\d+)?)%\\s+(usr|sys|nic|idle|io|irq|sirq|st)");

    private BusyBoxTop() {
    }

    /** BusyBox top's first lines: {@code Mem: ...K used}, or {@code CPU: ...% usr}. */
    static boolean recognises(List<String> lines) {
        return !lines.isEmpty() && (lines.get(0).startsWith("Mem: ") && lines.get(0).contains("K used")
                || lines.get(0).startsWith("CPU: ") && lines.get(0).contains("% usr"));
    }

    static ParseOutcome<TopReport> parse(List<String> lines, List<String> warnings) {
        Map<String, Long> mem = new HashMap<>();
        Map<String, Double> cpu = new HashMap<>();
        Optional<UptimeReport> summary = Optional.empty();
        int i = 0;
        for (; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (TextTable.words(line).contains("PID")) {
                break;
            }
            if (line.startsWith("Mem:")) {
                Matcher m = MEM.matcher(line);
                while (m.find()) {
                    mem.put(m.group(2), Long.parseLong(m.group(1)) * Units.KIB);
                }
            } else if (line.startsWith("CPU:")) {
                Matcher m = CPU.matcher(line);
                while (m.find()) {
                    cpu.put(m.group(2), Double.parseDouble(m.group(1)));
                }
            } else if (line.startsWith("Load average:")) {
                ParseOutcome<UptimeReport> up = new UptimeParser().parse(Sections.marker("/proc/loadavg") + "\n"
                        + line.substring("Load average:".length()).strip());
                if (up instanceof ParseOutcome.Parsed<UptimeReport> p) {
                    summary = Optional.of(p.value());
                    warnings.addAll(p.warnings());
                }
            }
        }
        if (mem.isEmpty() && cpu.isEmpty() && summary.isEmpty()) {
            return ParseOutcome.unrecognised("no BusyBox top \"Mem:\", \"CPU:\" or \"Load average:\" line found");
        }
        Optional<TopReport.Memory> memory = Optional.empty();
        if (mem.containsKey("used") && mem.containsKey("free")) {
            long total = mem.get("used") + mem.get("free");
            long buffCache = mem.getOrDefault("buff", 0L) + mem.getOrDefault("cached", 0L);
            memory = Optional.of(new TopReport.Memory(Optional.of(total), Optional.of(mem.get("free")),
                    Optional.of(Math.max(0, mem.get("used") - buffCache)), Optional.of(buffCache), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty()));
        }
        Optional<CpuSplit> split = cpu.isEmpty() ? Optional.empty() : Optional.of(new CpuSplit(
                Optional.ofNullable(cpu.get("usr")), Optional.ofNullable(cpu.get("sys")), Optional.ofNullable(cpu.get("nic")),
                Optional.ofNullable(cpu.get("idle")), Optional.ofNullable(cpu.get("io")), Optional.ofNullable(cpu.get("irq")),
                Optional.ofNullable(cpu.get("sirq")), Optional.ofNullable(cpu.get("st"))));
        List<TopReport.TopProcess> processes = i < lines.size() ? processes(lines.subList(i, lines.size()), warnings) : List.of();
        Optional<TopReport.Tasks> tasks = summary.flatMap(UptimeReport::totalEntities).map(total -> new TopReport.Tasks(
                Optional.of(total), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        return ParseOutcome.parsed(new TopReport(summary, tasks, split, memory, processes, "busybox top"), warnings);
    }

    private static List<TopReport.TopProcess> processes(List<String> lines, List<String> warnings) {
        List<TextTable.Column> header = TextTable.columns(lines.get(0));
        boolean[] free = new boolean[header.size()];
        for (int c = 0; c < header.size(); c++) {
            free[c] = header.get(c).name().equals("COMMAND");
        }
        List<TopReport.TopProcess> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = TextTable.splitByHeader(line, header, free);
            Map<String, String> v = new HashMap<>();
            Map<String, String> other = new HashMap<>();
            for (int c = 0; c < cells.size() && c < header.size(); c++) {
                String name = header.get(c).name();
                if (List.of("PID", "USER", "STAT", "VSZ", "%CPU", "COMMAND").contains(name)) {
                    v.put(name, cells.get(c));
                } else {
                    other.put(name, cells.get(c));
                }
            }
            Optional<Long> pid = Units.longValue(v.get("PID"), "top PID", warnings);
            if (pid.isEmpty()) {
                continue;
            }
            String at = "top " + pid.get() + ": ";
            Optional<Double> cpu = Units.doubleValue(strip(v.get("%CPU")), at + "%CPU", warnings);
            out.add(new TopReport.TopProcess(pid.get(), Units.text(v.get("USER")), Optional.empty(), Optional.empty(),
                    Units.humanBytes(v.get("VSZ"), Units.KIB, at + "VSZ", warnings), Optional.empty(), Optional.empty(),
                    Units.text(v.get("STAT")), cpu, Optional.empty(), Optional.empty(),
                    v.getOrDefault("COMMAND", "").strip(), other));
        }
        return out;
    }

    private static String strip(String percent) {
        return percent == null ? null : percent.strip().replace("%", "");
    }
}
