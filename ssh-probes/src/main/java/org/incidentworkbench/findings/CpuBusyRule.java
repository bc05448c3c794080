package org.incidentworkbench.findings;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.incidentworkbench.parse.TopReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * The CPUs are saturated: top's sample shows less than {@link Limits#cpuIdlePercentWarning()} (10 %)
 * idle plus iowait. Busy CPUs are often shared by several processes, none of which is a runaway on its own,
 * so the evidence names the biggest consumers. Only top's own sample counts: {@code /proc/stat}'s average
 * since boot says nothing about now.
 */
final class CpuBusyRule extends ThresholdRule<CpuBusyRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("top's sample this idle (iowait not counted as busy): the CPUs are saturated and work queues up, which the load confirms") double cpuIdlePercentWarning) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(10);

        @Override
        public List<String> units() {
            return List.of("% idle");
        }
    }

    CpuBusyRule() {
        this(Limits.DEFAULTS);
    }

    CpuBusyRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        return report.get(Probes.TOP).filter(top -> !top.source().equals("/proc") && top.cpu().isPresent()).map(top -> { // /proc alone: since boot
            double idle = top.cpu().get().idlePercent().orElse(100.0) + top.cpu().get().iowaitPercent().orElse(0.0);
            if (idle >= t.cpuIdlePercentWarning()) {
                return List.<Finding>of();
            }
            String consumers = top.processes().stream().filter(p -> p.cpuPercent().orElse(0.0) > 0)
                    .sorted(Comparator.comparingDouble((TopReport.TopProcess p) -> p.cpuPercent().get()).reversed()).limit(4)
                    .map(p -> p.pid() + " " + p.command() + " " + Findings.pct(p.cpuPercent().get()))
                    .collect(Collectors.joining(", "));
            var c = top.cpu().get();
            return List.of(new Finding(Severity.WARNING, "cpu.busy", "top", "CPUs are " + Findings.pct(100 - idle) + " busy",
                    "us " + c.userPercent().map(Findings::pct).orElse("?") + ", sy " + c.systemPercent().map(Findings::pct).orElse("?")
                            + ", st " + c.stealPercent().map(Findings::pct).orElse("?") + ", idle " + Findings.pct(idle)
                            + (consumers.isEmpty() ? "" : "; top consumers: " + consumers)
                            + "; threshold " + Findings.num(t.cpuIdlePercentWarning()) + " % idle",
                    "See whether the consumers are expected work (batch jobs, builds) that can wait or move, or "
                            + "one service spinning; high sy points at the kernel (syscalls, interrupts)."));
        }).orElse(List.of());
    }
}
