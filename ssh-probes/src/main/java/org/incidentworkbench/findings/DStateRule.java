package org.incidentworkbench.findings;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.incidentworkbench.parse.PsReport;
import org.incidentworkbench.parse.TopReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Processes in uninterruptible sleep (state D), which cannot be killed and count towards the load:
 * info for any, warning from {@link Limits#dStateWarning()} (3). Reads ps; falls back to top's process list.
 */
final class DStateRule extends ThresholdRule<DStateRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("one process in uninterruptible sleep can be a brief disk wait; several at one instant mean stuck I/O (NFS, a failing disk); any is reported as info") int dStateWarning) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(3);

        @Override
        public List<String> units() {
            return List.of("processes");
        }
    }

    DStateRule() {
        this(Limits.DEFAULTS);
    }

    DStateRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        Optional<PsReport> ps = report.get(Probes.PS);
        String probe = ps.isPresent() ? "ps" : "top";
        // ps sees every process; top's list (all of them in batch mode) is the fallback
        List<String> d = ps.map(r -> r.inState('D').stream().map(p -> p.pid() + " " + p.name()).toList())
                .or(() -> report.get(Probes.TOP).map(r -> r.processes().stream()
                        .filter(p -> p.state().map(x -> x.startsWith("D")).orElse(false))
                        .map(p -> p.pid() + " " + p.command()).toList()))
                .orElse(List.of());
        if (d.isEmpty()) {
            return List.of();
        }
        Severity s = d.size() >= t.dStateWarning() ? Severity.WARNING : Severity.INFO;
        String who = d.stream().limit(5).collect(Collectors.joining(", "));
        return List.of(new Finding(s, "proc.d-state", probe,
                d.size() + " process" + (d.size() == 1 ? " is" : "es are") + " stuck in uninterruptible I/O wait (D)",
                who + (d.size() > 5 ? ", ..." : "") + "; threshold " + t.dStateWarning(),
                "See what they wait for: cat /proc/PID/stack and /proc/PID/wchan; usually a slow disk (iostat) or "
                        + "an unreachable NFS server (mount -t nfs,nfs4)."));
    }
}
