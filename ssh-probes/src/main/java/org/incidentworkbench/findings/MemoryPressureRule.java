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
 * since swapping under low availability is what makes a host slow before the OOM killer acts. With the host's
 * history ({@link Trends}) it says when available memory runs out and the forecast sets the severity, as
 * {@link FilesystemFullRule} does.
 */
final class MemoryPressureRule extends ThresholdRule<MemoryPressureRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("MemAvailable (which counts reclaimable cache) this low together with swap in use: the kernel is reclaiming hard") double memAvailablePercentWarning,
            @Reason("the OOM killer is near, with or without swap") double memAvailablePercentCritical,
            @Reason("with history: available memory gone sooner than this is critical at any level (a leak the OOM killer will end within the hour)") int fillCriticalMinutes,
            @Reason("with history: gone within a day is at least a warning (a slow leak to restart in working hours)") int fillWarningHours) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(10, 5, 60, 24);

        /** The level thresholds with the default forecast ones. */
        public Limits(double memAvailablePercentWarning, double memAvailablePercentCritical) {
            this(memAvailablePercentWarning, memAvailablePercentCritical, 60, 24);
        }

        @Override
        public List<String> units() {
            return List.of("% of RAM", "% of RAM", "min", "h");
        }
    }

    MemoryPressureRule() {
        this(Limits.DEFAULTS);
    }

    MemoryPressureRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        return apply(report, Trends.NONE);
    }

    @Override
    public List<Finding> apply(TriageReport report, Trends trends) {
        return report.get(Probes.TOP).flatMap(TopReport::memory).map(m -> {
            if (m.totalBytes().isEmpty() || m.availableBytes().isEmpty() || m.totalBytes().get() <= 0) {
                return List.<Finding>of();
            }
            double pct = 100.0 * m.availableBytes().get() / m.totalBytes().get();
            Optional<Severity> byLevel = pct < t.memAvailablePercentCritical() ? Optional.of(Severity.CRITICAL)
                    : pct < t.memAvailablePercentWarning() ? Optional.of(Severity.WARNING) : Optional.empty();
            Optional<TimeToLimit> trend = trends.memoryAvailable();
            Optional<Severity> severity = FillForecast.severity(byLevel, trend, java.time.Duration.ofMinutes(t.fillCriticalMinutes()),
                    java.time.Duration.ofHours(t.fillWarningHours()));
            if (severity.isEmpty()) {
                return List.<Finding>of();
            }
            long swapUsed = m.swapUsedBytes().orElse(0L);
            Severity s = severity.get();
            String swap = m.swapTotalBytes().orElse(0L) == 0 ? "no swap configured"
                    : Findings.bytes(swapUsed) + " of " + Findings.bytes(m.swapTotalBytes().get()) + " swap in use";
            return List.of(new Finding(s, "mem.available", "top", (byLevel.isPresent() ? "Only " : "") + Findings.pct(pct)
                    + " of memory is available" + FillForecast.titleTail(trend, "gone"),
                    Findings.bytes(m.availableBytes().get()) + " available of " + Findings.bytes(m.totalBytes().get())
                            + ", " + swap + "; threshold " + Findings.num(t.memAvailablePercentWarning()) + " %"
                            + FillForecast.evidenceTail(trend, trend.map(x -> (x.slopePerHour() < 0 ? "-" : "+")
                                    + Findings.bytes((long) Math.abs(x.slopePerHour())) + "/h").orElse(""), "0"),
                    "Find the largest processes (ps by RSS) and check for swapping (vmstat 1: si/so columns); the OOM "
                            + "killer acts when available memory runs out."));
        }).orElse(List.of());
    }
}
