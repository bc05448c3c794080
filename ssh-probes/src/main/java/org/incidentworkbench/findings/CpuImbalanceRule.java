package org.incidentworkbench.findings;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * One CPU saturated while the average looks fine ({@code cpu.imbalance}): the USE checklist's per-CPU
 * utilisation ({@code mpstat -P ALL}), from the kernel probe's two {@code /proc/stat} samples. A
 * single-threaded process at its limit, or every interrupt of a NIC landing on one CPU, hides behind a
 * host-wide average.
 */
final class CpuImbalanceRule extends ThresholdRule<CpuImbalanceRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("one CPU this busy (user, system and interrupts over the second sampled) has no time left for what is queued on it") double hotCpuBusyPercent,
            @Reason("the average of all CPUs below this is what \"the CPU looks fine\" means on a dashboard; with two CPUs, one saturated one alone averages 50 %") double averageBusyBelowPercent) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(90.0, 60.0);

        @Override
        public List<String> units() {
            return List.of("% busy", "% busy");
        }
    }

    CpuImbalanceRule() {
        this(Limits.DEFAULTS);
    }

    CpuImbalanceRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        Optional<KernelReport> k = report.get(Probes.KERNEL);
        if (k.isEmpty() || k.get().perCpu().size() < 2 || k.get().allCpus().isEmpty()) {
            return List.of();
        }
        KernelReport r = k.get();
        KernelReport.CpuShare hot = r.perCpu().stream().max(Comparator.comparingDouble(KernelReport.CpuShare::busyPercent)).get();
        double average = r.allCpus().get().busyPercent();
        if (hot.busyPercent() < t.hotCpuBusyPercent() || average >= t.averageBusyBelowPercent()) {
            return List.of();
        }
        long hotCount = r.perCpu().stream().filter(c -> c.busyPercent() >= t.hotCpuBusyPercent()).count();
        String title = hotCount > 1 ? hotCount + " CPUs are over " + Findings.num(t.hotCpuBusyPercent()) + " % busy while all "
                + r.perCpu().size() + " average " + Findings.pct(average)
                : hot.cpu() + " is " + Findings.pct(hot.busyPercent()) + " busy while all " + r.perCpu().size() + " average "
                + Findings.pct(average);
        return List.of(new Finding(Severity.WARNING, "cpu.imbalance", "kernel", title,
                hot.cpu() + ": user " + Findings.pct(hot.userPercent()) + ", system " + Findings.pct(hot.systemPercent())
                        + ", interrupts " + Findings.pct(hot.irqPercent()) + " over the second sampled; threshold "
                        + Findings.num(t.hotCpuBusyPercent()) + " % on one CPU with the average under "
                        + Findings.num(t.averageBusyBelowPercent()) + " %",
                "A single-threaded process at its limit (top, then H for threads) or interrupts on one CPU (a high interrupt "
                        + "share: check /proc/interrupts and irqbalance) cannot use the idle CPUs."));
    }
}
