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
 * TCP errors over the kernel probe's second ({@code /proc/net/snmp}, {@code /proc/net/netstat}), as Gregg's
 * {@code sar -n TCP,ETCP 1}: retransmitted segments as a share of the segments sent ({@code net.retransmits}),
 * connections dropped because a listener's accept queue was full ({@code net.listen-overflows}), and
 * established connections reset ({@code net.resets}). Only rates count: a total since boot says nothing about
 * now, so without a second sample there is no finding (the totals stay in the probe's view).
 */
final class TcpCountersRule extends ThresholdRule<TcpCountersRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("retransmitted segments per segment sent over the second sampled; a healthy LAN retransmits well under 1 %, and each retransmit costs the sender at least one round trip or the 200 ms minimum timeout") double retransmitPercentWarning,
            @Reason("one segment in twenty lost: throughput collapses and requests time out") double retransmitPercentCritical,
            @Reason("segments sent in the second sampled below which a share means little (2 of 10 is not 20 % packet loss)") long minSegmentsSent,
            @Reason("any SYN dropped because an accept queue was full makes that client wait a second or more for its retry; the application does not accept fast enough, or its backlog is too small") double listenOverflowsPerSecondWarning,
            @Reason("a hundred clients a second turned away: the service is refusing load") double listenOverflowsPerSecondCritical,
            @Reason("established connections reset per second (EstabResets): peers or the application aborting connections, beyond the odd client that goes away") double resetsPerSecondWarning) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(1.0, 5.0, 100, 0.0, 100.0, 10.0);

        @Override
        public List<String> units() {
            return List.of("% of segments", "% of segments", "segments", "per second", "per second", "per second");
        }
    }

    TcpCountersRule() {
        this(Limits.DEFAULTS);
    }

    TcpCountersRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        Optional<KernelReport> k = report.get(Probes.KERNEL);
        if (k.isEmpty() || k.get().intervalSeconds().isEmpty()) {
            return List.of();
        }
        KernelReport r = k.get();
        double seconds = r.intervalSeconds().get();
        String over = " in " + Findings.rate(seconds) + " s";
        List<Finding> out = new ArrayList<>();
        Optional<Long> retrans = delta(r, "Tcp.RetransSegs");
        Optional<Long> sent = delta(r, "Tcp.OutSegs");
        if (retrans.isPresent() && sent.isPresent() && sent.get() >= t.minSegmentsSent() && retrans.get() > 0) {
            double pct = 100.0 * retrans.get() / sent.get();
            if (pct >= t.retransmitPercentWarning()) {
                out.add(new Finding(pct >= t.retransmitPercentCritical() ? Severity.CRITICAL : Severity.WARNING, "net.retransmits",
                        "kernel", "TCP retransmits " + Findings.pct(pct) + " of segments",
                        retrans.get() + " of " + sent.get() + " segments sent were retransmissions" + over
                                + total(r, "TcpExt.TCPSynRetrans", "of them SYN retransmits") + "; threshold "
                                + Findings.num(t.retransmitPercentWarning()) + " %",
                        "Packets are lost between this host and its peers (or the peers are overloaded): see which connections "
                                + "retransmit (ss -ti: retrans), interface drops, and the path (mtr)."));
            }
        }
        Optional<Long> overflows = delta(r, "TcpExt.ListenOverflows");
        if (overflows.isPresent() && overflows.get() / seconds > t.listenOverflowsPerSecondWarning()) {
            double rate = overflows.get() / seconds;
            out.add(new Finding(rate >= t.listenOverflowsPerSecondCritical() ? Severity.CRITICAL : Severity.WARNING,
                    "net.listen-overflows", "kernel", "A listen queue overflowed " + Findings.rate(rate) + " times a second",
                    overflows.get() + " connection attempts dropped because an accept queue was full" + over
                            + delta(r, "TcpExt.ListenDrops").map(d -> " (" + d + " listen drops)").orElse("")
                            + "; " + r.tcp().get("TcpExt.ListenOverflows").total() + " since boot",
                    "A service accepts too slowly or its backlog is too small: ss -ltn shows Recv-Q (waiting) against "
                            + "Send-Q (the backlog) per listener; raise the backlog (and net.core.somaxconn) or find why it is slow."));
        }
        Optional<Long> resets = delta(r, "Tcp.EstabResets");
        if (resets.isPresent() && resets.get() / seconds >= t.resetsPerSecondWarning()) {
            double rate = resets.get() / seconds;
            out.add(new Finding(Severity.WARNING, "net.resets", "kernel",
                    "Established TCP connections reset " + Findings.rate(rate) + " times a second",
                    resets.get() + " established connections reset" + over + delta(r, "Tcp.OutRsts").map(d -> ", " + d + " resets sent").orElse("")
                            + "; threshold " + Findings.num(t.resetsPerSecondWarning()) + " a second",
                    "Peers or this host abort connections: a crashing or restarting service, a load balancer's timeouts, or "
                            + "connections refused on a closed port (see the logs and ss -tan)."));
        }
        return out;
    }

    private static Optional<Long> delta(KernelReport r, String name) {
        return Optional.ofNullable(r.tcp().get(name)).flatMap(KernelReport.Counter::delta);
    }

    private static String total(KernelReport r, String name, String what) {
        return delta(r, name).filter(d -> d > 0).map(d -> " (" + d + " " + what + ")").orElse("");
    }
}
