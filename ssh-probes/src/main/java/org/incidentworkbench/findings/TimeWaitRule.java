package org.incidentworkbench.findings;

import java.util.List;
import org.incidentworkbench.parse.SsReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Many TIME-WAIT sockets, at least {@link Limits#timeWaitWarning()} (5000), counted by {@code ss -s}
 * (which sees all of them) or else from the socket list: a sign of many short connections, and of
 * ephemeral-port exhaustion when they go to one peer.
 */
final class TimeWaitRule extends ThresholdRule<TimeWaitRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("Linux's default ephemeral port range has 28232 ports, so thousands of TIME-WAITs to one peer risk port exhaustion") int timeWaitWarning) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(5000);

        @Override
        public List<String> units() {
            return List.of("sockets");
        }
    }

    TimeWaitRule() {
        this(Limits.DEFAULTS);
    }

    TimeWaitRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        return report.get(Probes.SS).map(ss -> {
            long listed = ss.sockets().stream().filter(s -> s.state().map("TIME-WAIT"::equals).orElse(false)).count();
            long count = Math.max(listed, ss.summary().flatMap(SsReport.Summary::tcpTimeWait).orElse(0));
            if (count < t.timeWaitWarning()) {
                return List.<Finding>of();
            }
            return List.of(new Finding(Severity.WARNING, "net.time-wait", "ss", count + " sockets in TIME-WAIT",
                    count + " TIME-WAIT sockets; threshold " + t.timeWaitWarning()
                            + " (the default ephemeral port range, 32768-60999, has 28232 ports)",
                    "Find the peer they go to (ss -tan state time-wait | awk '{print $4}' | sort | uniq -c | sort -n) "
                            + "and use connection pooling or keep-alive there."));
        }).orElse(List.of());
    }
}
