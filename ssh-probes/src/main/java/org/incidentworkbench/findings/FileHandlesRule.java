package org.incidentworkbench.findings;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * The system-wide file handle table nearly full ({@code fs.file-handles}), from {@code /proc/sys/fs/file-nr}:
 * at {@code fs.file-max} every open(), socket() and accept() fails with ENFILE, which services log as
 * "Too many open files in system" and clients see as refused connections.
 */
final class FileHandlesRule extends ThresholdRule<FileHandlesRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("allocated handles against fs.file-max; at 80 % a leak or a connection surge has little room left") double usedPercentWarning,
            @Reason("at 95 % the next surge fails opens and accepts host-wide") double usedPercentCritical) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(80.0, 95.0);

        @Override
        public List<String> units() {
            return List.of("% of fs.file-max", "% of fs.file-max");
        }
    }

    FileHandlesRule() {
        this(Limits.DEFAULTS);
    }

    FileHandlesRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        Optional<KernelReport.FileHandles> f = report.get(Probes.KERNEL).flatMap(KernelReport::fileHandles);
        if (f.isEmpty() || f.get().max() <= 0 || f.get().usedPercent() < t.usedPercentWarning()) {
            return List.of();
        }
        KernelReport.FileHandles h = f.get();
        Severity s = h.usedPercent() >= t.usedPercentCritical() ? Severity.CRITICAL : Severity.WARNING;
        return List.of(new Finding(s, "fs.file-handles", "kernel",
                "File handles are " + Findings.pct(h.usedPercent()) + " of the system's maximum",
                (h.allocated() - h.unused()) + " of " + h.max() + " handles in use (/proc/sys/fs/file-nr); threshold "
                        + Findings.num(t.usedPercentWarning()) + " %",
                "Find the process holding most (ls /proc/*/fd | wc -l per process, or lsof -n | awk '{print $2}' | sort | uniq -c); "
                        + "a leak grows without bound, a surge does not; fs.file-max raises the ceiling."));
    }
}
