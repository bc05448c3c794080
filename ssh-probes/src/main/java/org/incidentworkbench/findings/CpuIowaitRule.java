package org.incidentworkbench.findings;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.CpuSplit;
import org.incidentworkbench.parse.IostatReport;
import org.incidentworkbench.parse.TopReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * CPUs waiting for I/O: top's {@code wa} (else iostat's avg-cpu {@code %iowait}) at or above
 * {@link Limits#iowaitPercentWarning()} (20 %).
 */
final class CpuIowaitRule extends ThresholdRule<CpuIowaitRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("CPUs idle while waiting for I/O a fifth of the time point at a slow or saturated disk; a few percent is normal on a busy database") double iowaitPercentWarning) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(20);

        @Override
        public List<String> units() {
            return List.of("%");
        }
    }

    CpuIowaitRule() {
        this(Limits.DEFAULTS);
    }

    CpuIowaitRule(Limits t) {
        super(t);
    }

    /** top's split, else iostat's, with a note of where it came from. */
    static Optional<Sourced> cpu(TriageReport report) {
        Optional<TopReport> top = report.get(Probes.TOP);
        if (top.isPresent() && top.get().cpu().isPresent()) {
            return Optional.of(new Sourced(top.get().cpu().get(), "top",
                    top.get().source().equals("/proc") ? " (average since boot, from /proc/stat)" : ""));
        }
        return report.get(Probes.IOSTAT).flatMap(IostatReport::cpu)
                .map(c -> new Sourced(c, "iostat", ""));
    }

    record Sourced(CpuSplit cpu, String probe, String note) {
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        return cpu(report).filter(c -> c.cpu().iowaitPercent().isPresent()).map(c -> {
            double wa = c.cpu().iowaitPercent().get();
            if (wa < t.iowaitPercentWarning()) {
                return List.<Finding>of();
            }
            return List.of(new Finding(Severity.WARNING, "cpu.iowait", c.probe(), "CPUs wait for I/O " + Findings.pct(wa) + " of the time",
                    "iowait " + Findings.pct(wa) + c.note() + ", idle " + c.cpu().idlePercent().map(Findings::pct).orElse("?")
                            + "; threshold " + Findings.num(t.iowaitPercentWarning()) + " %",
                    "See which device is busy (iostat: %util, await) and which processes wait on it (ps: state D)."));
        }).orElse(List.of());
    }
}
