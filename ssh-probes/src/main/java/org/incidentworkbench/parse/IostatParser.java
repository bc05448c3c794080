package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code iostat} (sysstat): the probe's {@code iostat -dxk 1 2}, and pasted {@code iostat},
 * {@code iostat -x}, {@code iostat -m}, {@code iostat -mx}, old (sysstat 9/10) and new (11/12) column
 * sets; or, where sysstat is missing, two {@code /proc/diskstats} snapshots.
 *
 * <p>Invocation (probe {@code iostat}, under {@code LC_ALL=C}): {@code iostat -dxk 1 2}, whose LAST report is
 * the one-second sample (the first is the average since boot). Fallback: sections {@code /proc/diskstats 1}
 * and {@code /proc/diskstats 2}, each starting with the line of {@code /proc/uptime}. Sample (sysstat 12.6.1,
 * Debian 12, columns abridged):
 * <pre>
 * Linux 6.18.44-fc-v782 (vm)   11/23/26   _x86_64_  (2 CPU)
 *
 * Device            r/s     rkB/s   rrqm/s  %rrqm r_await rareq-sz     w/s     wkB/s ...  aqu-sz  %util
 * vda              5.00     32.00     3.00  37.50    0.40     6.40    3.00     92.00 ...    0.00   0.00
 * </pre>
 *
 * <p>Record: {@link IostatReport}: the last report's devices and avg-cpu. Columns are read by header name
 * ({@code Device:} with the old colon too); kB and MB columns become bytes (iostat's kB is 1024 bytes).
 * Where no {@code await} column exists it is computed from {@code r_await}/{@code w_await} weighted by
 * {@code r/s}/{@code w/s}. From {@code /proc/diskstats}: rates are counter deltas over the uptime delta,
 * await is Δ(ms reading + ms writing) / Δ(requests), {@code %util} is Δ(ms doing I/O) over the interval,
 * queue size Δ(weighted ms) over the interval; partitions are left out, as iostat does without {@code -p}.
 *
 * <p>Checked against sysstat 12.6.1 (Debian 12) and 10.1.5 (CentOS 7). Other systems' iostat (BSD's
 * {@code KB/t tps MB/s}) is unrecognised.
 */
public final class IostatParser implements OutputParser<IostatReport> {

    private static final ParserInfo INFO = new ParserInfo("iostat",
            List.of("iostat -dxk 1 2", "iostat", "iostat -x", "iostat -m", "cat /proc/diskstats (twice)"),
            List.of("linux"), "per device: r/s, w/s, read/write bytes/s, await, queue size, %util");

    /** Columns that have a field of their own (lower case); the rest go to {@code other}. */
    private static final java.util.Set<String> MAPPED = java.util.Set.of("tps", "r/s", "w/s", "rkb/s", "wkb/s", "rmb/s",
            "wmb/s", "kb_read/s", "kb_wrtn/s", "mb_read/s", "mb_wrtn/s", "rrqm/s", "wrqm/s", "d/s", "r_await", "w_await",
            "await", "aqu-sz", "avgqu-sz", "%util", "svctm", "kb_read", "kb_wrtn", "mb_read", "mb_wrtn");
    private static final Pattern CPUS = Pattern.compile("\\((\\d{1,6}) CPU\\)");

