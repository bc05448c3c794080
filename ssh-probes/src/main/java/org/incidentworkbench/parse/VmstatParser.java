package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code vmstat} (procps): {@code vmstat}, {@code vmstat 1 5}, {@code -a} (active/inactive),
 * {@code -w} (wide, whose first group reads {@code --procs--}), {@code -t} (timestamps), {@code -S M} units and {@code -d} (disks). Not a triage probe;
 * users paste it.
 *
 * <p>Sample (procps-ng 4.0.2, Debian 12, {@code vmstat 1 2}):
 * <pre>
 * procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
 *  r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
 *  2  0      0 23352368  12856 893108    0    0  1049   395  237  462 18  3 79  0  0
 *  1  0      0 23352368  12856 893108    0    0     0     0  350  374  0  1 99  0  0
 * </pre>
 *
 * <p>Record: {@link VmstatReport}. Columns are read by the second header line's names, so {@code -a}
 * ({@code inact active}) and {@code gu} (guest time, printed by procps-ng 4) land right. Memory is KiB as
 * vmstat prints it by default; vmstat does not print its unit, so {@code -S m/M/k/K} output is read in that
 * unit only when its command line is pasted above it ({@code $ vmstat -S M 1 5}). With {@code -t} the last
 * two words are the date and time. A repeated header (every screenful) is skipped. The first sample is the
 * average since boot, the rest are per interval.
 *
 * <p>Checked against procps-ng 4.0.2 (Debian 12) and 3.3.10 (CentOS 7). {@code vmstat -s}, {@code -m}
 * and BSD {@code vm_stat} are unrecognised.
 */
public final class VmstatParser implements OutputParser<VmstatReport> {

    private static final ParserInfo INFO = new ParserInfo("vmstat", List.of("vmstat", "vmstat 1 5", "vmstat -a", "vmstat -d"),
            List.of("linux"), "run queue, blocked tasks, memory, swap in/out, block I/O, interrupts, CPU split");

    @Override
    public boolean hasData(VmstatReport value) {
        return !value.samples().isEmpty() || !value.disks().isEmpty();
    }

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        List<String> lines = TextTable.nonBlankLines(TextTable.stripPrompt(text));
        return !lines.isEmpty() && (lines.get(0).contains("procs") && lines.get(0).contains("-memory-")
                || lines.get(0).startsWith("disk- ") && lines.get(0).contains("reads"));
    }

    @Override
    public ParseOutcome<VmstatReport> parse(String text) {
        List<String> lines = TextTable.nonBlankLines(Sections.split(text).getOrDefault("", text));
        if (lines.isEmpty()) {
            return ParseOutcome.parsed(new VmstatReport(List.of(), List.of()));
        }
        List<String> warnings = new ArrayList<>();
        long unit = Units.KIB;
        int start = 0;
        if (lines.get(0).contains("vmstat")) {
            String cmd = lines.get(0);
            if (cmd.matches(".*-S\\s*[mM].*")) {
                unit = cmd.contains("-S m") || cmd.contains("-Sm") ? 1000L * 1000 : Units.MIB;
            } else if (cmd.matches(".*-S\\s*k.*")) {
                unit = 1000;
            }
            start = 1;
        }
        if (lines.size() < start + 2) {
            return ParseOutcome.unrecognised("no vmstat header (\"procs ---memory---\" or \"disk- ---reads---\") found");
        }
        String group = lines.get(start);
        if (group.startsWith("disk-")) {
            return ParseOutcome.parsed(new VmstatReport(List.of(), disks(lines.subList(start + 2, lines.size()), warnings)), warnings);
        }
        if (!(group.contains("procs") && group.contains("memory"))) {
            return ParseOutcome.unrecognised("no vmstat header (\"procs ---memory---\" or \"disk- ---reads---\") found");
        }
        boolean timestamps = group.contains("timestamp");
        List<String> names = TextTable.words(lines.get(start + 1));
        if (timestamps) {
            names = names.subList(0, names.size() - 1); // the time zone under "timestamp"
        }
        List<VmstatReport.Sample> samples = new ArrayList<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (line.contains("procs") || line.strip().startsWith("r ")) {
                continue; // vmstat repeats its header every screenful
            }
            List<String> w = TextTable.words(line);
            Optional<String> ts = Optional.empty();
            if (timestamps && w.size() >= 2) {
                ts = Optional.of(w.get(w.size() - 2) + " " + w.get(w.size() - 1));
                w = w.subList(0, w.size() - 2);
            }
            if (w.size() != names.size()) {
                warnings.add("vmstat line \"" + line.strip() + "\" has " + w.size() + " values for " + names.size() + " columns; skipped");
                continue;
            }
            Map<String, String> v = new HashMap<>();
            for (int k = 0; k < names.size(); k++) {
                v.put(names.get(k), w.get(k));
            }
            samples.add(sample(v, unit, ts, warnings));
        }
        return ParseOutcome.parsed(new VmstatReport(samples, List.of()), warnings);
    }

    private static VmstatReport.Sample sample(Map<String, String> v, long unit, Optional<String> ts, List<String> warnings) {
        java.util.function.Function<String, Optional<Long>> n = k -> Units.longValue(v.get(k), "vmstat " + k, warnings);
        java.util.function.Function<String, Optional<Long>> b = k -> n.apply(k).map(x -> x * unit);
        java.util.function.Function<String, Optional<Double>> d = k -> Units.doubleValue(v.get(k), "vmstat " + k, warnings);
        return new VmstatReport.Sample(n.apply("r"), n.apply("b"), b.apply("swpd"), b.apply("free"), b.apply("buff"),
                b.apply("cache"), b.apply("inact"), b.apply("active"), b.apply("si"), b.apply("so"), n.apply("bi"),
                n.apply("bo"), n.apply("in"), n.apply("cs"),
                new CpuSplit(d.apply("us"), d.apply("sy"), Optional.empty(), d.apply("id"), d.apply("wa"), Optional.empty(),
                        Optional.empty(), d.apply("st")), d.apply("gu"), ts);
    }

    private static List<VmstatReport.DiskRow> disks(List<String> lines, List<String> warnings) {
        List<VmstatReport.DiskRow> out = new ArrayList<>();
        for (String line : lines) {
            List<String> w = TextTable.words(line);
            if (w.size() < 11) {
                warnings.add("vmstat -d line \"" + line.strip() + "\" has fewer than 11 fields; skipped");
                continue;
            }
            String at = "vmstat -d " + w.get(0) + " field ";
            List<Optional<Long>> c = new ArrayList<>();
            for (int k = 1; k <= 10; k++) {
                c.add(Units.longValue(w.get(k), at + k, warnings));
            }
            Optional<String> ts = w.size() >= 13 ? Optional.of(w.get(11) + " " + w.get(12)) : Optional.empty();
            out.add(new VmstatReport.DiskRow(w.get(0), c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6),
                    c.get(7), c.get(8), c.get(9), ts));
        }
        return out;
    }
}
