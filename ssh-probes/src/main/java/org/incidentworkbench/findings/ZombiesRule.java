package org.incidentworkbench.findings;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.incidentworkbench.parse.PsReport;
import org.incidentworkbench.parse.TopReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Zombie processes (exited, not yet reaped by their parent): info for any, warning from
 * {@link Limits#zombiesWarning()} (20). The evidence names the parents, since the fix is theirs.
 * Reads ps; falls back to top's task line.
 */
final class ZombiesRule extends ThresholdRule<ZombiesRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("one or two zombies are transient; many mean a parent that never reaps (each holds a pid, and pid exhaustion stops forks); any zombie is reported as info") int zombiesWarning) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(20);

        @Override
        public List<String> units() {
            return List.of("processes");
        }
    }

    ZombiesRule() {
        this(Limits.DEFAULTS);
    }

    ZombiesRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        int count;
        String evidence;
        String probe;
        var ps = report.get(Probes.PS);
        if (ps.isPresent()) {
            List<PsReport.ProcessRow> z = ps.get().inState('Z');
            count = z.size();
            Map<Long, Long> parents = z.stream().filter(p -> p.ppid().isPresent())
                    .collect(Collectors.groupingBy(p -> p.ppid().get(), Collectors.counting()));
            Map<Long, String> names = ps.get().processes().stream()
                    .collect(Collectors.toMap(PsReport.ProcessRow::pid, PsReport.ProcessRow::name, (a, b) -> a));
            evidence = parents.entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(5)
                    .map(e -> e.getValue() + " of parent " + e.getKey() + " " + names.getOrDefault(e.getKey(), "?"))
                    .collect(Collectors.joining(", "));
            probe = "ps";
        } else {
            var top = report.get(Probes.TOP).flatMap(TopReport::tasks).flatMap(TopReport.Tasks::zombie);
            if (top.isEmpty()) {
                return List.of();
            }
            count = top.get();
            evidence = "top counts " + count + " zombie tasks";
            probe = "top";
        }
        if (count == 0) {
            return List.of();
        }
        Severity s = count >= t.zombiesWarning() ? Severity.WARNING : Severity.INFO;
        return List.of(new Finding(s, "proc.zombies", probe, count + " zombie process" + (count == 1 ? "" : "es"),
                (evidence.isEmpty() ? count + " zombies" : evidence) + "; threshold " + t.zombiesWarning(),
                "A zombie holds only a pid; its parent fails to wait() for it. Restart or fix the parent; killing "
                        + "the zombie itself does nothing."));
    }
}