    @Override
    public boolean hasData(IostatReport value) {
        return value.cpu().isPresent() || !value.devices().isEmpty();
    }

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        Map<String, String> parts = Sections.split(text);
        if (parts.containsKey("/proc/diskstats 1")) {
            return true;
        }
        for (String line : TextTable.nonBlankLines(text)) {
            if ((line.startsWith("Device ") || line.startsWith("Device:")) && (line.contains("tps") || line.contains("r/s"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ParseOutcome<IostatReport> parse(String text) {
        Map<String, String> parts = Sections.split(TextTable.stripPrompt(text));
        List<String> warnings = new ArrayList<>();
        List<String> lines = TextTable.lines(parts.getOrDefault("", ""));
        if (lines.stream().allMatch(String::isBlank)) {
            if (parts.containsKey("/proc/diskstats 1") || parts.containsKey("/proc/diskstats 2")) {
                return ProcDiskstats.parse(parts.getOrDefault("/proc/diskstats 1", ""),
                        parts.getOrDefault("/proc/diskstats 2", ""), warnings);
            }
            return ParseOutcome.parsed(new IostatReport(Optional.empty(), Optional.empty(), List.of(), 0, "iostat"));
        }
        Optional<Integer> cpuCount = Optional.empty();
        Optional<CpuSplit> cpu = Optional.empty();
        List<IostatReport.Device> devices = new ArrayList<>();
        int reports = 0;
        boolean sawHeader = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = CPUS.matcher(line);
            if (i < 3 && m.find()) {
                cpuCount = Optional.of(Integer.parseInt(m.group(1)));
            } else if (line.startsWith("avg-cpu:") && i + 1 < lines.size()) {
                cpu = Optional.of(avgCpu(line, lines.get(i + 1), warnings));
                i++;
            } else if (line.startsWith("Device")) {
                sawHeader = true;
                reports++;
                devices = new ArrayList<>();
                List<String> header = TextTable.words(line);
                int j = i + 1;
                for (; j < lines.size() && !lines.get(j).isBlank() && !lines.get(j).startsWith("avg-cpu:")
                        && !lines.get(j).startsWith("Device"); j++) {
                    device(header, TextTable.words(lines.get(j)), warnings).ifPresent(devices::add);
                }
                i = j - 1;
            }
        }
        if (!sawHeader && cpu.isEmpty()) {
            return ParseOutcome.unrecognised("no iostat \"Device\" header or avg-cpu block found; this is not sysstat's iostat");
        }
        return ParseOutcome.parsed(new IostatReport(cpuCount, cpu, devices, Math.max(reports, cpu.isPresent() ? 1 : 0), "iostat"), warnings);
    }

    private static CpuSplit avgCpu(String header, String values, List<String> warnings) {
        List<String> h = TextTable.words(header.substring("avg-cpu:".length()));
        List<String> v = TextTable.words(values);
        Map<String, Optional<Double>> c = new HashMap<>();
        for (int k = 0; k < h.size() && k < v.size(); k++) {
            c.put(h.get(k), Units.doubleValue(v.get(k), "iostat avg-cpu " + h.get(k), warnings));
        }
        return new CpuSplit(c.getOrDefault("%user", Optional.empty()), c.getOrDefault("%system", Optional.empty()),
                c.getOrDefault("%nice", Optional.empty()), c.getOrDefault("%idle", Optional.empty()),
                c.getOrDefault("%iowait", Optional.empty()), Optional.empty(), Optional.empty(),
                c.getOrDefault("%steal", Optional.empty()));
    }

    private static Optional<IostatReport.Device> device(List<String> header, List<String> row, List<String> warnings) {
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String name = row.get(0);
        Map<String, Optional<Double>> v = new HashMap<>();
        for (int k = 1; k < header.size() && k < row.size(); k++) {
            v.put(header.get(k).toLowerCase(Locale.ROOT), Units.doubleValue(row.get(k), "iostat " + name + " " + header.get(k), warnings));
        }
        if (row.size() != header.size()) {
            warnings.add("iostat line for " + name + " has " + row.size() + " columns, the header " + header.size());
        }
        Optional<Double> reads = get(v, "r/s");
        Optional<Double> writes = get(v, "w/s");
        Optional<Double> rAwait = get(v, "r_await");
        Optional<Double> wAwait = get(v, "w_await");
        Optional<Double> await = get(v, "await");
        if (await.isEmpty() && rAwait.isPresent() && wAwait.isPresent() && reads.isPresent() && writes.isPresent()) {
            double n = reads.get() + writes.get();
            await = Optional.of(n == 0 ? 0.0 : (rAwait.get() * reads.get() + wAwait.get() * writes.get()) / n);
        }
        java.util.Map<String, Double> other = new java.util.TreeMap<>();
        for (int k = 1; k < header.size() && k < row.size(); k++) {
            String column = header.get(k);
            if (!MAPPED.contains(column.toLowerCase(Locale.ROOT))) {
                v.getOrDefault(column.toLowerCase(Locale.ROOT), Optional.empty()).ifPresent(x -> other.put(column, x));
            }
        }
        return Optional.of(new IostatReport.Device(name, get(v, "tps"), reads, writes,
                bytes(v, "rkb/s", "rmb/s", "kb_read/s", "mb_read/s"), bytes(v, "wkb/s", "wmb/s", "kb_wrtn/s", "mb_wrtn/s"),
                get(v, "rrqm/s"), get(v, "wrqm/s"), get(v, "d/s"), rAwait, wAwait, await,
                get(v, "aqu-sz").or(() -> get(v, "avgqu-sz")), get(v, "%util"), get(v, "svctm"),
                bytes(v, "", "", "kb_read", "mb_read").map(Math::round), bytes(v, "", "", "kb_wrtn", "mb_wrtn").map(Math::round),
                other));
    }

    private static Optional<Double> get(Map<String, Optional<Double>> v, String key) {
        return v.getOrDefault(key, Optional.empty());
    }

    /** The first present of a KiB column, a MiB column, and their basic-report names, as bytes. */
    private static Optional<Double> bytes(Map<String, Optional<Double>> v, String kib, String mib, String kib2, String mib2) {
        return get(v, kib).map(x -> x * Units.KIB).or(() -> get(v, mib).map(x -> x * Units.MIB))
                .or(() -> get(v, kib2).map(x -> x * Units.KIB)).or(() -> get(v, mib2).map(x -> x * Units.MIB));
    }
}
