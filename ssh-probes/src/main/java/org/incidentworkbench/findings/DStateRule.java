package org.incidentworkbench.findings;

import java.util.List;
import java.util.stream.Collectors;
import org.incidentworkbench.parse.PsReport;
import org.incidentworkbench.probe.TriageReport;

/**
 * Processes in uninterruptible sleep (state D), which cannot be killed and count towards the load:
 * info for any, warning from {@link Thresholds#dStateWarning()} (3).
 */
final class DStateRule implements FindingRule {

    private final Thresholds t;

    DStateRule(Thresholds t) {
        this.t = t;
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        return report.parsed("ps", PsReport.class).map(ps -> ps.inState('D')).filter(d -> !d.isEmpty()).map(d -> {
            Severity s = d.size() >= t.dStateWarning() ? Severity.WARNING : Severity.INFO;
            String who = d.stream().limit(5).map(p -> p.pid() + " " + p.name()).collect(Collectors.joining(", "));
            return List.of(new Finding(s, "proc.d-state", "ps",
                    d.size() + " process" + (d.size() == 1 ? " is" : "es are") + " stuck in uninterruptible I/O wait (D)",
                    who + (d.size() > 5 ? ", ..." : "") + "; threshold " + t.dStateWarning(),
                    "See what they wait for: cat /proc/PID/stack and /proc/PID/wchan; usually a slow disk (iostat) or "
                            + "an unreachable NFS server (mount -t nfs,nfs4)."));
        }).orElse(List.of());
    }
}
