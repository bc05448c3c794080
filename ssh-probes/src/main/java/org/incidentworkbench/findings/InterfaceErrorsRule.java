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
 * Interface errors and drops growing now ({@code net.interface-errors}), from the kernel probe's two reads of
 * {@code /proc/net/dev} a second apart (Gregg's {@code sar -n DEV,EDEV 1}). The ip probe's {@code net.nic-errors}
 * reads the totals since the link came up; this one says they are still growing.
 */
final class InterfaceErrorsRule extends ThresholdRule<InterfaceErrorsRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("receive plus transmit errors per second; a healthy link has none, so any growing error count is a fault (cable, duplex, driver)") double errorsPerSecondWarning,
            @Reason("receive plus transmit drops per second; a few drops of unknown protocols or multicast are normal, ten a second are a full ring buffer, backlog or a peer that cannot take the packets") double dropsPerSecondWarning) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(0.0, 10.0);

        @Override
        public List<String> units() {
            return List.of("per second", "per second");
        }
    }

    InterfaceErrorsRule() {
        this(Limits.DEFAULTS);
    }

    InterfaceErrorsRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        Optional<KernelReport> k = report.get(Probes.KERNEL);
        if (k.isEmpty() || k.get().intervalSeconds().isEmpty()) {
            return List.of();
        }
        double seconds = k.get().intervalSeconds().get();
        List<Finding> out = new ArrayList<>();
        for (KernelReport.Interface i : k.get().interfaces()) {
            long errors = d(i.rxErrors()) + d(i.txErrors());
            long drops = d(i.rxDrops()) + d(i.txDrops());
            boolean erring = errors / seconds > t.errorsPerSecondWarning();
            boolean dropping = drops / seconds >= t.dropsPerSecondWarning();
            if (!erring && !dropping) {
                continue;
            }
            String title = erring ? i.name() + " has " + Findings.rate(errors / seconds) + " packet errors a second"
                    : i.name() + " drops " + Findings.rate(drops / seconds) + " packets a second";
            out.add(new Finding(Severity.WARNING, "net.interface-errors", "kernel", title,
                    "in " + Findings.rate(seconds) + " s: receive " + d(i.rxPackets()) + " packets, "
                            + d(i.rxErrors()) + " errors, " + d(i.rxDrops()) + " dropped; transmit " + d(i.txPackets()) + " packets, "
                            + d(i.txErrors()) + " errors, " + d(i.txDrops()) + " dropped; since the link came up "
                            + (i.rxDrops().total() + i.txDrops().total()) + " dropped, " + (i.rxErrors().total() + i.txErrors().total())
                            + " errors",
                    "Errors point at cabling, duplex or the driver (ethtool -S " + i.name() + "); drops at full ring buffers "
                            + "(ethtool -g), the backlog (net.core.netdev_max_backlog), or a peer that refuses the packets (MTU)."));
        }
        return out;
    }

    private static long d(KernelReport.Counter c) {
        return c.delta().orElse(0L);
    }
}
