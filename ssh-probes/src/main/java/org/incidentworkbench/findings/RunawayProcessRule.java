package org.incidentworkbench.findings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.incidentworkbench.parse.PsReport;
import org.incidentworkbench.parse.TopReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * A single process using most of a CPU or most of the memory: top's %CPU over its sample (ps's lifetime
 * average when top did not parse) at or above {@link Limits#processCpuPercentWarning()} (90 % of one CPU),
 * or ps's %MEM at or above {@link Limits#processMemPercentWarning()} (50 % of RAM). One finding per process.
 */
final class RunawayProcessRule extends ThresholdRule<RunawayProcessRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("a single process this busy (ps's lifetime average or top's sample) is a busy loop or a runaway job") double processCpuPercentWarning,
            @Reason("one process owning half the memory is the first OOM-killer candidate") double processMemPercentWarning) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(90, 50);

        @Override
        public List<String> units() {
            return List.of("% of one CPU", "% of RAM");
        }
    }

    RunawayProcessRule() {
        this(Limits.DEFAULTS);
    }

    RunawayProcessRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        List<Finding> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        var top = report.get(Probes.TOP).filter(r -> !r.processes().isEmpty());
        if (top.isPresent()) {
            for (TopReport.TopProcess p : top.get().processes()) {
                double cpu = p.cpuPercent().orElse(0.0);
                if (cpu >= t.processCpuPercentWarning() && seen.add(p.pid())) {
                    out.add(cpuFinding("top", p.pid(), p.command(), p.user().orElse("?"), cpu, "over top's sample"));
                }
            }
        }
        Set<Long> memorySeen = new HashSet<>();
        report.get(Probes.PS).ifPresent(ps -> {
            for (PsReport.ProcessRow p : ps.processes()) {
                if (top.isEmpty() && p.cpuPercent().orElse(0.0) >= t.processCpuPercentWarning() && seen.add(p.pid())) {
                    out.add(cpuFinding("ps", p.pid(), p.name(), p.user().orElse("?"), p.cpuPercent().get(), ps.cpuSampled()
                            ? "over the probe's half-second sample of /proc"
                            : "averaged over its lifetime" + p.elapsedSeconds().map(s -> " of " + s + " s").orElse("")));
                }
                double mem = p.memPercent().orElse(0.0);
                // threads of a thread listing share their process's memory: one finding per process
                if (mem >= t.processMemPercentWarning() && memorySeen.add(p.pid())) {
                    out.add(new Finding(Severity.WARNING, "proc.memory", "ps",
                            "Process " + p.pid() + " (" + p.name() + ") holds " + Findings.pct(mem) + " of memory",
                            "RSS " + p.rssBytes().map(Findings::bytes).orElse("?") + ", user " + p.user().orElse("?")
                                    + "; threshold " + Findings.num(t.processMemPercentWarning()) + " %",
                            "Check whether it keeps growing (a leak) and what its memory limit is; it is the OOM "
                                    + "killer's first candidate."));
                }
            }
        });
        return out;
    }

    private Finding cpuFinding(String probe, long pid, String name, String user, double cpu, String how) {
        return new Finding(Severity.WARNING, "proc.cpu", probe,
                "Process " + pid + " (" + name + ") uses " + Findings.pct(cpu) + " of a CPU",
                Findings.pct(cpu) + " of one CPU " + how + ", user " + user + "; threshold "
                        + Findings.num(t.processCpuPercentWarning()) + " %",
                "Check whether this is expected work or a busy loop: top -H -p " + pid + " for its threads, "
                        + "and its logs.");
    }
}
