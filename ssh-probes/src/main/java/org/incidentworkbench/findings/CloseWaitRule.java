package org.incidentworkbench.findings;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.incidentworkbench.parse.SsReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Many CLOSE-WAIT sockets, at least {@link Limits#closeWaitWarning()} (20): the peer has closed and the
 * local application never did, which only an application bug (leaked connections) produces. The
 * evidence names the processes and local ports holding them.
 */
final class CloseWaitRule extends ThresholdRule<CloseWaitRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("the peer closed and our application has not; CLOSE-WAIT sockets accumulate only through an application bug (leaked connections)") int closeWaitWarning) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(20);

        @Override
        public List<String> units() {
            return List.of("sockets");
        }
    }

    CloseWaitRule() {
        this(Limits.DEFAULTS);
    }

    CloseWaitRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        return report.get(Probes.SS).map(ss -> {
            List<SsReport.Socket> cw = ss.sockets().stream().filter(s -> s.state().map("CLOSE-WAIT"::equals).orElse(false)).toList();
            if (cw.size() < t.closeWaitWarning()) {
                return List.<Finding>of();
            }
            Map<String, Long> holders = cw.stream().collect(Collectors.groupingBy(s -> s.processes().isEmpty()
                    ? "port " + s.localPort().orElse("?")
                    : s.processes().get(0).name() + s.processes().get(0).pid().map(p -> " (pid " + p + ")").orElse("")
                    + " port " + s.localPort().orElse("?"), Collectors.counting()));
            String who = holders.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            return List.of(new Finding(Severity.WARNING, "net.close-wait", "ss", cw.size() + " sockets in CLOSE-WAIT",
                    who + "; threshold " + t.closeWaitWarning(),
                    "The application does not close connections its peers closed (a leak): check its connection "
                            + "pool and error paths; restarting it frees them for now."));
        }).orElse(List.of());
    }
}
