package org.incidentworkbench.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.IpReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * An interface with receive or transmit errors (any: a healthy link has none), or dropping at least
 * {@link Limits#nicDropPercentWarning()} (1 %) of its packets. Counters run since the interface came up,
 * so the hint asks to check whether they still grow.
 */
final class NicErrorsRule extends ThresholdRule<NicErrorsRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("a full ring buffer or backlog; a few drops of unknown protocols are normal, one in a hundred is not") double nicDropPercentWarning) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(1.0);

        @Override
        public List<String> units() {
            return List.of("% of packets");
        }
    }

    NicErrorsRule() {
        this(Limits.DEFAULTS);
    }

    NicErrorsRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        List<Finding> out = new ArrayList<>();
        report.get(Probes.IP).ifPresent(ip -> {
            for (IpReport.Interface i : ip.interfaces()) {
                long errors = value(i.rx().flatMap(IpReport.Counters::errors)) + value(i.tx().flatMap(IpReport.Counters::errors));
                long dropped = value(i.rx().flatMap(IpReport.Counters::dropped)) + value(i.tx().flatMap(IpReport.Counters::dropped));
                long packets = value(i.rx().flatMap(IpReport.Counters::packets)) + value(i.tx().flatMap(IpReport.Counters::packets));
                double dropPct = packets == 0 ? 0 : 100.0 * dropped / packets;
                boolean drops = dropPct >= t.nicDropPercentWarning();
                if (errors == 0 && !drops) {
                    continue;
                }
                String title = errors > 0 ? i.name() + " has " + errors + " packet errors" : i.name() + " drops " + Findings.pct(dropPct) + " of packets";
                out.add(new Finding(Severity.WARNING, "net.nic-errors", "ip", title,
                        "RX " + counters(i.rx()) + "; TX " + counters(i.tx()) + "; drop threshold "
                                + Findings.num(t.nicDropPercentWarning()) + " %",
                        "Counters run since the link came up: run ip -s link show " + i.name() + " twice to see whether "
                                + "they grow; errors point at cabling, duplex or the driver (ethtool -S), drops at full "
                                + "ring buffers or backlogs."));
            }
        });
        return out;
    }

    private static long value(Optional<Long> v) {
        return v.orElse(0L);
    }

    private static String counters(Optional<IpReport.Counters> c) {
        return c.map(x -> x.packets().map(String::valueOf).orElse("?") + " packets, " + x.errors().map(String::valueOf).orElse("?")
                + " errors, " + x.dropped().map(String::valueOf).orElse("?") + " dropped").orElse("?");
    }
}
