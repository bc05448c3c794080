package org.incidentworkbench.findings;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Swapping now ({@code mem.swapping}): pages swapped in and out per second over the kernel probe's second
 * ({@code /proc/vmstat pswpin}, {@code pswpout}; vmstat's {@code si}/{@code so}). Gregg: non-zero si and so mean
 * the host is out of memory. A total since boot is history, so without a rate there is no finding.
 */
final class SwappingRule extends ThresholdRule<SwappingRule.Limits> {

    /** Pages are 4 KiB on x86-64 and arm64 defaults, which the evidence's sizes assume. */
    private static final long PAGE = 4096;

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("pages swapped in plus out per second; ten (40 KiB) rules out a stray page, and sustained swapping is memory saturation") double pagesPerSecondWarning,
            @Reason("2560 pages (10 MiB) a second: tasks wait on the swap device instead of working (thrashing)") double pagesPerSecondCritical) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(10.0, 2560.0);

        @Override
        public List<String> units() {
            return List.of("pages per second", "pages per second");
        }
    }

    SwappingRule() {
        this(Limits.DEFAULTS);
    }

    SwappingRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        Optional<KernelReport> k = report.get(Probes.KERNEL);
        if (k.isEmpty()) {
            return List.of();
        }
        KernelReport r = k.get();
        Optional<Double> in = Optional.ofNullable(r.vmstat().get("pswpin")).flatMap(c -> c.perSecond(r.intervalSeconds()));
        Optional<Double> out = Optional.ofNullable(r.vmstat().get("pswpout")).flatMap(c -> c.perSecond(r.intervalSeconds()));
        if (in.isEmpty() || out.isEmpty()) {
            return List.of();
        }
        double rate = in.get() + out.get();
        if (rate < t.pagesPerSecondWarning()) {
            return List.of();
        }
        Severity s = rate >= t.pagesPerSecondCritical() ? Severity.CRITICAL : Severity.WARNING;
        return List.of(new Finding(s, "mem.swapping", "kernel",
                "Swapping " + Findings.bytes(Math.round(rate * PAGE)) + " a second",
                "swap-in " + Math.round(in.get()) + " pages/s, swap-out " + Math.round(out.get()) + " pages/s over the second sampled "
                        + "(4 KiB pages); threshold " + Findings.num(t.pagesPerSecondWarning()) + " pages/s",
                "The host (or a cgroup's memory limit) is out of memory: see available memory, the largest processes by RSS, "
                        + "and memory pressure; swap-in is what makes tasks wait."));
    }
}
