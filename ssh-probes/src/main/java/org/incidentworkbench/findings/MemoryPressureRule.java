package org.incidentworkbench.findings;

import java.util.List;
import org.incidentworkbench.parse.TopReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Little memory available: MemAvailable (which counts reclaimable cache, unlike "free") below
 * {@link Thresholds#memAvailablePercentCritical()} (5 %) of RAM is critical, below
 * {@link Thresholds#memAvailablePercentWarning()} (10 %) a warning; the evidence says how much swap is in use,
 * since swapping under low availability is what makes a host slow before the OOM killer acts.
 */
final class MemoryPressureRule implements FindingRule {

    private final Thresholds t;

    MemoryPressureRule(Thresholds t) {
        this.t = t;
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
