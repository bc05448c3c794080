package org.incidentworkbench.findings;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.IostatReport;
import org.incidentworkbench.parse.UptimeReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Load per core above {@link Limits#loadPerCoreWarning()} (1.0) or {@link Limits#loadPerCoreCritical()}
 * (2.0), taking the higher of the 1- and 5-minute averages so a spike that is already ending still shows.
 * Linux load counts tasks in uninterruptible sleep too, so high load with idle CPUs means I/O, not CPU.
 * Cores come from {@code nproc} (uptime probe), else from iostat's {@code (N CPU)}; without either, no finding.
 */
final class LoadPerCoreRule extends ThresholdRule<LoadPerCoreRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("1-minute (or 5-minute, whichever is higher) load divided by cores; at 1.0 runnable plus uninterruptible tasks queue for every core (the USE method treats load above the core count as CPU or I/O saturation)") double loadPerCoreWarning,
            @Reason("twice as many tasks as cores: latency visibly suffers") double loadPerCoreCritical) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(1.0, 2.0);

        @Override
        public List<String> units() {
            return List.of("load per core", "load per core");
        }
    }

    LoadPerCoreRule() {
        this(Limits.DEFAULTS);
    }

    LoadPerCoreRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        Optional<UptimeReport> up = report.get(Probes.UPTIME);
        // nproc, else the "(N CPU)" of iostat's first line
        Optional<Integer> cpus = up.flatMap(UptimeReport::cpuCores)
                .or(() -> report.get(Probes.IOSTAT).flatMap(IostatReport::cpuCount));
        if (up.isEmpty() || cpus.isEmpty() || up.get().load1().isEmpty()) {
            return List.of();
        }
        UptimeReport u = up.get();
        int cores = Math.max(1, cpus.get());
        double load = Math.max(u.load1().get(), u.load5().orElse(0.0));
        double perCore = load / cores;
        if (perCore <= t.loadPerCoreWarning()) {
            return List.of();
        }
        Severity s = perCore > t.loadPerCoreCritical() ? Severity.CRITICAL : Severity.WARNING;
        return List.of(new Finding(s, "load.per-core", "uptime",
                "Load is " + Findings.num(perCore) + " per core",
                "load average " + Findings.num(u.load1().get()) + ", " + u.load5().map(Findings::num).orElse("?") + ", "
                        + u.load15().map(Findings::num).orElse("?") + " (1/5/15 min) on " + cores + " cores; threshold "
                        + Findings.num(t.loadPerCoreWarning()) + " per core",
                "Check top's CPU split: high us/sy means CPU saturation (see the top processes); high wa or many "
                        + "D-state processes means the load is waiting on I/O (see iostat)."));
    }
}
