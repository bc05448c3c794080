package org.incidentworkbench.findings;

import java.util.List;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/** The hypervisor takes CPU time: {@code st} at or above {@link Limits#stealPercentWarning()} (10 %). */
final class CpuStealRule extends ThresholdRule<CpuStealRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("the hypervisor gives a tenth of our CPU time to other guests; AWS and GCP guidance treats sustained steal above about 10 % as a noisy neighbour") double stealPercentWarning) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(10);

        @Override
        public List<String> units() {
            return List.of("%");
        }
    }

    CpuStealRule() {
        this(Limits.DEFAULTS);
    }

    CpuStealRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        return CpuIowaitRule.cpu(report).filter(c -> c.cpu().stealPercent().isPresent()).map(c -> {
            double st = c.cpu().stealPercent().get();
            if (st < t.stealPercentWarning()) {
                return List.<Finding>of();
            }
            return List.of(new Finding(Severity.WARNING, "cpu.steal", c.probe(), "The hypervisor steals " + Findings.pct(st) + " of CPU time",
                    "steal " + Findings.pct(st) + c.note() + "; threshold " + Findings.num(t.stealPercentWarning()) + " %",
                    "Other guests compete for the host's CPUs (or a burstable instance ran out of credits): check "
                            + "the cloud console's CPU credit and host metrics, or move the VM."));
        }).orElse(List.of());
    }
}
