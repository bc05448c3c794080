package org.incidentworkbench.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * OOM kills from counters any user can read, so they are seen even where the kernel log is refused:
 * {@code mem.oom-kill} (critical) when {@code /proc/vmstat oom_kill} grew during the kernel probe's second;
 * {@code mem.cgroup-under-oom} (critical) for a cgroup v1 that is out of memory now ({@code under_oom 1}: its
 * tasks are paused); {@code mem.cgroup-oom} (warning) for cgroups whose OOM kill counter is not zero. That
 * counter runs since the cgroup was created and says nothing of when: the title says so, and the kernel log
 * (logs probe) gives the time. No thresholds: one OOM kill is one process gone.
 */
final class OomRule implements FindingRule {

    /** Cgroups named in one finding's evidence; the view lists them all. */
    private static final int LISTED = 5;

    @Override
    public List<Finding> apply(TriageReport report) {
        Optional<KernelReport> k = report.get(Probes.KERNEL);
        if (k.isEmpty()) {
            return List.of();
        }
        KernelReport r = k.get();
        List<Finding> out = new ArrayList<>();
        Optional<KernelReport.Counter> kills = Optional.ofNullable(r.vmstat().get("oom_kill"));
        kills.flatMap(KernelReport.Counter::delta).filter(d -> d > 0).ifPresent(d -> out.add(new Finding(Severity.CRITICAL,
                "mem.oom-kill", "kernel", "The OOM killer killed " + d + (d == 1 ? " process" : " processes") + " during this triage",
                "/proc/vmstat oom_kill grew by " + d + " in the second sampled, " + kills.get().total() + " since boot",
                "Memory ran out right now: the kernel log names the victim and its cgroup; see the largest processes by RSS.")));
        r.cgroupOoms().ifPresent(c -> {
            for (KernelReport.CgroupOom o : c.counted()) {
                if (o.underOom()) {
                    out.add(new Finding(Severity.CRITICAL, "mem.cgroup-under-oom", "kernel", "cgroup " + o.path() + " is out of memory now",
                            o.path() + "/memory.oom_control: under_oom 1, oom_kill " + o.oomKills(),
                            "Its tasks wait for memory (the OOM killer is disabled there, or it is choosing a victim): raise its "
                                    + "memory limit or stop a process in it."));
                }
            }
            List<KernelReport.CgroupOom> leaves = leaves(c.counted());
            if (leaves.isEmpty()) {
                return;
            }
            long total = leaves.stream().mapToLong(KernelReport.CgroupOom::oomKills).sum();
            KernelReport.CgroupOom first = leaves.get(0);
            String title = leaves.size() == 1 ? total + " OOM " + (total == 1 ? "kill" : "kills") + " in cgroup " + first.path()
                    + " since it was created"
                    : total + " OOM kills in " + leaves.size() + " cgroups since they were created";
            List<String> named = leaves.stream().limit(LISTED).map(o -> o.path() + ": " + o.oomKills()
                    + o.ooms().map(n -> " (" + n + " times at its limit)").orElse("")).toList();
            out.add(new Finding(Severity.WARNING, "mem.cgroup-oom", "kernel", title,
                    String.join("; ", named) + (leaves.size() > LISTED ? "; and " + (leaves.size() - LISTED) + " more" : "")
                            + " (cgroup " + first.version() + " memory counters; when is not recorded there"
                            + r.uptimeSeconds().map(u -> ", at most since boot " + ago(u)).orElse("") + ")",
                    "The kernel log (logs probe, or journalctl -k) says when and which process; a cgroup that keeps "
                            + "hitting its limit needs a higher memory.max or a smaller workload."));
        });
        return out;
    }

    /** The cgroups with kills that have no counted descendant (cgroup v2 counts a child's kills in its parents too). */
    private static List<KernelReport.CgroupOom> leaves(List<KernelReport.CgroupOom> counted) {
        List<KernelReport.CgroupOom> withKills = counted.stream().filter(o -> o.oomKills() > 0).toList();
        return withKills.stream().filter(o -> withKills.stream().noneMatch(d -> d != o && d.path().startsWith(o.path() + "/"))).toList();
    }

    private static String ago(double seconds) {
        long s = (long) seconds;
        return s >= 86400 ? (s / 86400) + " d ago" : s >= 3600 ? (s / 3600) + " h ago" : (s / 60) + " min ago";
    }
}
