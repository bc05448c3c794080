package org.incidentworkbench.findings;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * CPU saturation now ({@code cpu.run-queue}): more tasks running or waiting for a CPU than there are CPUs,
 * in both of the kernel probe's samples a second apart (vmstat's {@code r} column, read from
 * {@code /proc/stat procs_running}). The load average says the same over minutes; this says it for the
 * second of the triage. {@code procs_running} counts the shell that reads the file, so one is taken off.
 */
final class RunQueueRule extends ThresholdRule<RunQueueRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("runnable tasks per CPU in both samples (the lower of the two); above 1.0 tasks wait for a CPU: Gregg's \"r greater than the CPU count is saturation\"") double runQueuePerCpuWarning,
            @Reason("a one-second snapshot is noisier than the load average (critical at 2.0 per core), so critical only when four tasks per CPU wait in both samples: each runs a fifth of the time at most") double runQueuePerCpuCritical) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(1.0, 4.0);

        @Override
        public List<String> units() {
            return List.of("runnable tasks per CPU", "runnable tasks per CPU");
        }
    }

    RunQueueRule() {
        this(Limits.DEFAULTS);
    }

    RunQueueRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        Optional<KernelReport> k = report.get(Probes.KERNEL);
        if (k.isEmpty() || k.get().cpus().isEmpty() || k.get().procsRunning().isEmpty()) {
            return List.of();
        }
        KernelReport r = k.get();
        int cpus = Math.max(1, r.cpus().get());
        int runnable = Math.max(0, r.procsRunning().stream().mapToInt(Integer::intValue).min().getAsInt() - 1);
        double perCpu = runnable / (double) cpus;
        if (perCpu <= t.runQueuePerCpuWarning()) {
            return List.of();
        }
        Severity s = perCpu > t.runQueuePerCpuCritical() ? Severity.CRITICAL : Severity.WARNING;
        String samples = String.join(" and ", r.procsRunning().stream().map(n -> String.valueOf(Math.max(0, n - 1))).toList());
        return List.of(new Finding(s, "cpu.run-queue", "kernel",
                runnable + " tasks want a CPU on " + cpus + " CPUs",
                "runnable tasks " + samples + " (a second apart, the reading shell not counted), blocked on I/O "
                        + String.join(" and ", r.procsBlocked().stream().map(String::valueOf).toList())
                        + r.loadavg().map(l -> "; load average " + Findings.num(l.load1()) + ", " + Findings.num(l.load5()) + ", "
                                + Findings.num(l.load15())).orElse("")
                        + "; threshold " + Findings.num(t.runQueuePerCpuWarning()) + " per CPU",
                "Tasks queue for the CPUs right now: see which processes use them (top, ps) and whether one CPU does all "
                        + "the work (the per-CPU view); more CPUs or less work are the fixes."));
    }
}
