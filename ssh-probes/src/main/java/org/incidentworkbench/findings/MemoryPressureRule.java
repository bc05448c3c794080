package org.incidentworkbench.findings;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.TopReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Little memory available: MemAvailable (which counts reclaimable cache, unlike "free") below
 * {@link Limits#memAvailablePercentCritical()} (5 %) of RAM is critical, below
 * {@link Limits#memAvailablePercentWarning()} (10 %) a warning; the evidence says how much swap is in use,
 * since swapping under low availability is what makes a host slow before the OOM killer acts.
 */
final class MemoryPressureRule implements FindingRule {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("MemAvailable (which counts reclaimable cache) this low together with swap in use: the kernel is reclaiming hard") double memAvailablePercentWarning,
            @Reason("the OOM killer is near, with or without swap") double memAvailablePercentCritical) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(10, 5);

        @Override
        public List<String> units() {
            return List.of("% of RAM", "% of RAM");
        }
    }

    private final Limits t;

    MemoryPressureRule() {
        this(Limits.DEFAULTS);
    }

    MemoryPressureRule(Limits t) {
        this.t = t;
    }

    @Override
    public Optional<RuleLimits> limits() {
        return Optional.of(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        return report.get(Probes.TOP).flatMap(TopReport::memory).map(m -> {
            if (m.totalBytes().isEmpty() || m.availableBytes().isEmpty() || m.totalBytes().get() <= 0) {
                return List.<Finding>of();
            }
            double pct = 100.0 * m.availableBytes().get() / m.totalBytes().get();
            if (pct >= t.memAvailablePercentWarning()) {
                return List.<Finding>of();
            }
            long swapUsed = m.swapUsedBytes().orElse(0L);
            Severity s = pct < t.memAvailablePercentCritical() ? Severity.CRITICAL : Severity.WARNING;
            String swap = m.swapTotalBytes().orElse(0L) == 0 ? "no swap configured"
                    : Findings.bytes(swapUsed) + " of " + Findings.bytes(m.swapTotalBytes().get()) + " swap in use";
            return List.of(new Finding(s, "mem.available", "top", "Only " + Findings.pct(pct) + " of memory is available",
                    Findings.bytes(m.availableBytes().get()) + " available of " + Findings.bytes(m.totalBytes().get())
                            + ", " + swap + "; threshold " + Findings.num(t.memAvailablePercentWarning()) + " %",
                    "Find the largest processes (ps by RSS) and check for swapping (vmstat 1: si/so columns); the OOM "
                            + "killer acts when available memory runs out."));
        }).orElse(List.of());
    }
}
